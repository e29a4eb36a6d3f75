package nl.ipsexchange.meeting;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;

import io.swagger.v3.oas.annotations.media.Schema;

import nl.ipsexchange.meeting.command.DecisionKind;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;

/** The decisions of the practitioner meetings, and the meetings' schedule (every n weeks from a first date). */
@ProcessingGroup("meeting")
public class MeetingDecisions {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final LocalDate first;
    private final int everyWeeks;

    public MeetingDecisions(JdbcTemplate jdbc, Clock clock, LocalDate first, int everyWeeks) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.first = first;
        this.everyWeeks = everyWeeks;
    }

    /** A decision as listed (named apart in the OpenAPI document from the funders' and MHA's own decisions). */
    @Schema(name = "MeetingDecision")
    public record Decision(String decisionId, LocalDate meetingDate, String caseRef, DecisionKind kind,
                           Boolean qualifies, String action, String owner, LocalDate due, String note,
                           String decidedBy) {
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
        jdbc.update("""
                insert into meeting_decision (decision_id, meeting_date, case_ref, kind, qualifies, action, owner,
                    due, note, decided_by, last_event_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (decision_id) do nothing""",
                event.decisionId(), Date.valueOf(event.meetingDate()), event.caseRef(), event.kind().name(),
                event.qualifies(), event.action(), event.owner(), event.due() == null ? null : Date.valueOf(event.due()),
                event.note(), event.decidedBy(), eventId);
    }

    public List<Decision> of(LocalDate meetingDate) {
        return jdbc.query("select * from meeting_decision where meeting_date = ? order by case_ref, decision_id",
                (rs, i) -> {
                    Date due = rs.getDate("due");
                    return new Decision(rs.getString("decision_id"), rs.getDate("meeting_date").toLocalDate(),
                            rs.getString("case_ref"), DecisionKind.valueOf(rs.getString("kind")),
                            (Boolean) rs.getObject("qualifies"), rs.getString("action"), rs.getString("owner"),
                            due == null ? null : due.toLocalDate(), rs.getString("note"), rs.getString("decided_by"));
                }, Date.valueOf(meetingDate));
    }
}
