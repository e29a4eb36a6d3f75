package nl.ipsexchange.meeting.command;

import java.util.Optional;

/**
 * The cases on the recording agency's agenda now, as the practitioner meeting's decisions must name one (ADR 49):
 * passed to the command handler, so that the rule has one home and a test can give any agenda.
 */
@FunctionalInterface
public interface CasesOnTheAgenda {

    /**
     * A case on the agenda.
     *
     * @param clientId     the client it is about
     * @param trajectoryId the trajectory, which is the funding application's id; null for a question about a client
     * @param applicant    whether it is a new applicant for funding, the only kind of case a funding qualification fits
     */
    record Case(String caseRef, String clientId, String trajectoryId, boolean applicant) {
    }

    Optional<Case> listed(String caseRef);
}
