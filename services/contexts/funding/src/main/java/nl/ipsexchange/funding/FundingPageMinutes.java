package nl.ipsexchange.funding;

import java.util.List;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.meeting.MeetingMinutes;
import nl.ipsexchange.platform.security.CurrentUser;

/**
 * The practitioner meeting's decisions on the funder's page of applications (ADR 49): the page asks for those of each
 * application it lists, as far as this agency may see them now, as shown to the user who asked for the page (a
 * decision shared with this agency is a read of its client's data, recorded as one).
 */
@ControllerAdvice(assignableTypes = FundingPage.class)
public class FundingPageMinutes {

    private final MeetingMinutes minutes;

    public FundingPageMinutes(MeetingMinutes minutes) {
        this.minutes = minutes;
    }

    /** The minutes as the page's viewer sees them. */
    public record Shown(MeetingMinutes minutes, AccessRecorder.Actor viewer) {

        public List<MeetingMinutes.LinkedDecision> about(String applicationId) {
            return minutes.about(applicationId, viewer);
        }
    }

    @ModelAttribute("minutes")
    public Shown minutes() {
        return new Shown(minutes, CurrentUser.actor());
    }
}
