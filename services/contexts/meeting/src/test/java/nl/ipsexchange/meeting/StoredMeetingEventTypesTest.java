package nl.ipsexchange.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.stream.Stream;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.ipsexchange.meeting.command.DecisionKind;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;
import nl.ipsexchange.infra.eventstore.EventStoreSerializers;
import nl.ipsexchange.platform.axon.StoredEvents;

/**
 * A meeting decision stored under a former name of its class (in the service platform, before ADR 0039; in one file
 * with the meeting's command, before ADR 0042), as the event stores of the agencies that hold the meeting have them,
 * reads as the same event of this module at its stored revision; an event stored under its own name passes untouched.
 */
class StoredMeetingEventTypesTest {

    private final Serializer serializer = EventStoreSerializers.json();
    private final MeetingDecisionRecordedEvent decision = new MeetingDecisionRecordedEvent(
            "municipality:2026-03-05", LocalDate.of(2026, 3, 5), "d-1", "t-1", DecisionKind.ACTION, null,
            "Ask an employer about a trial placement", "municipality.case-manager", LocalDate.of(2026, 3, 19), null,
            "municipality.case-manager", "c-1", "t-1");

    @ParameterizedTest
    @ValueSource(strings = {"nl.ipsexchange.platform.meeting.command.MeetingMessages$MeetingDecisionRecordedEvent",
            "nl.ipsexchange.meeting.command.MeetingMessages$MeetingDecisionRecordedEvent"})
    void anEventStoredUnderAFormerNameReadsAsThisModulesEvent(String formerName) {
        IntermediateEventRepresentation upcast = upcast(StoredEvents.storedAs(serializer, formerName, decision));

        assertThat(upcast.getType().getName()).isEqualTo(MeetingDecisionRecordedEvent.class.getName());
        assertThat(upcast.getType().getRevision()).isEqualTo("1");
        MeetingDecisionRecordedEvent read = serializer.deserialize(upcast.getData());
        assertThat(read).isEqualTo(decision);
    }

    @Test
    void anEventStoredUnderItsOwnNameIsLeftAsItIs() {
        IntermediateEventRepresentation upcast = upcast(StoredEvents.storedAs(serializer, MeetingDecisionRecordedEvent.class.getName(),
                decision));

        assertThat(upcast.getType().getName()).isEqualTo(MeetingDecisionRecordedEvent.class.getName());
        MeetingDecisionRecordedEvent read = serializer.deserialize(upcast.getData());
        assertThat(read).isEqualTo(decision);
    }

    /**
     * A decision stored before decisions named their client and application (ADR 49), as JSON of that version,
     * reads with both null: it is listed as before and shared with no one.
     */
    @Test
    void aDecisionStoredBeforeItNamedItsClientReadsWithoutOne() {
        String stored = """
                {"meetingId":"municipality:2026-03-05","meetingDate":"2026-03-05","decisionId":"d-1",\
                "caseRef":"t-1","kind":"FUNDING_QUALIFICATION","qualifies":true,"action":null,"owner":null,\
                "due":null,"note":null,"decidedBy":"municipality.case-manager"}""";
        IntermediateEventRepresentation upcast = upcast(StoredEvents.storedJson(serializer,
                MeetingDecisionRecordedEvent.class.getName(), "1", stored));

        MeetingDecisionRecordedEvent read = serializer.deserialize(upcast.getData());
        assertThat(read).isEqualTo(new MeetingDecisionRecordedEvent("municipality:2026-03-05",
                LocalDate.of(2026, 3, 5), "d-1", "t-1", DecisionKind.FUNDING_QUALIFICATION, true, null, null, null,
                null, "municipality.case-manager", null, null));
    }

    private IntermediateEventRepresentation upcast(IntermediateEventRepresentation stored) {
        return new StoredMeetingEventTypes().upcast(Stream.of(stored)).findFirst().orElseThrow();
    }
}
