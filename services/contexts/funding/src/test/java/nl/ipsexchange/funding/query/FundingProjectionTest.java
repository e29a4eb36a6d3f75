package nl.ipsexchange.funding.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCorrectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRecordedEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.funding.FundingConfiguration;
import nl.ipsexchange.funding.command.FundingEvents.FundingApplicationReceivedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCancelledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRescheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.funding.query.FundingProjection.PaymentView;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.funding.PaymentStatement;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.StatementPeriod;
import nl.ipsexchange.platform.PlatformDatabase;

/**
 * The funder's payment schedule projection on a real PostgreSQL, its handlers called as the event processor calls
 * them: replaying the same events (same event ids) again, or redelivering any one of them, never adds a payment line
 * nor changes one. The projection has no reset handler (its processing group is subscribing, written in the
 * command's transaction), so a replay runs over the rows already there.
 */
class FundingProjectionTest {

    private static final String A = UUID.randomUUID().toString();
    private static final String C = UUID.randomUUID().toString();
    private static final LocalDate START = LocalDate.of(2026, 1, 15);
    private static final LocalDate CLOSED = LocalDate.of(2026, 3, 20);

    private JdbcTemplate jdbc;
    private FundingProjection projection;

    /** One event as the store holds it: its id and its payload. */
    private record Stored(String eventId, Object payload) {
    }

    @BeforeEach
    void freshDatabase() {
        jdbc = new JdbcTemplate(PlatformDatabase.fresh("funding_projection", FundingConfiguration.MIGRATIONS));
        projection = new FundingProjection(jdbc);
    }

    private static String line(PaymentType type) {
        return A + ":" + type;
    }

