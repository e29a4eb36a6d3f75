package nl.ipsexchange.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

class ClientSequencingPolicyTest {

    record ConsentGiven(String consentId, String clientId) {
    }

    record IntakeSessionRecorded(String trajectoryId, String clientId, int session) {
    }

    record TeamReviewed(String reviewId, String team) {
    }

    private final ClientSequencingPolicy policy = new ClientSequencingPolicy();

    @Test
    void aClientsConsentAndTheTrajectoryStepItPermitsAreOneSequenceThoughTheirAggregatesDiffer() {
        Object consent = policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Consent", "consent-1", 0,
                new ConsentGiven("consent-1", "client-7")));
        Object step = policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Trajectory", "trajectory-3", 2,
                new IntakeSessionRecorded("trajectory-3", "client-7", 1)));
        Object otherClient = policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Trajectory",
                "trajectory-4", 0, new IntakeSessionRecorded("trajectory-4", "client-8", 1)));

        assertThat(consent).isEqualTo("client-7").isEqualTo(step);
        assertThat(otherClient).isEqualTo("client-8");
    }

    @Test
    void anEventAboutNoClientKeepsItsAggregatesOrder() {
        assertThat(policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("FidelityReview", "review-1", 0,
                new TeamReviewed("review-1", "IPS team Zuid")))).isEqualTo("review-1");
    }
}
