package nl.ipsexchange.funding;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPaymentCommand;
import nl.ipsexchange.funding.command.FundingCommands.RejectFundingCommand;
import nl.ipsexchange.funding.query.FundingProjection;
import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentStatement;
import nl.ipsexchange.kernel.funding.StatementPeriod;
import nl.ipsexchange.platform.web.BadRequestException;
import nl.ipsexchange.platform.web.ConflictException;
import nl.ipsexchange.platform.web.ListPages;
import nl.ipsexchange.platform.web.NotFoundException;

/**
 * A funder's funding applications: list, approve (fidelity-gated, under the covenant version in force), reject; its
 * payment schedules; and the covenant's versions.
 */
@RestController
@Tag(name = "funding", description = "IPS funding applications and payment schedules at this funder")
public class FundingController {

    /** The most applications a page of the list holds (issue 33: the list had no bound). */
    static final int PAGE = 500;

    private final FundingProjection funding;
    private final FidelityGate fidelity;
    private final CommandGateway commands;
    private final FundingRules covenant;
    private final Clock clock;

    public FundingController(FundingProjection funding, FidelityGate fidelity, CommandGateway commands,
                             FundingRules covenant, Clock clock) {
        this.funding = funding;
        this.fidelity = fidelity;
        this.commands = commands;
        this.covenant = covenant;
        this.clock = clock;
    }

    public record ApproveRequest(@NotNull(message = "is required") LocalDate startDate) {
    }

    public record RejectRequest(@NotBlank(message = "is required")
                                @Size(max = 500, message = "must be at most 500 characters") String reason) {
    }

    /** {@code covenantVersion}: the version an approval pinned for the trajectory's schedule; null otherwise. */
    public record Decision(String applicationId, String status, LocalDate startDate, String covenantVersion) {
    }

    @GetMapping("/api/funding-applications")
    @FunderStaff
    @Operation(summary = "Funding applications received, with their status and, once approved, the covenant version "
            + "their schedule keeps (covenantVersion); newest applied first, a page at a time: the first page by "
            + "default; when more follow, a Link header with rel=\"next\" gives the next page's address "
            + "(after=<last application id shown>)")
    public ResponseEntity<List<FundingProjection.ApplicationView>> applications(
            @RequestParam(required = false) UUID after,
            @RequestParam(defaultValue = "" + PAGE) @Min(1) @Max(PAGE) int limit) {
        if (after != null && funding.application(after.toString()).isEmpty()) {
            throw new BadRequestException("after: is not an application this funder received");
        }
        List<FundingProjection.ApplicationView> read = funding.applications(after == null ? null : after.toString(),
                limit);
        boolean more = read.size() > limit;
        return ListPages.answer(more ? read.subList(0, limit) : read, more, "/api/funding-applications", limit,
                FundingProjection.ApplicationView::applicationId);
    }

    @PostMapping("/api/funding-applications/{applicationId}/approve")
    @FundingDeciders
    @Operation(summary = "Approve with a start date; 409 with the reason when the fidelity condition fails (the "
            + "newest review of the trajectory's team, not older than the covenant allows, independent unless the "
            + "covenant accepts one that is not), or when no covenant version is in force yet (naming the first); "
            + "the answer names the covenant version the schedule keeps: the one in force on the day of the decision")
    public Decision approve(@PathVariable UUID applicationId, @Valid @RequestBody ApproveRequest request) {
        requireApplication(applicationId);
        LocalDate today = LocalDate.now(clock);
        FidelityGate.Verdict verdict = fidelity.verdict(applicationId.toString(), today);
        Optional<?> refusal = commands.sendAndWait(new ApproveFundingCommand(applicationId.toString(),
                request.startDate(), today, verdict.refusal()));
        if (refusal != null && refusal.isPresent()) {
            throw new ConflictException(refusal.get().toString());
        }
        // the projection is written in the command's transaction: it already names the version pinned
        String covenantVersion = funding.application(applicationId.toString())
                .map(FundingProjection.ApplicationView::covenantVersion).orElse(null);
        return new Decision(applicationId.toString(), "APPROVED", request.startDate(), covenantVersion);
    }