    /**
     * A municipality trajectory's history: approved, START due, a bonus earned, closed before three months (the
     * three-months line cancelled, the final brought forward and due).
     */
    private static List<Stored> history() {
        List<Stored> events = new ArrayList<>();
        events.add(new Stored(UUID.randomUUID().toString(), new FundingApplicationReceivedEvent(A, C,
                Agency.MUNICIPALITY, BenefitType.SOCIAL_ASSISTANCE, START.minusDays(10), START.minusDays(3))));
        events.add(new Stored(UUID.randomUUID().toString(), new FundingApprovedEvent(A, C, START)));
        events.add(new Stored(UUID.randomUUID().toString(), new PaymentScheduledEvent(A, C, line(PaymentType.START),
                PaymentType.START, new BigDecimal("900"), START)));
        events.add(new Stored(UUID.randomUUID().toString(), new PaymentFellDueEvent(A, line(PaymentType.START))));
        events.add(new Stored(UUID.randomUUID().toString(), new PaymentScheduledEvent(A, C,
                line(PaymentType.THREE_MONTHS), PaymentType.THREE_MONTHS, new BigDecimal("900"),
                START.plusMonths(3))));
        events.add(new Stored(UUID.randomUUID().toString(), new PaymentScheduledEvent(A, C, line(PaymentType.FINAL),
                PaymentType.FINAL, new BigDecimal("900"), START.plusMonths(18))));
        events.add(new Stored(UUID.randomUUID().toString(), new PaymentScheduledEvent(A, C,
                line(PaymentType.PLACEMENT_BONUS), PaymentType.PLACEMENT_BONUS, new BigDecimal("1800"),
                LocalDate.of(2026, 3, 10))));
        events.add(new Stored(UUID.randomUUID().toString(),
                new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS))));
        events.add(new Stored(UUID.randomUUID().toString(), new PaymentCancelledEvent(A,
                line(PaymentType.THREE_MONTHS), "the trajectory closed before three months had passed")));
        events.add(new Stored(UUID.randomUUID().toString(),
                new PaymentRescheduledEvent(A, line(PaymentType.FINAL), CLOSED)));
        events.add(new Stored(UUID.randomUUID().toString(), new PaymentFellDueEvent(A, line(PaymentType.FINAL))));
        return events;
    }

    private void handle(Stored stored) {
        Object payload = stored.payload();
        String id = stored.eventId();
        if (payload instanceof FundingApplicationReceivedEvent e) {
            projection.on(e, id);
        } else if (payload instanceof FundingApprovedEvent e) {
            projection.on(e, id);
        } else if (payload instanceof PaymentScheduledEvent e) {
            projection.on(e, id);
        } else if (payload instanceof PaymentFellDueEvent e) {
            projection.on(e, id);
        } else if (payload instanceof PaymentCancelledEvent e) {
            projection.on(e, id);
        } else if (payload instanceof PaymentRescheduledEvent e) {
            projection.on(e, id);
        } else if (payload instanceof PaymentRecordedEvent e) {
            projection.on(e, id);
        } else if (payload instanceof PaymentCorrectedEvent e) {
            projection.on(e, id);
        } else {
            throw new IllegalArgumentException("not a funding event: " + payload.getClass().getSimpleName());
        }
    }

    private int lines() {
        return jdbc.queryForObject("select count(*) from payment_line", Integer.class);
    }

    private static PaymentView view(PaymentType type, String amount, LocalDate due, String status) {
        return new PaymentView(type, new BigDecimal(amount), due, status, line(type), null, null, null);
    }

    /** What the schedule must show after the history, whichever way it was delivered. */
    private static final List<PaymentView> SCHEDULE = List.of(
            view(PaymentType.START, "900.00", START, "DUE"),
            view(PaymentType.PLACEMENT_BONUS, "1800.00", LocalDate.of(2026, 3, 10), "DUE"),
            view(PaymentType.FINAL, "900.00", CLOSED, "DUE"),
            view(PaymentType.THREE_MONTHS, "900.00", START.plusMonths(3), "CANCELLED"));

    @Test
    void replayingTheSameEventsAddsNoPaymentLineAndChangesNone() {
        List<Stored> history = history();
        history.forEach(this::handle);
        List<PaymentView> first = projection.payments(A);
        assertThat(first).containsExactlyElementsOf(SCHEDULE);
        assertThat(lines()).isEqualTo(4);

        history.forEach(this::handle);   // a replay: the same events with the same ids, in the same order

        assertThat(projection.payments(A)).containsExactlyElementsOf(first);
        assertThat(lines()).isEqualTo(4);
        assertThat(jdbc.queryForObject("select sum(amount) from payment_line", BigDecimal.class))
                .isEqualByComparingTo("4500.00");
        assertThat(projection.application(A)).get().extracting(FundingProjection.ApplicationView::status)
                .isEqualTo("APPROVED");
    }

    @Test
    void redeliveringAnyOneEventAfterTheHistoryChangesNothing() {
        List<Stored> history = history();
        history.forEach(this::handle);

        for (Stored redelivered : history) {
            handle(redelivered);
            assertThat(projection.payments(A)).as("after redelivering %s", redelivered.payload())
                    .containsExactlyElementsOf(SCHEDULE);
            assertThat(lines()).isEqualTo(4);
        }
    }

    /**
     * The history, then START and the bonus paid, and the bonus corrected (its job turned out to have ended too
     * soon): the paid lines show their date and reference, the bonus reads CORRECTED beside its correction, and a
     * redelivery of any of these changes nothing.
     */
    @Test
    void paymentsAndCorrectionsShowOnTheirLinesAndSurviveRedelivery() {
        String bonus = line(PaymentType.PLACEMENT_BONUS);
        LocalDate corrected = LocalDate.of(2026, 3, 25);
        List<Stored> history = new ArrayList<>(history());
        history.add(new Stored(UUID.randomUUID().toString(), new PaymentRecordedEvent(A, C, line(PaymentType.START),
                PaymentType.START, new BigDecimal("900"), START.plusDays(2), "BV-1")));
        history.add(new Stored(UUID.randomUUID().toString(), new PaymentRecordedEvent(A, C, bonus,
                PaymentType.PLACEMENT_BONUS, new BigDecimal("1800"), LocalDate.of(2026, 3, 12), "BV-2")));
        history.add(new Stored(UUID.randomUUID().toString(), new PaymentCorrectedEvent(A, C, bonus + ":correction",
                bonus, PaymentType.PLACEMENT_BONUS, new BigDecimal("-1800"), corrected, "the job ended too soon")));
        List<PaymentView> expected = List.of(
                new PaymentView(PaymentType.START, new BigDecimal("900.00"), START, "PAID", line(PaymentType.START),
                        START.plusDays(2), "BV-1", null),
                new PaymentView(PaymentType.PLACEMENT_BONUS, new BigDecimal("1800.00"), LocalDate.of(2026, 3, 10),
                        "CORRECTED", bonus, LocalDate.of(2026, 3, 12), "BV-2", null),
                view(PaymentType.FINAL, "900.00", CLOSED, "DUE"),
                new PaymentView(PaymentType.PLACEMENT_BONUS, new BigDecimal("-1800.00"), corrected, "DUE",
                        bonus + ":correction", null, null, bonus),
                view(PaymentType.THREE_MONTHS, "900.00", START.plusMonths(3), "CANCELLED"));

        history.forEach(this::handle);
        assertThat(projection.payments(A)).containsExactlyElementsOf(expected);
        for (Stored redelivered : history) {
            handle(redelivered);
        }
        assertThat(projection.payments(A)).containsExactlyElementsOf(expected);
    }

    /**
     * The statement of a period adds up from the lines: owed is what fell due in it (the correction owes back, the
     * cancelled line owes nothing), paid what was paid in it, outstanding what was unpaid at its end; periods ending
     * the day before and on the day of a payment, one database for all of them.
     */
    @Test
    void aStatementAddsUpFromTheLines() {
        String bonus = line(PaymentType.PLACEMENT_BONUS);
        history().forEach(this::handle);
        handle(new Stored(UUID.randomUUID().toString(), new PaymentRecordedEvent(A, C, line(PaymentType.START),
                PaymentType.START, new BigDecimal("900"), START.plusDays(2), "BV-1")));
        handle(new Stored(UUID.randomUUID().toString(), new PaymentRecordedEvent(A, C, bonus,
                PaymentType.PLACEMENT_BONUS, new BigDecimal("1800"), LocalDate.of(2026, 3, 12), "BV-2")));
        handle(new Stored(UUID.randomUUID().toString(), new PaymentCorrectedEvent(A, C, bonus + ":correction",
                bonus, PaymentType.PLACEMENT_BONUS, new BigDecimal("-1800"), LocalDate.of(2026, 3, 25),
                "the job ended too soon")));
        // from, to: owed, paid, outstanding
        List<List<String>> periods = List.of(
                List.of("2026-01-01", "2026-01-31", "900.00", "900.00", "0.00"),
                List.of("2026-03-01", "2026-03-11", "1800.00", "0.00", "1800.00"),
                List.of("2026-03-01", "2026-03-12", "1800.00", "1800.00", "0.00"),
                List.of("2026-03-01", "2026-03-31", "900.00", "1800.00", "-900.00"),
                List.of("2026-01-01", "2026-12-31", "1800.00", "2700.00", "-900.00"));

        for (List<String> period : periods) {
            PaymentStatement statement = projection.statement(new StatementPeriod(LocalDate.parse(period.get(0)),
                    LocalDate.parse(period.get(1))));
            assertThat(statement.trajectories()).as("%s", period).singleElement().satisfies(line -> {
                assertThat(line.trajectoryId()).isEqualTo(A);
                assertThat(line.funder()).isEqualTo(Agency.MUNICIPALITY);
                assertThat(line.owed()).as("owed %s", period).isEqualByComparingTo(period.get(2));
                assertThat(line.paid()).as("paid %s", period).isEqualByComparingTo(period.get(3));
                assertThat(line.outstanding()).as("outstanding %s", period).isEqualByComparingTo(period.get(4));
            });
            assertThat(statement.owed()).isEqualByComparingTo(period.get(2));
            assertThat(statement.paid()).isEqualByComparingTo(period.get(3));
            assertThat(statement.outstanding()).isEqualByComparingTo(period.get(4));
        }
    }

    private static AccessRecordedEvent erasure(Set<DataCategory> categories) {
        return new AccessRecordedEvent(UUID.randomUUID(), Instant.now(), "MUNICIPALITY", AccessRecordedEvent.SYSTEM_USER,
                null, C, categories, AccessAction.ERASE, null, List.of(UUID.randomUUID()), AccessOutcome.PERMITTED,
                "consent revoked: received data erased");
    }

    private int rowsNaming(LocalDate date) {
        return jdbc.queryForObject("select count(*) from funding_application where referred_on = ? or applied_on = ?",
                Integer.class, Date.valueOf(date), Date.valueOf(date));
    }

    @Test
    void erasingTheClientsBenefitsDataBlanksTheApplicationsDetailsAndKeepsItsStatusAndPayments() {
        history().forEach(this::handle);
        projection.on(erasure(Set.of(DataCategory.EMPLOYMENT)), UUID.randomUUID().toString());
        assertThat(projection.application(A)).get().extracting(FundingProjection.ApplicationView::benefit)
                .isEqualTo("SOCIAL_ASSISTANCE");
        assertThat(rowsNaming(START.minusDays(10))).isEqualTo(1);

        projection.on(erasure(Set.of(DataCategory.BENEFITS, DataCategory.EMPLOYMENT)), UUID.randomUUID().toString());

        FundingProjection.ApplicationView erased = projection.application(A).orElseThrow();
        assertThat(erased.benefit()).isNull();
        assertThat(erased.referredOn()).isNull();
        assertThat(erased.appliedOn()).isNull();
        assertThat(rowsNaming(START.minusDays(10)) + rowsNaming(START.minusDays(3))).isZero();
        assertThat(erased.status()).isEqualTo("APPROVED");
        assertThat(erased.startDate()).isEqualTo(START);
        assertThat(projection.payments(A)).containsExactlyElementsOf(SCHEDULE);
    }

    @Test
    void anApplicationReadErasedFromTheEventStoreIsProjectedWithoutItsDetails() {
        projection.on(new FundingApplicationReceivedEvent(A, C, Agency.MUNICIPALITY, null, null, null),
                UUID.randomUUID().toString());

        FundingProjection.ApplicationView shown = projection.application(A).orElseThrow();
        assertThat(shown.status()).isEqualTo("RECEIVED");
        assertThat(shown.benefit()).isNull();
        assertThat(shown.referredOn()).isNull();
        assertThat(shown.appliedOn()).isNull();
    }

    @Test
    void theApplicationsPageNewestAppliedFirstAndEveryPageFollowsTheLastOneShownAlsoOnOneDayAndWithoutADate() {
        LocalDate[] applied = {START, START, START.plusDays(1), START.plusDays(7), START.plusDays(7),
                START.minusDays(30), START};
        for (LocalDate day : applied) {
            handle(new Stored(UUID.randomUUID().toString(), new FundingApplicationReceivedEvent(
                    UUID.randomUUID().toString(), C, Agency.MUNICIPALITY, BenefitType.SOCIAL_ASSISTANCE,
                    day.minusDays(5), day)));
        }
        // an application whose details were erased has no date: it comes last
        jdbc.update("update funding_application set applied_on = null, referred_on = null where application_id = "
                + "(select min(application_id) from funding_application where applied_on = ?)", START);
        List<String> whole = projection.applications().stream().map(FundingProjection.ApplicationView::applicationId)
                .toList();
        assertThat(whole).hasSize(applied.length).doesNotHaveDuplicates();
        assertThat(projection.applications().get(applied.length - 1).appliedOn()).isNull();

        List<String> walked = new ArrayList<>();
        String after = null;
        while (true) {
            List<FundingProjection.ApplicationView> page = projection.applications(after, 2);
            List<FundingProjection.ApplicationView> shown = page.size() > 2 ? page.subList(0, 2) : page;
            shown.forEach(application -> walked.add(application.applicationId()));
            if (page.size() <= 2) {
                break;
            }
            after = shown.get(1).applicationId();
        }
        assertThat(walked).containsExactlyElementsOf(whole);
    }
}
