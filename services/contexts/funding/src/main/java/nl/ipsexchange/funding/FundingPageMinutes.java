package nl.ipsexchange.funding;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import nl.ipsexchange.platform.meeting.MeetingMinutes;

/**
 * The practitioner meeting's decisions on the funder's page of applications (ADR 49): the page asks for those of each
 * application it lists, as far as this agency may see them now.
 */
@ControllerAdvice(assignableTypes = FundingPage.class)
public class FundingPageMinutes {

    private final MeetingMinutes minutes;

    public FundingPageMinutes(MeetingMinutes minutes) {
        this.minutes = minutes;
    }

    @ModelAttribute("minutes")
    public MeetingMinutes minutes() {
        return minutes;
    }
}
