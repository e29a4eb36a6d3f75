package nl.ipsexchange.funding;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.funding.query.FundingProjection;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.meeting.MeetingAgenda;
import nl.ipsexchange.platform.sharing.SharedClientReader;

/**
 * A funder's agenda for the practitioner meeting: new applicants, participants' progress (decisions and payments),
 * benefit questions (its information requests). Client data is read for CASE_REVIEW through the consent and
 * need-to-know checks, so a case without consent for case review shows its pseudonym only.
 */
public class FunderMeetingAgenda implements MeetingAgenda {

    private final FundingProjection funding;
    private final SharedClientReader clients;
    private final JdbcTemplate jdbc;

    public FunderMeetingAgenda(FundingProjection funding, SharedClientReader clients, JdbcTemplate jdbc) {
        this.funding = funding;
        this.clients = clients;
        this.jdbc = jdbc;
    }

    @Override
    public List<Section> sections(AccessRecorder.Actor viewer, Role role) {
        List<Case> applicants = new ArrayList<>();
        List<Case> progress = new ArrayList<>();
        for (FundingProjection.ApplicationView application : funding.applications()) {
            boolean received = "RECEIVED".equals(application.status());
            if (!received && !"APPROVED".equals(application.status())) {
                continue; // not on the agenda: its client is not read either
            }
            List<String> lines = new ArrayList<>(client(application.clientId(), viewer, role));
            lines.add(application.benefit() == null
                    ? "Application details erased (the client's consent ended)"
                    : "Benefit " + application.benefit() + "; referred " + application.referredOn() + "; applied "
                            + application.appliedOn());
            if (received) {
                applicants.add(new Case(application.trajectoryId(), "Application " + shortId(application), lines));
            } else {
                lines.add("Funded from " + application.startDate());
                funding.payments(application.trajectoryId()).forEach(payment -> lines.add(payment.type() + " "
                        + payment.amount() + " due " + payment.dueDate() + " (" + payment.status() + ")"));
                progress.add(new Case(application.trajectoryId(), "Participant " + shortId(application), lines));
            }
        }
        List<Case> questions = jdbc.query("""
                select request_id, client_id, categories, purpose, outcome, reason from information_request_sent
                order by requested_at""", (rs, i) -> new Case(rs.getString("client_id"),
                "Question " + rs.getString("request_id").substring(0, 8),
                List.of("Asked " + rs.getString("categories") + " for " + rs.getString("purpose"),
                        rs.getString("outcome") == null ? "Awaiting the mental health agency's answer"
                                : "Answer: " + rs.getString("outcome") + (rs.getString("reason") == null ? ""
                                : " (" + rs.getString("reason") + ")"))));
        return List.of(new Section("New applicants for funding", applicants),
                new Section("Current participants' progress", progress),
                new Section("Benefit questions", questions));
    }

    private List<String> client(String clientId, AccessRecorder.Actor viewer, Role role) {
        SharedClientReader.Result result = clients.readClientIfConsented(clientId, Purpose.CASE_REVIEW, viewer, role);
        if (result instanceof SharedClientReader.Shown shown) {
            ClientDataSharedEvent data = shown.data();
            List<String> lines = new ArrayList<>();
            if (data.identification() != null) {
                lines.add(data.identification().name());
            }
            if (data.employment() != null) {
                lines.add("Wants to work as: " + data.employment().jobPreferences());
            }
            if (data.healthSummary() != null) {
                lines.add("Health summary: " + data.healthSummary());
            }
            return lines;
        }
        return List.of("Client " + clientId.substring(0, 8) + " (no consent for case review: no details)");
    }

    private static String shortId(FundingProjection.ApplicationView application) {
        return application.trajectoryId().substring(0, 8);
    }
}
