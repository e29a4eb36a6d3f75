package nl.ipsexchange.audit.query;

import java.util.Optional;

/**
 * Where chain heads are witnessed outside the audit database (ADR 32): signed checkpoints on
 * {@code ips.audit.checkpoints}. Kept behind this interface so that the verification needs no Kafka.
 */
public interface TrailWitness {

    /** Publishes the signed checkpoint and waits until the broker has it. */
    void publish(Checkpoint checkpoint);

    /**
     * The newest checkpoint of the trail that carries a valid signature, and how many newer ones of the trail were
     * ignored for a bad signature or unreadable content.
     */
    Newest newest(String trail);

    /** The newest valid checkpoint, if the trail has one, and the newer ones that were ignored. */
    record Newest(Optional<Checkpoint> checkpoint, int ignored) {
    }
}
