package nl.ipsexchange.audit.query;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;

/** An access record as auditors see it (the fields of the public API). */
public record AccessRecordView(
        UUID recordId,
        Instant time,
        String agency,
        String userId,
        String role,
        String clientId,
        Set<DataCategory> categories,
        AccessAction action,
        Purpose purpose,
        UUID consentId,
        AccessOutcome outcome,
        String reason) {
}
