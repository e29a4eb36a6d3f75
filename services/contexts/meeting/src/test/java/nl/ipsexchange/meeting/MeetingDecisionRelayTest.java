package nl.ipsexchange.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.HeldTransitKey;
import nl.ipsexchange.kernel.messaging.sealing.IssuedTransitKey;
import nl.ipsexchange.kernel.messaging.sealing.TransitKey;
import nl.ipsexchange.meeting.command.DecisionKind;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.messaging.ReceivedTransitKeys;

/**
 * A funder's decision goes to the provider sealed with a key the provider gave the funder for the client, under its
 * trajectory, so that nothing of it is readable on the topic (ADR 51); without such a key it is not sent.
 */
class MeetingDecisionRelayTest {

    private static final String CLIENT = "c1c1c1c1-0000-4000-8000-000000000001";
    private static final String TRAJECTORY = "7a7a7a7a-0000-4000-8000-000000000002";
    private static final String CANARY = "canary-relay-81ad";

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final EnvelopeSealing sealing = new EnvelopeSealing();
    private final IntegrationEventPublisher publisher = mock(IntegrationEventPublisher.class);
    private final ReceivedTransitKeys keys = mock(ReceivedTransitKeys.class);
    private final MeetingDecisionRelay relay = new MeetingDecisionRelay(publisher, codec, Agency.MUNICIPALITY,
            new MeetingDecisionRelay.Sealing(sealing, keys));
    private final TransitKey key = TransitKey.generate();

    private static MeetingDecisionRecordedEvent decision(String trajectoryId) {
        return new MeetingDecisionRecordedEvent("municipality:2026-12-10", LocalDate.of(2026, 12, 10), "d-1",
                trajectoryId == null ? CLIENT : trajectoryId, DecisionKind.ACTION, null, "phone the coach " + CANARY,
                "M. Jansen", null, "a note", "municipality.case-manager", CLIENT, trajectoryId);
    }

    private EventEnvelope published() {
        ArgumentCaptor<EventEnvelope> sent = ArgumentCaptor.forClass(EventEnvelope.class);
        verify(publisher).publish(eq(Agency.MENTAL_HEALTH.inboxTopic()), sent.capture());
        return sent.getValue();
    }

    @Test
    void aDecisionGoesToTheProviderSealedUnderItsTrajectoryAndOpensThereWithTheKeyItIssued() {
        when(keys.forSealingBack(CLIENT, DataCategory.EMPLOYMENT))
                .thenReturn(Optional.of(new HeldTransitKey(DataCategory.BENEFITS, key)));

        relay.on(decision(TRAJECTORY), UUID.randomUUID().toString(), Instant.parse("2026-12-10T10:00:00Z"));

        EventEnvelope sent = published();
        assertThat(new String(codec.encode(sent), StandardCharsets.UTF_8))
                .doesNotContain(CANARY, CLIENT, "M. Jansen", "a note");
        assertThat(sent.subject()).isEqualTo(TRAJECTORY);
        assertThat(sent.consent()).isNull();
        MeetingDecisionSharedEvent opened = (MeetingDecisionSharedEvent) codec.payload(sealing.openWithIssuedKey(
                sent, keyId -> Optional.of(new IssuedTransitKey(CLIENT, Agency.MUNICIPALITY, DataCategory.BENEFITS,
                        Optional.of(key)))));
        assertThat(opened).isEqualTo(MeetingDecisionRelay.shared(decision(TRAJECTORY), Agency.MUNICIPALITY));
    }

    @Test
    void aDecisionAboutAClientWithoutATrajectoryTravelsUnderItsOwnIdNotTheClients() {
        when(keys.forSealingBack(CLIENT, DataCategory.EMPLOYMENT))
                .thenReturn(Optional.of(new HeldTransitKey(DataCategory.EMPLOYMENT, key)));

        relay.on(decision(null), UUID.randomUUID().toString(), Instant.parse("2026-12-10T10:00:00Z"));

        assertThat(published().subject()).isEqualTo("meeting-decision:d-1");
    }

    @Test
    void aDecisionAboutAClientThisAgencyHoldsNoKeyOfIsNotSent() {
        when(keys.forSealingBack(anyString(), any())).thenReturn(Optional.empty());

        relay.on(decision(TRAJECTORY), UUID.randomUUID().toString(), Instant.parse("2026-12-10T10:00:00Z"));

        verify(publisher, never()).publish(anyString(), any());
    }
}
