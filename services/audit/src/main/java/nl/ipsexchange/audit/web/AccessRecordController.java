package nl.ipsexchange.audit.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import nl.ipsexchange.audit.query.AccessRecordChain;
import nl.ipsexchange.audit.query.AccessRecordProjection;
import nl.ipsexchange.audit.query.AccessRecordQueries.FindAccessRecordsQuery;
import nl.ipsexchange.audit.query.TrailVerifications;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.platform.security.CurrentUser;
import nl.ipsexchange.platform.web.BadRequestException;

/** The confidentiality trail for auditors. */
@RestController
@Validated
@Tag(name = "access records", description = "Who saw which health information")
public class AccessRecordController {

    private final AccessRecordProjection trail;
    private final TrailVerifications verifications;

    public AccessRecordController(AccessRecordProjection trail, TrailVerifications verifications) {
        this.trail = trail;
        this.verifications = verifications;
    }

    @GetMapping("/api/access-records/verification")
    @Auditors
    @Operation(summary = "Walks every agency's hash chain now: intact, records checked, the first broken record "
            + "(the result is also kept, and shown on the trail page)")
    public AccessRecordChain.Verification verification() {
        return verifications.verifyNow(TrailVerifications.Trigger.API, CurrentUser.actor().userId());
    }

    @GetMapping("/api/access-records/anomalies")
    @Auditors
    @Operation(summary = "Reads without a valid consent, or after a consent ended (WITHOUT_CONSENT, AFTER_REVOCATION); "
            + "after=recordId: the next page")
    public List<AccessRecordProjection.SignedAccessRecord> anomalies(@RequestParam AccessRecordProjection.Anomaly type,
                                               @RequestParam(defaultValue = "1000") @Min(value = 1,
                                                       message = "must be at least 1") @Max(value = 10_000,
                                                       message = "must be at most 10000") int limit,
                                               @RequestParam(required = false) UUID after) {
        return trail.signedAnomalies(type, position(trail, after), limit);
    }

    @GetMapping("/api/access-records")
    @Auditors
    @Operation(summary = "Access records, newest first, by client, user, agency and period (dates inclusive); "
            + "after=recordId: the next page, the records after that one. Each with the signature (base64 Ed25519) "
            + "of the message that brought it and its key id (null for the audit service's own records)")
    public List<AccessRecordProjection.SignedAccessRecord> find(
            @RequestParam(required = false) @Size(max = 64, message = "must be at most 64 characters") String clientId,
            @RequestParam(required = false) @Size(max = 100, message = "must be at most 100 characters") String userId,
            @RequestParam(required = false) Agency agency,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "1000") @Min(value = 1, message = "must be at least 1")
            @Max(value = 10_000, message = "must be at most 10000") int limit,
            @RequestParam(required = false) UUID after) {
        BadRequestException.requireOrderedPeriod(from, to);
        return trail.findSigned(FindAccessRecordsQuery.ofDays(clientId, userId, agency, from, to, limit)
                .after(position(trail, after)));
    }

    /**
     * Where the page after record {@code after} begins (null: at the newest); a 400 naming the parameter when the
     * trail has no such record.
     */
    static AccessRecordProjection.Position position(AccessRecordProjection trail, UUID after) {
        return after == null ? null : trail.position(after)
                .orElseThrow(() -> new BadRequestException("after: is not a record of the trail"));
    }
}
