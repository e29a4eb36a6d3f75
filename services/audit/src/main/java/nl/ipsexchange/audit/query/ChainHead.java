package nl.ipsexchange.audit.query;

import java.util.UUID;

/** One chain as a verification found it intact: how many records it holds and its head (ADR 32). */
public record ChainHead(String chain, long records, long position, UUID recordId, String hash) {
}
