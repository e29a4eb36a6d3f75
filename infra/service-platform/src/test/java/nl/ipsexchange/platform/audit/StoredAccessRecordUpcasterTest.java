package nl.ipsexchange.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.infra.eventstore.EventStoreSerializers;

/** An access record as the event store kept it at revision 1 reads as revision 2 naming its one consent. */
class StoredAccessRecordUpcasterTest {

    private final Serializer serializer = EventStoreSerializers.json();

    @Test
    void aRecordStoredAtRevisionOneReadsAsRevisionTwoWithItsConsentInTheList() throws IOException {
        IntermediateEventRepresentation upcast = new StoredAccessRecordUpcaster().upcast(Stream.of(
                stored("stored-events/AccessRecorded-v1-event-store.json"))).findFirst().orElseThrow();

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        AccessRecordedEvent record = serializer.deserialize(upcast.getData());
        assertThat(record).isEqualTo(new AccessRecordedEvent(UUID.fromString("44f11752-d321-4f79-b575-89f7a70e4474"),
                Instant.parse("2026-11-30T14:05:12.344527003Z"), "BENEFITS", "benefits.physician",
                "INSURANCE_PHYSICIAN", "cb9f5001-8d84-4d01-b131-bb6335c05811",
                Set.of(DataCategory.DIAGNOSIS, DataCategory.HEALTH_SUMMARY), AccessAction.VIEW,
                Purpose.FUNDING_DECISION, List.of(UUID.fromString("07514d55-0352-4140-8a43-8b66dd3de330")),
                AccessOutcome.PERMITTED, null));
    }

    @Test
    void aRecordOfRevisionTwoStoresAndReadsBackWithAllItsConsents() {
        AccessRecordedEvent record = new AccessRecordedEvent(UUID.randomUUID(), Instant.now(), "BENEFITS", "u", null,
                UUID.randomUUID().toString(), Set.of(DataCategory.DIAGNOSIS), AccessAction.VIEW, null,
                List.of(UUID.randomUUID(), UUID.randomUUID()), AccessOutcome.PERMITTED, null);

        assertThat(serializer.<String, AccessRecordedEvent>deserialize(serializer.serialize(record, String.class)))
                .isEqualTo(record);
    }

    private IntermediateEventRepresentation stored(String resource) throws IOException {
        byte[] payload;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            payload = in.readAllBytes();
        }
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("Benefits", "agg-1", 0,
                UUID.randomUUID().toString(), Instant.parse("2026-11-30T14:05:12Z"),
                AccessRecordedEvent.class.getName(), "1", payload, "{}".getBytes(StandardCharsets.UTF_8)),
                serializer);
    }
}
