package nl.ipsexchange.audit.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A signed statement, published outside the audit database, of what each chain of a trail held when it was last
 * found intact (ADR 32): its records and head. {@code trail} tells trails on one broker apart (one audit database
 * each); the signature covers {@link #signedText()}.
 */
public record Checkpoint(String trail, Instant time, List<ChainHead> chains, String signature) {

    public Checkpoint {
        chains = chains.stream().sorted(Comparator.comparing(ChainHead::chain)).toList();
    }

    /** What the signature covers: every field, one per line, in a fixed order. */
    public byte[] signedText() {
        StringBuilder text = new StringBuilder("ips-audit-checkpoint 1\n").append(trail).append('\n').append(time)
                .append('\n');
        for (ChainHead chain : chains) {
            text.append(String.join(" ", chain.chain(), Long.toString(chain.records()),
                    Long.toString(chain.position()), chain.recordId().toString(), chain.hash())).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    Checkpoint signed(String by) {
        return new Checkpoint(trail, time, chains, by);
    }
}
