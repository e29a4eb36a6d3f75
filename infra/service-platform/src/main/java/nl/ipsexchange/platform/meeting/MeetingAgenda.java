package nl.ipsexchange.platform.meeting;

import java.util.List;

import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.kernel.security.Role;

/**
 * The agenda of the practitioner meeting as one agency sees it: new applicants for funding, current participants'
 * progress, benefit questions. Each case shows only what the viewer's agency and role may see; health data shown
 * is read (and recorded) like any other read.
 */
public interface MeetingAgenda {

    /** A section of the agenda. */
    record Section(String title, List<Case> cases) {
    }

    /** One case: a reference (the trajectory or client id) and what may be shown about it. */
    record Case(String caseRef, String heading, List<String> lines) {
    }

    List<Section> sections(AccessRecorder.Actor viewer, Role role);
}
