package nl.ipsexchange.audit;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.audit.query.Checkpoint;
import nl.ipsexchange.audit.query.TrailVerifications;

/** Starts a test over with an empty trail: no records, no verifications, and a signed checkpoint saying so. */
final class FreshTrail {

    private FreshTrail() {
    }

    static void start(JdbcTemplate jdbc, TrailVerifications.Witnessed witnessed) {
        jdbc.update("delete from access_record");
        jdbc.update("delete from access_chain_head");
        jdbc.update("delete from trail_verification");
        // the previous test's checkpoints are on the topic still; the newest now witnesses an empty trail
        witnessed.witness().publish(witnessed.signer().sign(
                new Checkpoint(witnessed.trail(), Instant.now(), List.of(), null)));
    }
}
