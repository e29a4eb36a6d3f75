package nl.ipsexchange.audit.query;

import java.time.Instant;

/** Access records matching every given criterion (null: any), newest first, at most {@code limit}. */
public record FindAccessRecordsQuery(String clientId, String userId, String agency, Instant from, Instant to,
                                     int limit) {
}
