package nl.ipsexchange.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.meeting.command.MeetingMessages.DecisionKind;
import nl.ipsexchange.meeting.command.MeetingMessages.MeetingDecisionRecordedEvent;
import nl.ipsexchange.infra.eventstore.EventStoreSerializers;

/**
 * A meeting decision stored under its class's name in the service platform, as the event stores of the agencies
 * that hold the meeting have them from before ADR 0039, reads as the same event of this module at its stored
 * revision; an event stored under its own name passes untouched.
 */
class StoredMeetingEventTypesTest {

    private final Serializer serializer = EventStoreSerializers.json();
    private final MeetingDecisionRecordedEvent decision = new MeetingDecisionRecordedEvent(
            "municipality:2026-03-05", LocalDate.of(2026, 3, 5), "d-1", "t-1", DecisionKind.ACTION, null,
            "Ask an employer about a trial placement", "municipality.case-manager", LocalDate.of(2026, 3, 19), null,
            "municipality.case-manager");

    @Test
    void anEventStoredUnderThePlatformsPackageReadsAsThisModulesEvent() {
        IntermediateEventRepresentation upcast = upcast(storedAs(
                "nl.ipsexchange.platform.meeting.command.MeetingMessages$MeetingDecisionRecordedEvent", decision));

        assertThat(upcast.getType().getName()).isEqualTo(MeetingDecisionRecordedEvent.class.getName());
        assertThat(upcast.getType().getRevision()).isEqualTo("1");
        MeetingDecisionRecordedEvent read = serializer.deserialize(upcast.getData());
        assertThat(read).isEqualTo(decision);
    }

    @Test
    void anEventStoredUnderItsOwnNameIsLeftAsItIs() {
        IntermediateEventRepresentation upcast = upcast(storedAs(MeetingDecisionRecordedEvent.class.getName(),
                decision));

        assertThat(upcast.getType().getName()).isEqualTo(MeetingDecisionRecordedEvent.class.getName());
        MeetingDecisionRecordedEvent read = serializer.deserialize(upcast.getData());
        assertThat(read).isEqualTo(decision);
    }

    private IntermediateEventRepresentation upcast(IntermediateEventRepresentation stored) {
        return new StoredMeetingEventTypes().upcast(Stream.of(stored)).findFirst().orElseThrow();
    }

    private IntermediateEventRepresentation storedAs(String typeName, Object event) {
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("PractitionerMeeting",
                "municipality:2026-03-05", 0, UUID.randomUUID().toString(), Instant.parse("2026-03-05T14:05:12Z"),
                typeName, payload.getType().getRevision(), payload.getData(),
                "{}".getBytes(StandardCharsets.UTF_8)), serializer);
    }
}
