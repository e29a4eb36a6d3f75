package nl.ipsexchange.mha.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.ipsexchange.infra.eventstore.EventStoreSerializers;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.mha.command.client.ClientEvents.ClientRegisteredEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentGivenEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentRevokedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestEvents.InformationRequestDecidedEvent;
import nl.ipsexchange.platform.axon.StoredEvents;

/**
 * Events stored under their classes' former names (before ADR 0042) read as the same events, at their stored
 * revision; an event stored under its own name passes untouched.
 */
class StoredEventTypesTest {

    private final Serializer serializer = EventStoreSerializers.json();

    static Stream<Arguments> storedEvents() {
        return Stream.of(
                Arguments.of("nl.ipsexchange.mha.command.client.ClientRegisteredEvent", new ClientRegisteredEvent(
                        "c-1", "Anna", "111222333", LocalDate.of(1990, 4, 1), BenefitType.SOCIAL_ASSISTANCE,
                        "Utrecht", LocalDate.of(2026, 3, 1))),
                Arguments.of("nl.ipsexchange.mha.command.consent.ConsentGivenEvent", new ConsentGivenEvent(
                        "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4", "c-1", ConsentEffect.PERMIT, Set.of(Agency.BENEFITS),
                        Set.of(DataCategory.IDENTIFICATION), Set.of(Purpose.FUNDING_DECISION),
                        LocalDate.of(2026, 3, 1), LocalDate.of(2026, 9, 1))),
                Arguments.of("nl.ipsexchange.mha.command.consent.ConsentRevokedEvent", new ConsentRevokedEvent(
                        "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4", "c-1", "withdrawn", Instant.parse(
                                "2026-04-01T10:00:00Z"))),
                Arguments.of("nl.ipsexchange.mha.command.inforequest.InformationRequestMessages"
                        + "$InformationRequestDecidedEvent", new InformationRequestDecidedEvent("r-1", "c-1",
                        Agency.BENEFITS, Purpose.FUNDING_DECISION, Outcome.DENIED, Set.of(), "not now",
                        Reason.CLIENT_OBJECTS, "mha.clinician")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storedEvents")
    void anEventStoredUnderItsFormerNameReadsAsTheSameEvent(String formerName, Object event) {
        IntermediateEventRepresentation upcast = upcast(StoredEvents.storedAs(serializer, formerName, event));

        assertThat(upcast.getType().getName()).isEqualTo(event.getClass().getName());
        assertThat(upcast.getType().getRevision()).isEqualTo("1");
        Object read = serializer.deserialize(upcast.getData());
        assertThat(read).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storedEvents")
    void anEventStoredUnderItsOwnNameIsLeftAsItIs(String formerName, Object event) {
        IntermediateEventRepresentation upcast = upcast(StoredEvents.storedAs(serializer, event.getClass().getName(), event));

        assertThat(upcast.getType().getName()).isEqualTo(event.getClass().getName());
        Object read = serializer.deserialize(upcast.getData());
        assertThat(read).isEqualTo(event);
    }

    private IntermediateEventRepresentation upcast(IntermediateEventRepresentation stored) {
        return new StoredEventTypes().upcast(Stream.of(stored)).findFirst().orElseThrow();
    }
}
