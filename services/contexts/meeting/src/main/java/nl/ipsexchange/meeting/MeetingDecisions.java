package nl.ipsexchange.meeting;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;

import io.swagger.v3.oas.annotations.media.Schema;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.meeting.command.DecisionKind;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionReceivedEvent;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.meeting.MeetingMinutes;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;

/**
 * The minutes of the practitioner meetings as this agency may see them (ADR 49): its own decisions, at the client's
 * provider also those the other agencies sent it, and elsewhere those shared with it through the consent gate. A
 * shared decision is shown only while this agency's consent replica covers its client for case review, each showing
 * recorded as a read of the client's data (or, the consent gone, as a refusal), and its texts are kept sealed under
 * the client's key. Also the meetings' schedule (every n weeks from a first date).
 */
@ProcessingGroup("meeting")
public class MeetingDecisions implements MeetingMinutes {

    /** What a read of shared decisions is, in the access records. */
    static final String SHARED_MINUTES = "meeting decisions shared with this agency";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final LocalDate first;
    private final int everyWeeks;
    private final Agency self;
    private final ClientDataCipher cipher;
    private final SharedWithThisAgency consents;

    /**
     * @param consents the consent replica's reading of shared decisions; null where none are received (the mental
     *                 health agency, whose minutes are all its own or sent to it as the provider)
     */
    public MeetingDecisions(JdbcTemplate jdbc, Clock clock, LocalDate first, int everyWeeks, Agency self,
                            ClientDataCipher cipher, SharedWithThisAgency consents) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.first = first;
        this.everyWeeks = everyWeeks;
        this.self = self;
        this.cipher = cipher;
        this.consents = consents;
    }

    /** A decision as listed (named apart in the OpenAPI document from the funders' and MHA's own decisions). */
    @Schema(name = "MeetingDecision")
    public record Decision(String decisionId, LocalDate meetingDate, String caseRef, DecisionKind kind,
                           Boolean qualifies, String action, String owner, LocalDate due, String note,
                           String decidedBy,
                           @Schema(description = "The agency whose practitioner recorded it") Agency recordedAt,
                           @Schema(description = "The trajectory (the funding application) the case is about")
                           String trajectoryId) {
    }

    /** The next meeting on or after today. */
    public LocalDate nextMeeting() {
        LocalDate today = LocalDate.now(clock);
        if (!today.isAfter(first)) {
            return first;
        }
        long weeks = ChronoUnit.WEEKS.between(first, today);
        LocalDate candidate = first.plusWeeks(weeks - weeks % everyWeeks);
        return candidate.isBefore(today) ? candidate.plusWeeks(everyWeeks) : candidate;
    }

    @EventHandler
    void on(MeetingDecisionRecordedEvent event, @MessageIdentifier String eventId) {
        insert(event.decisionId(), event.meetingDate(), event.caseRef(), event.kind(), event.qualifies(),
                event.action(), event.owner(), event.due(), event.note(), event.decidedBy(), self, event.clientId(),
                event.trajectoryId(), false, eventId);
    }

    @EventHandler
    void on(MeetingDecisionReceivedEvent event, @MessageIdentifier String eventId) {
        insert(event.decisionId(), event.meetingDate(), event.caseRef(), event.kind(), event.qualifies(),
                event.action(), event.owner(), event.due(), null, event.decidedBy(), event.recordedAt(),
                event.clientId(), event.trajectoryId(), false, eventId);
    }

    /** A decision shared with this agency through the consent gate, in the inbound transaction; kept once. */
    public void shared(MeetingDecisionSharedEvent event, UUID eventId) {
        String client = event.clientId();
        insert(event.decisionId(), event.meetingDate(), event.caseRef(), DecisionKind.valueOf(event.kind().name()),
                event.qualifies(), cipher.sealText(client, MeetingDecisionSharedEvent.CATEGORY, event.action()),
                cipher.sealText(client, MeetingDecisionSharedEvent.CATEGORY, event.owner()), event.due(), null,
                event.decidedBy(), event.recordedAt(), client, event.trajectoryId(), true, eventId.toString());
    }

    /** Erases the decisions about the client shared with this agency (its consent for case review ended). */
    public int eraseShared(String clientId) {
        return jdbc.update("delete from meeting_decision where shared and client_id = ?", clientId);
    }

    private void insert(String decisionId, LocalDate meetingDate, String caseRef, DecisionKind kind,
                        Boolean qualifies, String action, String owner, LocalDate due, String note, String decidedBy,
                        Agency recordedAt, String clientId, String trajectoryId, boolean shared, String eventId) {
        jdbc.update("""
                insert into meeting_decision (decision_id, meeting_date, case_ref, kind, qualifies, action, owner,
                    due, note, decided_by, recorded_at, client_id, trajectory_id, shared, last_event_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (decision_id) do nothing""",
                decisionId, Date.valueOf(meetingDate), caseRef, kind.name(), qualifies, action, owner,
                due == null ? null : Date.valueOf(due), note, decidedBy, recordedAt == null ? null : recordedAt.name(),
                clientId, trajectoryId, shared, eventId);
    }

    /** The meeting's decisions this agency may see now, by case, as shown to {@code viewer}. */
    public List<Decision> of(LocalDate meetingDate, AccessRecorder.Actor viewer) {
        return visible(jdbc.query("select * from meeting_decision where meeting_date = ? order by case_ref, "
                + "decision_id", this::row, Date.valueOf(meetingDate)), viewer);
    }

    /** The decisions about a funding application (a trajectory) this agency may see now, oldest meeting first. */
    @Override
    public List<LinkedDecision> about(String applicationId, AccessRecorder.Actor viewer) {
        return visible(jdbc.query("select * from meeting_decision where trajectory_id = ? order by meeting_date, "
                + "decision_id", this::row, applicationId), viewer).stream()
                .map(d -> new LinkedDecision(d.decisionId(), d.meetingDate(),
                        d.recordedAt() == null ? null : d.recordedAt().name(), d.kind().name(), d.qualifies(),
                        d.action(), d.owner(), d.due(), d.decidedBy()))
                .toList();
    }

    /** A row as read: a shared one with its sealed texts and the client it is about, still to be checked. */
    private record Row(Decision decision, boolean shared, String clientId) {
    }

    private Row row(ResultSet rs, int i) throws SQLException {
        Date due = rs.getDate("due");
        String recordedAt = rs.getString("recorded_at");
        return new Row(new Decision(rs.getString("decision_id"), rs.getDate("meeting_date").toLocalDate(),
                rs.getString("case_ref"), DecisionKind.valueOf(rs.getString("kind")),
                (Boolean) rs.getObject("qualifies"), rs.getString("action"), rs.getString("owner"),
                due == null ? null : due.toLocalDate(), rs.getString("note"), rs.getString("decided_by"),
                recordedAt == null ? self : Agency.valueOf(recordedAt), rs.getString("trajectory_id")),
                rs.getBoolean("shared"), rs.getString("client_id"));
    }

    /**
     * This agency's own rows as they are; a shared one only while the consent replica covers its client for case
     * review now (the second check, at the read), with its texts opened, and not once its key is gone. Each client
     * whose shared decisions the viewer is about to see, or would have seen, is one read in the trail.
     */
    private List<Decision> visible(List<Row> rows, AccessRecorder.Actor viewer) {
        List<Decision> shown = new ArrayList<>();
        Map<String, Boolean> covered = new HashMap<>();
        for (Row row : rows) {
            if (!row.shared()) {
                shown.add(row.decision());
                continue;
            }
            if (consents == null || !covered.computeIfAbsent(row.clientId(), client -> consents.read(
                    new SharedWithThisAgency.SharedRead(client, MeetingDecisionSharedEvent.CATEGORY,
                            Purpose.CASE_REVIEW, viewer, SHARED_MINUTES)))) {
                continue;
            }
            Decision d = row.decision();
            String action = cipher.openText(row.clientId(), MeetingDecisionSharedEvent.CATEGORY, d.action());
            String owner = cipher.openText(row.clientId(), MeetingDecisionSharedEvent.CATEGORY, d.owner());
            if ((d.action() != null && action == null) || (d.owner() != null && owner == null)) {
                continue; // its key is gone: erased
            }
            shown.add(new Decision(d.decisionId(), d.meetingDate(), d.caseRef(), d.kind(), d.qualifies(), action,
                    owner, d.due(), null, d.decidedBy(), d.recordedAt(), d.trajectoryId()));
        }
        return shown;
    }
}
