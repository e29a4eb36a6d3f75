package nl.ipsexchange.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyAgencyHasAnInboxAndThereAreStatusAuditDeadLetterAndCheckpointTopics() {
        assertThat(Topics.all()).containsExactly("ips.mental-health.inbox", "ips.benefits.inbox",
                "ips.municipality.inbox", "ips.insurer.inbox", "ips.status", "ips.audit", "ips.dead-letter",
                "ips.audit.checkpoints");
        assertThat(Agency.BENEFITS.inboxTopic()).isEqualTo("ips.benefits.inbox");
    }
}
