package nl.ipsexchange.mha.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.client.ClientView;
import nl.ipsexchange.mha.query.inforequest.InformationRequestQueries.FindInformationRequestsQuery;
import nl.ipsexchange.mha.query.inforequest.InformationRequestView;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindOpenTrajectoriesQuery;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView.FundingDecisionView;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView.FundingStatus;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.meeting.MeetingAgenda;

/**
 * The mental health agency's agenda for the practitioner meeting: applicants (funding applied for, not yet funded),
 * participants' progress (funded from their start date, or in job search and jobs), and questions from the other
 * agencies awaiting an answer. No health data.
 */
@Component
public class MhaMeetingAgenda implements MeetingAgenda {

    private final QueryGateway queries;
    private final ClientDataReader clients;

    public MhaMeetingAgenda(QueryGateway queries, ClientDataReader clients) {
        this.queries = queries;
        this.clients = clients;
    }

    @Override
    public List<Section> sections(AccessRecorder.Actor viewer, Role role) {
        List<Case> applicants = new ArrayList<>();
        List<Case> progress = new ArrayList<>();
        for (TrajectoryView trajectory : queries.query(new FindOpenTrajectoriesQuery(),
                ResponseTypes.multipleInstancesOf(TrajectoryView.class)).join()) {
            String name = clients.client(trajectory.clientId()).map(ClientView::name).orElse("(unknown client)");
            List<String> lines = new ArrayList<>();
            lines.add("Referred " + trajectory.referredOn() + "; wants to work as: " + trajectory.jobPreferences());
            lines.add(trajectory.intakeSessions() + " intake consultation(s)");
            boolean funded = trajectory.fundingStatus() == FundingStatus.FUNDED;
            if (applicant(trajectory)) {
                lines.add("Funding applied for at " + trajectory.funder() + " on " + trajectory.appliedOn());
                FundingDecisionView decision = trajectory.fundingDecision();
                if (decision != null) {
                    lines.add(TrajectoryPage.fundingWords(trajectory));
                }
                applicants.add(new Case(trajectory.trajectoryId(), name, lines));
            } else {
                if (funded) {
                    lines.add(TrajectoryPage.fundingWords(trajectory));
                }
                if (trajectory.firstEmployerContact() != null) {
                    lines.add("First employer contact " + trajectory.firstEmployerContact());
                }
                trajectory.placements().forEach(p -> lines.add((p.competitive() ? "Competitive job: " : "Job: ")
                        + p.jobTitle() + " at " + p.employer() + " from " + p.startDate()
                        + (p.endDate() == null ? "" : " to " + p.endDate())));
                progress.add(new Case(trajectory.trajectoryId(), name, lines));
            }
        }
        List<Case> questions = new ArrayList<>();
        for (InformationRequestView request : openRequests()) {
            questions.add(new Case(request.clientId(), request.requestingAgency() + " asks",
                    List.of(request.categories() + " for " + request.purpose() + " (" + request.requestedBy() + ")")));
        }
        return List.of(new Section("New applicants for funding", applicants, true),
                new Section("Current participants' progress", progress),
                new Section("Benefit questions from other agencies", questions));
    }

    /**
     * An open trajectory (by its id) or a client with a question awaiting an answer (by the client's id); a
     * trajectory is an applicant as its section says, and a funding qualification fits only that (ADR 49).
     */
    @Override
    public Optional<Listed> listed(String caseRef) {
        for (TrajectoryView trajectory : queries.query(new FindOpenTrajectoriesQuery(),
                ResponseTypes.multipleInstancesOf(TrajectoryView.class)).join()) {
            if (trajectory.trajectoryId().equals(caseRef)) {
                return Optional.of(new Listed(caseRef, trajectory.clientId(), trajectory.trajectoryId(),
                        applicant(trajectory)));
            }
        }
        return openRequests().stream().filter(request -> request.clientId().equals(caseRef)).findFirst()
                .map(request -> new Listed(caseRef, request.clientId(), null, false));
    }

    /** Funding applied for, no job yet and not funded: a new applicant. */
    private static boolean applicant(TrajectoryView trajectory) {
        return trajectory.appliedOn() != null && trajectory.placements().isEmpty()
                && trajectory.fundingStatus() != FundingStatus.FUNDED;
    }

    private List<InformationRequestView> openRequests() {
        return queries.query(new FindInformationRequestsQuery(true),
                ResponseTypes.multipleInstancesOf(InformationRequestView.class)).join();
    }
}
