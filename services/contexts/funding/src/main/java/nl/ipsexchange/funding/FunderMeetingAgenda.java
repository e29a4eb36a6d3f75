package nl.ipsexchange.funding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nl.ipsexchange.funding.query.FundingProjection;
import nl.ipsexchange.kernel.EnumCodes;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.meeting.MeetingAgenda;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;

/**
 * A funder's agenda for the practitioner meeting: new applicants, participants' progress (decisions and payments),
 * benefit questions (its information requests). Client data is read for CASE_REVIEW through the consent and
 * need-to-know checks, so a case without consent for case review shows its pseudonym only.
 */
public class FunderMeetingAgenda implements MeetingAgenda {

    private final FundingProjection funding;
    private final SharedWithThisAgency shared;

    public FunderMeetingAgenda(FundingProjection funding, SharedWithThisAgency shared) {
        this.funding = funding;
        this.shared = shared;
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
        // the categories as they are stored, sorted and comma-separated
        List<Case> questions = shared.requestsSent().stream().map(request -> new Case(request.clientId(),
                "Question " + request.requestId().substring(0, 8),
                List.of("Asked " + EnumCodes.join(request.categories()) + " for " + request.purpose(),
                        request.outcome() == null ? "Awaiting the mental health agency's answer"
                                : "Answer: " + request.outcome() + (request.reason() == null ? ""
                                : " (" + request.reason() + ")")))).toList();
        return List.of(new Section("New applicants for funding", applicants, true),
                new Section("Current participants' progress", progress),
                new Section("Benefit questions", questions));
    }

    /**
     * An application received or approved (by its id, the trajectory's) or a client this agency asked about (by the
     * client's id); a received application is an applicant, the only case a funding qualification fits (ADR 49).
     */
    @Override
    public Optional<Listed> listed(String caseRef) {
        Optional<Listed> application = funding.application(caseRef)
                .filter(a -> "RECEIVED".equals(a.status()) || "APPROVED".equals(a.status()))
                .map(a -> new Listed(caseRef, a.clientId(), a.trajectoryId(), "RECEIVED".equals(a.status())));
        if (application.isPresent()) {
            return application;
        }
        return shared.requestsSent().stream().filter(request -> request.clientId().equals(caseRef)).findFirst()
                .map(request -> new Listed(caseRef, request.clientId(), null, false));
    }

    private List<String> client(String clientId, AccessRecorder.Actor viewer, Role role) {
        Optional<ClientDataSharedEvent> shown = shared.clientIfConsented(clientId, Purpose.CASE_REVIEW, viewer, role);
        if (shown.isPresent()) {
            ClientDataSharedEvent data = shown.get();
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
