package nl.ipsexchange.audit.query;

import java.time.Instant;
import java.time.LocalDate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.ClientIds;
import nl.ipsexchange.kernel.consent.ConsentTerms;

/** The queries of the audit trail. */
public final class AccessRecordQueries {

    private AccessRecordQueries() {
    }

    /**
     * Access records matching every given criterion (null: any), newest first, at most {@code limit}; with
     * {@code after}, only those that come after that record in this order (the next page: ADR 27).
     */
    public record FindAccessRecordsQuery(String clientId, String userId, String agency, Instant from, Instant to,
                                         int limit, AccessRecordProjection.Position after) {

        public FindAccessRecordsQuery {
            // records are filed under the canonical spelling (AccessRecordedEvent); a search in capitals finds them too
            clientId = ClientIds.canonical(clientId);
        }

        public FindAccessRecordsQuery(String clientId, String userId, String agency, Instant from, Instant to,
                                      int limit) {
            this(clientId, userId, agency, from, to, limit, null);
        }

        /** The same criteria, the records after the given one. */
        public FindAccessRecordsQuery after(AccessRecordProjection.Position position) {
            return new FindAccessRecordsQuery(clientId, userId, agency, from, to, limit, position);
        }

        /** The records of a period of whole days, both inclusive, in the agencies' time zone. */
        public static FindAccessRecordsQuery ofDays(String clientId, String userId, Agency agency, LocalDate from,
                                                    LocalDate to, int limit) {
            return new FindAccessRecordsQuery(clientId, userId, agency == null ? null : agency.name(),
                    from == null ? null : from.atStartOfDay(ConsentTerms.ZONE).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(ConsentTerms.ZONE).toInstant(), limit);
        }
    }
}