    @PostMapping("/api/funding-applications/{applicationId}/reject")
    @FundingDeciders
    @Operation(summary = "Reject with a reason")
    public Decision reject(@PathVariable UUID applicationId, @Valid @RequestBody RejectRequest request) {
        requireApplication(applicationId);
        commands.sendAndWait(new RejectFundingCommand(applicationId.toString(), request.reason()));
        return new Decision(applicationId.toString(), "REJECTED", null, null);
    }

    /**
     * The covenant's versions and the one in force today.
     *
     * @param inForceToday the version an approval decided today would pin; null before the first version's day
     */
    public record CovenantVersions(LocalDate today, String inForceToday, List<CovenantVersion> versions) {
    }

    /** A version of the covenant: in force from its first day through {@code effectiveUntil} (null: no end yet). */
    public record CovenantVersion(String version, LocalDate effectiveFrom, LocalDate effectiveUntil,
                                  boolean inForceToday) {
    }

    @GetMapping("/api/covenant-versions")
    @FunderStaff
    @Operation(summary = "The covenant's versions, each in force from its first day until the next one's, and the "
            + "one in force today: an approval decided today pins its terms (versions loaded ahead of their day are "
            + "listed too)")
    public CovenantVersions covenantVersions() {
        LocalDate today = LocalDate.now(clock);
        FundingAgreement agreement = covenant.agreement();
        String inForce = agreement.inForceOn(today).map(FundingAgreement.Version::version).orElse(null);
        List<FundingAgreement.Version> all = agreement.versions();
        List<CovenantVersion> versions = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            FundingAgreement.Version version = all.get(i);
            LocalDate until = i + 1 < all.size() ? all.get(i + 1).effectiveFrom().minusDays(1) : null;
            versions.add(new CovenantVersion(version.version(), version.effectiveFrom(), until,
                    version.version().equals(inForce)));
        }
        return new CovenantVersions(today, inForce, List.copyOf(versions));
    }

    @GetMapping("/api/trajectories/{trajectoryId}/payments")
    @PaymentReaders
    @Operation(summary = "The payment schedule of a trajectory: type, amount, due date, status")
    public List<FundingProjection.PaymentView> payments(@PathVariable UUID trajectoryId) {
        return funding.payments(trajectoryId.toString());
    }

    /** A payment the funder made: which line, on which day, under which of its own references. */
    public record PaymentRequest(@NotBlank(message = "is required")
                                 @Size(max = 120, message = "must be at most 120 characters") String lineId,
                                 @NotNull(message = "is required") LocalDate paidOn,
                                 @NotBlank(message = "is required")
                                 @Size(max = 100, message = "must be at most 100 characters") String reference) {
    }

    @PostMapping("/api/funding-applications/{applicationId}/payments")
    @FundingDeciders
    @Operation(summary = "Record the payment of a line that fell due (its date and the funder's reference); "
            + "answers the trajectory's payment lines. The same payment again changes nothing; 409 for a line not "
            + "due, cancelled or paid otherwise")
    public List<FundingProjection.PaymentView> recordPayment(@PathVariable UUID applicationId,
                                                             @Valid @RequestBody PaymentRequest request) {
        requireApplication(applicationId);
        commands.sendAndWait(new RecordPaymentCommand(applicationId.toString(), request.lineId(), request.paidOn(),
                request.reference(), LocalDate.now(clock)));
        return funding.payments(applicationId.toString());
    }

    @GetMapping("/api/payment-statement")
    @PaymentReaders
    @Operation(summary = "The statement of a period (from and to inclusive, at most ten years): per trajectory what "
            + "fell due in it (owed), what was paid in it, and what was outstanding at its end; with totals")
    public PaymentStatement statement(@RequestParam LocalDate from, @RequestParam LocalDate to) {
        return funding.statement(new StatementPeriod(from, to));
    }

    private void requireApplication(UUID applicationId) {
        if (funding.application(applicationId.toString()).isEmpty()) {
            throw new NotFoundException("no funding application " + applicationId);
        }
    }
}
