package nl.ipsexchange.mha.command.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.stream.Stream;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.ipsexchange.infra.eventstore.EventStoreSerializers;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementEndedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementStartedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryClosedEvent;
import nl.ipsexchange.platform.axon.StoredEvents;

/**
 * Trajectory steps as revision 1 stored them, before and after steps named their funder (JSON as it stands in the
 * store), read as revision 2: only a step stored without the field has its funder in the trajectory's history. A
 * session of job coaching at revision 2 reads as revision 3 without its version.
 */
class StepsStoredBeforeTheirFunderTest {

    private static final LocalDate DAY = LocalDate.of(2026, 5, 4);

    private final Serializer serializer = EventStoreSerializers.json();

    static Stream<Arguments> storedBeforeStepsNamedTheirFunder() {
        return Stream.of(
                Arguments.of(PlacementStartedEvent.class, """
                        {"trajectoryId":"t-1","clientId":"c-1","placementId":"p-1","employer":"Bakkerij Zon",
                         "jobTitle":"baker","competitive":true,"hoursPerWeek":24,"monthlyGrossWage":1650.00,
                         "startDate":"2026-05-04"}""",
                        new PlacementStartedEvent("t-1", "c-1", "p-1", "Bakkerij Zon", "baker", true,
                                new BigDecimal("24"), new BigDecimal("1650.00"), DAY, null, true)),
                Arguments.of(PlacementEndedEvent.class, """
                        {"trajectoryId":"t-1","clientId":"c-1","placementId":"p-1","endDate":"2026-05-04",
                         "reason":"contract ended"}""",
                        new PlacementEndedEvent("t-1", "c-1", "p-1", DAY, "contract ended", null, false, null, null,
                                null, true)),
                Arguments.of(JobCoachingRecordedEvent.class, """
                        {"trajectoryId":"t-1","clientId":"c-1","sessionId":"s-1","date":"2026-05-04","hours":1.5}""",
                        new JobCoachingRecordedEvent("t-1", "c-1", "s-1", DAY, new BigDecimal("1.5"), null, true,
                                null, false)),
                Arguments.of(TrajectoryClosedEvent.class, """
                        {"trajectoryId":"t-1","clientId":"c-1","closedOn":"2026-05-04","reason":"moved away"}""",
                        new TrajectoryClosedEvent("t-1", "c-1", DAY, "moved away", null, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storedBeforeStepsNamedTheirFunder")
    void aStepStoredBeforeStepsNamedTheirFunderHasItInTheTrajectorysHistory(Class<?> type, String json,
                                                                            Object expected) {
        IntermediateEventRepresentation read = upcast(type, "1", json);

        assertThat(read.getType().getRevision()).isEqualTo("2");
        assertThat((Object) serializer.deserialize(read.getData())).isEqualTo(expected);
    }

    @Test
    void aStepOfRevision1ThatNamesItsFunderKeepsIt() {
        IntermediateEventRepresentation read = upcast(TrajectoryClosedEvent.class, "1", """
                {"trajectoryId":"t-1","clientId":"c-1","closedOn":"2026-05-04","reason":"moved away",
                 "funder":"MUNICIPALITY"}""");

        assertThat((Object) serializer.deserialize(read.getData()))
                .isEqualTo(new TrajectoryClosedEvent("t-1", "c-1", DAY, "moved away", Agency.MUNICIPALITY, false));
    }

    @Test
    void aStepOfRevision1ThatNamesNoFunderBelongsToATrajectoryWithoutOne() {
        IntermediateEventRepresentation read = upcast(JobCoachingRecordedEvent.class, "1", """
                {"trajectoryId":"t-1","clientId":"c-1","sessionId":"s-1","date":"2026-05-04","hours":1.5,
                 "funder":null}""");

        assertThat((Object) serializer.deserialize(read.getData()))
                .isEqualTo(new JobCoachingRecordedEvent("t-1", "c-1", "s-1", DAY, new BigDecimal("1.5"), null, null,
                        false));
    }

    /**
     * A session stored at revision 2, before sessions named the covenant version (ADR 52), reads with no version and
     * not awaiting an approval: the relay judges it as it did then, by the version in force on its date.
     */
    @Test
    void aSessionOfRevision2ReadsWithoutAVersionAndNotAwaitingAnApproval() {
        IntermediateEventRepresentation read = upcast(JobCoachingRecordedEvent.class, "2", """
                {"trajectoryId":"t-1","clientId":"c-1","sessionId":"s-1","date":"2026-05-04","hours":1.5,
                 "funder":"BENEFITS","funderInHistory":false}""");

        assertThat(read.getType().getRevision()).isEqualTo("2");
        assertThat((Object) serializer.deserialize(read.getData())).isEqualTo(new JobCoachingRecordedEvent("t-1",
                "c-1", "s-1", DAY, new BigDecimal("1.5"), Agency.BENEFITS, false, null, false));
    }

    @Test
    void aStepOfRevision2IsLeftAsItIs() {
        TrajectoryClosedEvent closed = new TrajectoryClosedEvent("t-1", "c-1", DAY, "moved away", null);

        IntermediateEventRepresentation read = new StepsStoredBeforeTheirFunder().upcast(Stream.of(
                StoredEvents.storedAs(serializer, TrajectoryClosedEvent.class.getName(), closed)))
                .findFirst().orElseThrow();

        assertThat(read.getType().getRevision()).isEqualTo("2");
        assertThat((Object) serializer.deserialize(read.getData())).isEqualTo(closed);
    }

    private IntermediateEventRepresentation upcast(Class<?> type, String revision, String json) {
        return new StepsStoredBeforeTheirFunder().upcast(Stream.of(
                StoredEvents.storedJson(serializer, type.getName(), revision, json))).findFirst().orElseThrow();
    }
}
