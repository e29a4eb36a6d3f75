package nl.ipsexchange.audit;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import nl.ipsexchange.audit.query.AccessRecordChain;
import nl.ipsexchange.audit.query.CheckpointSigner;
import nl.ipsexchange.audit.query.TrailVerifications;
import nl.ipsexchange.audit.query.TrailWitness;
import nl.ipsexchange.platform.IpsApplication;

@SpringBootApplication
public class AuditApplication {

    public static final String SERVICE_NAME = "audit";

    public static void main(String[] args) {
        IpsApplication.run(AuditApplication.class, SERVICE_NAME, args);
    }

    /**
     * The trail's keys are checked before anything else is made, the database's migrations included: a start with a
     * missing or published key (outside the demo profile) is refused at once, naming the setting (ADR 32).
     */
    @Bean
    static BeanFactoryPostProcessor trailKeysChecked(Environment environment) {
        return beans -> {
            AccessRecordChain.key(environment);
            new CheckpointSigner(environment);
        };
    }

    /** When the trail is verified and checkpoints published (ADR 24, ADR 32). */
    @Bean
    TrailVerifications.Schedule trailSchedule(@Value("${ips.audit.verification.every:PT1H}") Duration every,
                                              @Value("${ips.audit.verification.first-after:PT30S}") Duration first,
                                              @Value("${ips.audit.checkpoint.every:PT5M}") Duration checkpoints) {
        return new TrailVerifications.Schedule(every, first, checkpoints);
    }

    /** The trail's chains and the checkpoints that witness them outside its database (ADR 32). */
    @Bean
    TrailVerifications.Witnessed witnessedTrail(AccessRecordChain chain, TrailWitness witness, CheckpointSigner signer,
                                                @Value("${ips.audit.checkpoint.trail}") String trail) {
        return new TrailVerifications.Witnessed(chain, witness, signer, trail);
    }
}
