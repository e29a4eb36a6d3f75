package nl.ipsexchange.funding;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import nl.ipsexchange.funding.query.FundingProjection;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.platform.meeting.MeetingMinutes;
import nl.ipsexchange.platform.security.CurrentUser;
import nl.ipsexchange.platform.web.NotFoundException;

/**
 * One funding application with the practitioner meeting's decisions linked to it (ADR 49): a "qualifies for
 * funding" of any agency's practitioners, as far as this agency may see the minutes. An addition beside the list of
 * applications, whose shape stays as the public contract fixes it.
 */
@RestController
public class FundingApplicationMinutes {

    private final FundingProjection funding;
    private final MeetingMinutes minutes;

    public FundingApplicationMinutes(FundingProjection funding, MeetingMinutes minutes) {
        this.funding = funding;
        this.minutes = minutes;
    }

    /** An application as listed, and the meeting's decisions about it, oldest meeting first. */
    @Schema(name = "FundingApplicationDetail")
    public record ApplicationDetail(String applicationId, String trajectoryId, String clientId, Agency funder,
                                    String benefit, LocalDate referredOn, LocalDate appliedOn, String status,
                                    LocalDate startDate, String reason,
                                    List<MeetingMinutes.LinkedDecision> meetingDecisions) {
    }

    @GetMapping("/api/funding-applications/{applicationId}")
    @FunderStaff
    @Operation(summary = "One funding application, with the practitioner meeting's decisions about it")
    public ApplicationDetail application(@PathVariable UUID applicationId) {
        FundingProjection.ApplicationView a = funding.application(applicationId.toString())
                .orElseThrow(() -> new NotFoundException("No such funding application."));
        return new ApplicationDetail(a.applicationId(), a.trajectoryId(), a.clientId(), a.funder(), a.benefit(),
                a.referredOn(), a.appliedOn(), a.status(), a.startDate(), a.reason(),
                minutes.about(a.trajectoryId(), CurrentUser.actor()));
    }
}
