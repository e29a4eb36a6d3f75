package nl.ipsexchange.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityReviewedEvent;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.kernel.status.FundingStepStatusEvent;
import nl.ipsexchange.kernel.status.TrajectoryStepStatusEvent;
import nl.ipsexchange.kernel.status.TrajectoryStepStatusEvent.Step;
import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * The decision makers' measures on a real PostgreSQL, from the status projections (ADR 25) that the recorder keeps up
 * to date: a small covenant worked out by hand; steps arriving out of order, in batches and more than once; many
 * random trajectories checked against the measures computed straight from every status event
 * ({@link MeasuresFromEveryStatusEvent}), before and after a rebuild; and the migration that fills the projections
 * from status events stored before them.
 */
class StatusMeasuresTest {

    private static final LocalDate Q1_START = LocalDate.of(2026, 1, 1);
    private static final LocalDate Q1_END = LocalDate.of(2026, 3, 31);

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private StatusEventRecorder recorder;
    private StatusMeasures measures;
    private StatusQueries queries;
    private MeasuresFromEveryStatusEvent fromEveryEvent;
    private int sequence;

    private PlatformDatabase.Migrated database;

    @BeforeEach
    void freshDatabase() {
        database = StatusDatabase.migrated("status");
        use(database.runtime());
    }

    /** One connection for the whole test (a new one for each of its many queries would be most of its time). */
    private void use(DriverManagerDataSource database) {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(database.getUrl(),
                database.getUsername(), database.getPassword(), true);
        jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
        transactions = new TransactionTemplate(transactionManager);
        recorder = new StatusEventRecorder(jdbc);
        measures = new StatusMeasures(jdbc, transactionManager);
        queries = new StatusQueries(jdbc);
        fromEveryEvent = new MeasuresFromEveryStatusEvent(jdbc);
    }

    @Test
    void aSmallCovenantGivesTheFiguresWorkedOutByHand() {
        record(covenant());

        StatusMeasures.Measures q1 = measures.measures(Q1_START, Q1_END);
        assertThat(q1.referrals()).as("referred in Q1: B and D").isEqualTo(2);
        assertThat(q1.intakes()).as("A had two intake sessions in Q1 (on its first day and later): one trajectory")
                .isEqualTo(1);
        assertThat(q1.trajectoriesStarted()).as("funding approved for A").isEqualTo(1);
        assertThat(q1.competitivePlacements()).as("A, B and E started competitive work; E's first job was not")
                .isEqualTo(3);
        assertThat(q1.participants()).as("A, B, D, E (C closed before Q1, F referred after it)").isEqualTo(4);
        assertThat(q1.inCompetitiveWork()).as("A and E at the end of Q1 (B's job ended, D closed)").isEqualTo(2);
        assertThat(q1.shareInCompetitiveWork()).isEqualTo(50.0);
        assertThat(q1.benchmark()).isEqualTo("excellent (50% or more)");
        assertThat(q1.medianDaysToFirstEmployerContact()).as("A after 45 days, B after 22").isEqualTo(33.5);
        assertThat(q1.sharePlacedWithinNineMonths()).as("A and B within nine months of referral, E not")
                .isEqualTo(66.7);
        assertThat(q1.funders()).usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build()).containsExactly(
                new StatusMeasures.FunderFigures("BENEFITS", 0, 1, BigDecimal.ZERO, 0),
                new StatusMeasures.FunderFigures("MUNICIPALITY", 1, 0, new BigDecimal("1500.00"), 1));
        assertThat(q1.caseloads()).as("open at the end of Q1: A and B with s1, E with s2 (D closed that day)")
                .containsExactly(new StatusMeasures.Caseload("s1", 2, true),
                        new StatusMeasures.Caseload("s2", 1, true));
        assertThat(q1.fidelity()).containsExactly(
                new StatusMeasures.TeamFidelity("IPS team Utrecht", LocalDate.of(2026, 2, 1), 105, "GOOD"));
        assertThat(q1.placementsWithReferral()).as("A's, B's and E's competitive jobs").isEqualTo(3);
        assertThat(q1.placedWithinNineMonths()).isEqualTo(2);
        assertThat(q1.firstEmployerContacts()).isEqualTo(2);
        assertThat(q1.caseloadsBefore()).as("open at the end of 2025: A with s1, E with s2 (C closed in December)")
                .containsExactly(new StatusMeasures.Caseload("s1", 1, true),
                        new StatusMeasures.Caseload("s2", 1, true));
        assertThat(q1.participants()).as("the quarter's referrals and the trajectories open at its start")
                .isEqualTo(q1.referrals() + q1.caseloadsBefore().stream()
                        .mapToLong(StatusMeasures.Caseload::openTrajectories).sum());

