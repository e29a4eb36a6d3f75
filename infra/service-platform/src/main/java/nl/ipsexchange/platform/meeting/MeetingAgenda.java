package nl.ipsexchange.platform.meeting;

import java.util.List;
import java.util.Optional;

import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.kernel.security.Role;

/**
 * The agenda of the practitioner meeting as one agency sees it: new applicants for funding, current participants'
 * progress, benefit questions. Each case shows only what the viewer's agency and role may see; health data shown
 * is read (and recorded) like any other read.
 */
public interface MeetingAgenda {

    /**
     * A section of the agenda; {@code applicants}: its cases are new applicants for funding, the only ones a funding
     * qualification is offered for (ADR 49).
     */
    record Section(String title, List<Case> cases, boolean applicants) {

        /** A section of other cases than new applicants. */
        public Section(String title, List<Case> cases) {
            this(title, cases, false);
        }
    }

    /** One case: a reference (the trajectory or client id) and what may be shown about it. */
    record Case(String caseRef, String heading, List<String> lines) {
    }

    /**
     * A case as the agenda lists it for deciding about, read without showing anything of the client (so nothing is
     * recorded): who it is about, and whether it is a new applicant for funding.
     *
     * @param clientId     the client the case is about
     * @param trajectoryId the trajectory, which is the funding application's id; null for a question about a client
     * @param applicant    whether it is listed among the new applicants, so that a funding qualification fits it
     */
    record Listed(String caseRef, String clientId, String trajectoryId, boolean applicant) {
    }

    List<Section> sections(AccessRecorder.Actor viewer, Role role);

    /** The case if it is on this agency's agenda now; empty otherwise (a decision about it is refused). */
    Optional<Listed> listed(String caseRef);
}