        StatusMeasures.Measures ever = measures.measures(null, null);
        assertThat(ever.referrals()).isEqualTo(6);
        assertThat(ever.participants()).isEqualTo(6);
        assertThat(ever.inCompetitiveWork()).isEqualTo(2);
        assertThat(ever.shareInCompetitiveWork()).isEqualTo(33.3);
        assertThat(ever.caseloads()).containsExactly(new StatusMeasures.Caseload("(unassigned)", 1, true),
                new StatusMeasures.Caseload("s1", 2, true), new StatusMeasures.Caseload("s2", 1, true));
        assertThat(measures.measures(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30)).fidelity())
                .extracting(StatusMeasures.TeamFidelity::band).containsExactly("FAIR");

        assertThat(queries.summary(Q1_START, Q1_END).eventCounts()).as("occurred in Q1")
                .containsExactlyInAnyOrderEntriesOf(Map.of("ClientRegistered", 2L, "FidelityReviewed", 1L,
                        "FundingStep", 3L, "TrajectoryStep", 13L));
        assertThat(queries.summary(null, null).eventCounts()).containsEntry("TrajectoryStep", 22L)
                .containsEntry("FundingStep", 3L).containsEntry("FidelityReviewed", 2L)
                .containsEntry("ClientRegistered", 3L);
        assertThat(queries.summary(null, null).total()).isEqualTo(30);
        assertSameAsFromEveryEvent(periods());
    }

    @Test
    void stepsArrivingOutOfOrderInBatchesAndMoreThanOnceGiveTheSameFigures() {
        List<EventEnvelope> inOrder = covenant();
        record(inOrder);
        StatusMeasures.Measures q1 = measures.measures(Q1_START, Q1_END);
        StatusMeasures.Measures ever = measures.measures(null, null);

        use(StatusDatabase.migrated("status").runtime());
        List<EventEnvelope> reversed = new ArrayList<>(inOrder);
        Collections.reverse(reversed);
        for (int i = 0; i < reversed.size(); i += 4) {
            List<EventEnvelope> batch = reversed.subList(i, Math.min(i + 4, reversed.size()));
            transactions.executeWithoutResult(status -> recorder.recordAll(batch));
        }
        transactions.executeWithoutResult(status -> recorder.recordAll(inOrder)); // every event delivered again
        inOrder.forEach(envelope -> transactions.executeWithoutResult(status -> recorder.record(envelope)));

        assertThat(measures.measures(Q1_START, Q1_END)).isEqualTo(q1);
        assertThat(measures.measures(null, null)).isEqualTo(ever);
        assertThat(jdbc.queryForObject("select count(*) from status_step", Long.class)).isEqualTo(25);
        assertThat(queries.summary(null, null).total()).isEqualTo(30);
    }

    @Test
    void stepsSentWithTheirIdsBeforePseudonymsAreProjectedAsTheSameStepsSentWithPseudonyms() {
        List<EventEnvelope> covenant = covenant();
        record(covenant);
        StatusMeasures.Measures ever = measures.measures(null, null);
        List<String> rows = projectionRowsAsOfOneReceipt();

        use(StatusDatabase.migrated("status").runtime());
        record(covenant.stream().map(StatusMeasuresTest::asSentBeforePseudonyms).toList());

        assertThat(jdbc.queryForObject("select count(*) from status_event where payload->>'trajectoryId' is not null",
                Long.class)).as("the steps as they were sent before pseudonyms").isEqualTo(25);
        assertThat(measures.measures(null, null)).isEqualTo(ever);
        assertSameAsFromEveryEvent(periods());
        assertThat(projectionRowsAsOfOneReceipt()).isEqualTo(rows);
    }

    /** The projections' rows, as if each recording had received its steps at the same moment. */
    private List<String> projectionRowsAsOfOneReceipt() {
        jdbc.update("update status_step set received_at = timestamptz '2026-01-01 00:00:00Z'");
        return projectionRows();
    }

    /** A step as its version before pseudonyms carried it: the trajectory's and the client's ids (ADR 36). */
    private static EventEnvelope asSentBeforePseudonyms(EventEnvelope envelope) {
        int version = switch (envelope.type()) {
            case "TrajectoryStep" -> 2;
            case "FundingStep" -> 1;
            default -> envelope.schemaVersion();
        };
        if (version == envelope.schemaVersion()) {
            return envelope;
        }
        ObjectNode payload = ((ObjectNode) envelope.payload()).deepCopy();
        String trajectory = payload.remove("trajectoryPseudonym").asText();
        payload.put("trajectoryId", trajectory).put("clientId", "client-" + trajectory);
        return new EventEnvelope(envelope.eventId(), envelope.type(), version, envelope.sourceAgency(),
                "client-" + trajectory, envelope.occurredAt(), null, payload);
    }

    @Test
    void aTrajectorysLaterPlacementStepsEndItsSpanOfCompetitiveWork() {
        String t = "t-span";
        LocalDate day = LocalDate.of(2026, 5, 4);
        record(List.of(step(t, Step.REFERRED, day.minusMonths(2), null, null, "s1"),
                step(t, Step.PLACEMENT_STARTED, day, true, null, null)));
        assertThat(working(day.minusDays(1))).isZero();
        assertThat(working(day)).isEqualTo(1);
        assertThat(working(day.plusYears(5))).isEqualTo(1);
        assertThat(spans()).containsExactly(day + "..");

        // the job ends on the day it started: the trajectory was never in competitive work at the end of a day
        record(List.of(step(t, Step.PLACEMENT_ENDED, day, null, null, null)));
        assertThat(working(day)).isZero();
        assertThat(spans()).isEmpty();

        // a competitive job that arrives late, before the ones known: a span up to the day the next step was taken
        record(List.of(step(t, Step.PLACEMENT_STARTED, day.minusDays(10), true, null, null)));
        assertThat(working(day.minusDays(10))).isEqualTo(1);
        assertThat(working(day.minusDays(1))).isEqualTo(1);
        assertThat(working(day)).isZero();
        assertThat(spans()).containsExactly(day.minusDays(10) + ".." + day);
        assertSameAsFromEveryEvent(List.of(new LocalDate[] {null, day.minusDays(1)},
                new LocalDate[] {null, day}, new LocalDate[] {null, null}));
    }

    @Test
    void manyRandomTrajectoriesGiveWhatEveryStatusEventSaysBeforeAndAfterARebuild() {
        Random random = new Random(20261204);
        List<EventEnvelope> events = randomTrajectories(random, 400);
        Collections.shuffle(events, random);
        for (int i = 0; i < events.size(); ) {
            int size = 1 + random.nextInt(40);
            List<EventEnvelope> batch = events.subList(i, Math.min(i + size, events.size()));
            transactions.executeWithoutResult(status -> recorder.recordAll(batch));
            i += size;
        }
        transactions.executeWithoutResult(status -> recorder.recordAll(events.subList(0, 100))); // delivered again
        List<LocalDate[]> periods = periods();
        assertSameAsFromEveryEvent(periods);
        StatusMeasures.Measures ever = measures.measures(null, null);
        assertThat(ever.participants()).as("a covenant of some size").isGreaterThan(300);
        assertThat(ever.inCompetitiveWork()).isPositive();
        assertThat(ever.caseloads()).hasSizeGreaterThan(2);

        List<String> projected = projectionRows();
        // a rebuild truncates and drops indexes: a migration's work, as the database's owner (ADR 0033)
        JdbcTemplate owner = new JdbcTemplate(database.owner());
        new TransactionTemplate(new DataSourceTransactionManager(database.owner())).executeWithoutResult(status ->
                assertThat(StatusProjection.rebuild(owner)).isEqualTo(owner.queryForObject(
                        "select count(distinct trajectory_id) from status_step", Integer.class)));
        assertThat(projectionRows()).as("rebuilt from the stored status events: the same rows")
                .isEqualTo(projected);
        assertSameAsFromEveryEvent(periods);
    }

    @Test
    void theMigrationFillsTheProjectionsFromStatusEventsStoredBeforeThem() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String url = infrastructure.newDatabase("status");
        Flyway.configure().dataSource(url, infrastructure.user(), infrastructure.password())
                .locations(PlatformDatabase.MIGRATIONS).target("16").load().migrate();
        use(new DriverManagerDataSource(url, infrastructure.user(), infrastructure.password()));
        // stored as the recorder did before the projections existed
        for (EventEnvelope envelope : covenant()) {
            jdbc.update("""
                    insert into status_event (event_id, event_type, source_agency, subject, occurred_at, payload)
                    values (?, ?, ?, ?, ?::timestamptz, ?::jsonb)""", envelope.eventId(), envelope.type(),
                    envelope.sourceAgency().name(), envelope.subject(), envelope.occurredAt().toString(),
                    envelope.payload().toString());
        }
        Flyway.configure().dataSource(url, infrastructure.user(), infrastructure.password())
                .locations(PlatformDatabase.MIGRATIONS, StatusConfiguration.MIGRATIONS)
                .javaMigrations(new RebuildStatusProjection())
                .load().migrate();

        assertThat(measures.measures(Q1_START, Q1_END).participants()).isEqualTo(4);
        assertThat(queries.summary(null, null).total()).isEqualTo(30);
        assertSameAsFromEveryEvent(periods());
    }

    @Test
    void noStatusEventsNoFigures() {
        StatusMeasures.Measures none = measures.measures(Q1_START, Q1_END);
        assertThat(none.referrals()).isZero();
        assertThat(none.participants()).isZero();
        assertThat(none.shareInCompetitiveWork()).isNull();
        assertThat(none.benchmark()).isEqualTo("no participants");
        assertThat(none.medianDaysToFirstEmployerContact()).isNull();
        assertThat(none.sharePlacedWithinNineMonths()).isNull();
        assertThat(none.funders()).isEmpty();
        assertThat(none.caseloads()).isEmpty();
        assertThat(queries.summary(null, null).total()).isZero();
        assertSameAsFromEveryEvent(periods());
    }

    /**
     * Six trajectories around the first quarter of 2026 (A..F), three funding steps, two fidelity reviews and three
     * registrations: 30 status events.
     */
    private List<EventEnvelope> covenant() {
        List<EventEnvelope> events = new ArrayList<>();
        events.add(step("A", Step.REFERRED, LocalDate.of(2025, 12, 1), null, null, "s1"));
        events.add(step("A", Step.INTAKE_SESSION, LocalDate.of(2026, 1, 1), null, null, null));
        events.add(step("A", Step.INTAKE_SESSION, LocalDate.of(2026, 1, 20), null, null, null));
        events.add(funding("A", Agency.MUNICIPALITY, FundingStepStatusEvent.Step.APPROVED, LocalDate.of(2026, 1, 10),
                null));
        events.add(funding("A", Agency.MUNICIPALITY, FundingStepStatusEvent.Step.PAYMENT_SCHEDULED,
                LocalDate.of(2026, 1, 10), new BigDecimal("1500.00")));
        events.add(step("A", Step.FIRST_EMPLOYER_CONTACT, LocalDate.of(2026, 1, 15), null, 45L, null));
        events.add(step("A", Step.PLACEMENT_STARTED, LocalDate.of(2026, 2, 1), true, null, null));
        events.add(step("B", Step.REFERRED, LocalDate.of(2026, 1, 10), null, null, "s1"));
        events.add(step("B", Step.FIRST_EMPLOYER_CONTACT, LocalDate.of(2026, 2, 1), null, 22L, null));
        events.add(step("B", Step.PLACEMENT_STARTED, LocalDate.of(2026, 3, 1), true, null, null));
        events.add(step("B", Step.PLACEMENT_ENDED, LocalDate.of(2026, 3, 20), null, null, null));
        events.add(step("C", Step.REFERRED, LocalDate.of(2025, 1, 1), null, null, "s2"));
        events.add(step("C", Step.CLOSED, LocalDate.of(2025, 12, 15), null, null, null));
        events.add(step("D", Step.REFERRED, LocalDate.of(2026, 2, 1), null, null, null));
        events.add(funding("D", Agency.BENEFITS, FundingStepStatusEvent.Step.REJECTED, LocalDate.of(2026, 2, 5),
                null));
        events.add(step("D", Step.CLOSED, LocalDate.of(2026, 3, 31), null, null, null));
        events.add(step("E", Step.REFERRED, LocalDate.of(2025, 3, 1), null, null, "s2"));
        events.add(step("E", Step.PLACEMENT_STARTED, LocalDate.of(2026, 1, 10), false, null, null));
        events.add(step("E", Step.PLACEMENT_ENDED, LocalDate.of(2026, 2, 10), null, null, null));
        events.add(step("E", Step.PLACEMENT_STARTED, LocalDate.of(2026, 3, 15), true, null, null));
        events.add(step("F", Step.REFERRED, LocalDate.of(2026, 4, 2), null, null, null));
        events.add(step("B", Step.INTAKE_SESSION, LocalDate.of(2025, 12, 30), null, null, null));
        events.add(step("C", Step.INTAKE_SESSION, LocalDate.of(2025, 2, 1), null, null, null));
        events.add(step("E", Step.FUNDING_APPLIED, LocalDate.of(2025, 4, 1), null, null, null));
        events.add(step("F", Step.FUNDING_APPLIED, LocalDate.of(2026, 4, 3), null, null, null));
        events.add(fidelity("IPS team Utrecht", LocalDate.of(2025, 6, 1), 80, FidelityBand.FAIR));
        events.add(fidelity("IPS team Utrecht", LocalDate.of(2026, 2, 1), 105, FidelityBand.GOOD));
        events.add(registered(LocalDate.of(2025, 11, 30)));
        events.add(registered(LocalDate.of(2026, 1, 9)));
        events.add(registered(LocalDate.of(2026, 3, 31)));
        return events;
    }

    /** Random trajectories: referrals (some never arriving), intakes, funding, employer contacts, jobs, closures. */
    private List<EventEnvelope> randomTrajectories(Random random, int count) {
        List<EventEnvelope> events = new ArrayList<>();
        String[] specialists = {"s1", "s2", "s3", null};
        Agency[] funders = {Agency.MUNICIPALITY, Agency.BENEFITS, Agency.INSURER};
        for (int n = 0; n < count; n++) {
            String t = "t" + n;
            // a small range of days, so that steps fall on the same day often
            LocalDate day = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(500));
            if (random.nextInt(20) > 0) {
                events.add(step(t, Step.REFERRED, day, null, null, specialists[random.nextInt(specialists.length)]));
            }
            for (int i = random.nextInt(3); i > 0; i--) {
                events.add(step(t, Step.INTAKE_SESSION, day.plusDays(random.nextInt(30)), null, null, null));
            }
            Agency funder = funders[random.nextInt(funders.length)];
            FundingStepStatusEvent.Step[] fundingSteps = FundingStepStatusEvent.Step.values();
            for (int i = random.nextInt(4); i > 0; i--) {
                FundingStepStatusEvent.Step step = fundingSteps[random.nextInt(fundingSteps.length)];
                events.add(funding(t, funder, step, day.plusDays(random.nextInt(120)),
                        step == FundingStepStatusEvent.Step.PAYMENT_SCHEDULED
                                ? BigDecimal.valueOf(100 + random.nextInt(5000), 2) : null));
            }
            if (random.nextBoolean()) {
                long days = random.nextInt(90);
                events.add(step(t, Step.FIRST_EMPLOYER_CONTACT, day.plusDays(days), null, days, null));
            }
            LocalDate placement = day;
            for (int i = random.nextInt(4); i > 0; i--) {
                placement = placement.plusDays(random.nextInt(200));
                boolean start = random.nextInt(3) > 0;
                events.add(step(t, start ? Step.PLACEMENT_STARTED : Step.PLACEMENT_ENDED, placement,
                        start ? random.nextInt(4) > 0 : null, null, null));
            }
            if (random.nextInt(3) == 0) {
                events.add(step(t, Step.CLOSED, placement.plusDays(random.nextInt(60)), null, null, null));
            }
        }
        for (int i = 0; i < 6; i++) {
            events.add(fidelity("team " + (i % 2), LocalDate.of(2025, 1, 1).plusDays(random.nextInt(500)),
                    74 + random.nextInt(50), FidelityBand.FAIR));
            events.add(registered(LocalDate.of(2025, 1, 1).plusDays(random.nextInt(500))));
        }
        return events;
    }

    private List<LocalDate[]> periods() {
        List<LocalDate[]> periods = new ArrayList<>();
        periods.add(new LocalDate[] {null, null});
        periods.add(new LocalDate[] {Q1_START, Q1_END});
        periods.add(new LocalDate[] {Q1_START, null});
        periods.add(new LocalDate[] {null, Q1_END});
        for (LocalDate month = LocalDate.of(2025, 1, 1); month.isBefore(LocalDate.of(2026, 7, 1));
             month = month.plusMonths(3)) {
            periods.add(new LocalDate[] {month, month.plusMonths(3).minusDays(1)});
            periods.add(new LocalDate[] {month, month}); // a single day
        }
        return periods;
    }

    private void assertSameAsFromEveryEvent(List<LocalDate[]> periods) {
        for (LocalDate[] period : periods) {
            String name = period[0] + ".." + period[1];
            assertThat(measures.measures(period[0], period[1])).as(name)
                    .isEqualTo(fromEveryEvent.measures(period[0], period[1]));
            assertThat(queries.summary(period[0], period[1]).eventCounts()).as(name)
                    .containsExactlyEntriesOf(fromEveryEvent.eventCounts(period[0], period[1]));
        }
    }

    private long working(LocalDate end) {
        return measures.measures(null, end).inCompetitiveWork();
    }

    private List<String> spans() {
        return jdbc.queryForList("select started_on || '..' || coalesce(ended_on::text, '') from status_work_span "
                + "order by started_on", String.class);
    }

    /** Every projection row (without the day rows' last event, which is the latest to arrive, not to occur). */
    private List<String> projectionRows() {
        List<String> rows = new ArrayList<>();
        for (String sql : List.of(
                "select s::text from status_step s order by event_id",
                "select (day, event_type, step, funder, competitive, events, amount)::text from status_step_day "
                        + "order by 1",
                "select (day, event_type, events)::text from status_event_day order by 1",
                "select t::text from status_trajectory t order by trajectory_id",
                "select w::text from status_work_span w order by started_by_event_id")) {
            rows.addAll(jdbc.queryForList(sql, String.class));
        }
        return rows;
    }

    private void record(List<EventEnvelope> events) {
        transactions.executeWithoutResult(status -> recorder.recordAll(events));
    }

    private EventEnvelope step(String trajectory, Step step, LocalDate on, Boolean competitive, Long days,
                               String specialist) {
        return wrap(new TrajectoryStepStatusEvent(trajectory, step, on, competitive, days, null, specialist), on);
    }

    private EventEnvelope funding(String trajectory, Agency funder, FundingStepStatusEvent.Step step, LocalDate on,
                                  BigDecimal amount) {
        return wrap(new FundingStepStatusEvent(trajectory, funder, step, on, amount == null ? null : PaymentType.START,
                amount), on);
    }

    private EventEnvelope fidelity(String team, LocalDate on, int total, FidelityBand band) {
        return wrap(new FidelityReviewedEvent(UUID.randomUUID().toString(), team, on, "reviewers", Map.of(), total,
                band, true), on);
    }

    private EventEnvelope registered(LocalDate on) {
        return wrap(new ClientRegisteredStatusEvent("client-r" + sequence, Agency.MENTAL_HEALTH, on), on);
    }

    /** Occurred at noon (UTC) of the step's day, a second apart in the order they are made. */
    private EventEnvelope wrap(IntegrationEvent event, LocalDate on) {
        Instant occurred = on.atTime(12, 0).toInstant(ZoneOffset.UTC).plusSeconds(sequence++);
        return codec.wrap(UUID.nameUUIDFromBytes(("status-" + sequence).getBytes()), Agency.MENTAL_HEALTH, occurred,
                null, event);
    }
}
