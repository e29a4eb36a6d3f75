package nl.ipsexchange.benefits;

import static nl.ipsexchange.funding.command.FundingFixtures.A;
import static nl.ipsexchange.funding.command.FundingFixtures.AGREEMENT;
import static nl.ipsexchange.funding.command.FundingFixtures.START;
import static nl.ipsexchange.funding.command.FundingFixtures.bd;
import static nl.ipsexchange.funding.command.FundingFixtures.fixture;
import static nl.ipsexchange.funding.command.FundingFixtures.received;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.ipsexchange.funding.command.FunderPolicy.Payment;
import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordJobCoachingCommand;
import nl.ipsexchange.funding.command.ScheduleInAnyOrder;
import nl.ipsexchange.funding.command.ScheduleInAnyOrder.Fact;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * The benefits agency's schedule is a function of the facts: an approval, a job that ended a day short of its two
 * months, one that earns the bonus, a job-coaching session (possibly recorded before the approval) and a close 30
 * months in (recorded, in some orders, after the 36-month cap had passed), in all 120 orders and on any days.
 */
class BenefitsScheduleInAnyOrderTest {

    private static final LocalDate CLOSED = START.plusMonths(30);

    @Test
    void theSameFactsInAnyOrderOnAnyDayGiveTheSameSchedule() {
        LocalDate firstJob = START.plusMonths(1);
        Placement endedADayShort = new Placement("p-1", true, bd("20"), bd("1500"), firstJob,
                firstJob.plusMonths(2).minusDays(1));
        Placement earned = new Placement("p-2", true, bd("24"), bd("1500"), START.plusMonths(3), null);
        LocalDate coached = START.plusDays(5);
        List<Fact> facts = List.of(
                new Fact("approval", START, today -> new ApproveFundingCommand(A, START, today)),
                Fact.placement(endedADayShort), Fact.placement(earned),
                new Fact("coaching", coached,
                        today -> new RecordJobCoachingCommand(A, "s-1", coached, bd("2.5"), today)),
                new Fact("close", CLOSED, today -> new RecordClosureCommand(A, CLOSED, today)));

        Map<String, List<Payment>> schedules = ScheduleInAnyOrder.schedules(
                () -> fixture(new BenefitsFunding(new FundingRules(AGREEMENT))),
                received(Agency.BENEFITS), facts);

        assertThat(schedules).hasSize(360).allSatisfy((order, schedule) -> assertThat(schedule).as(order)
                .containsExactly(
                        new Payment(PaymentType.START, bd("2420"), START),
                        new Payment(PaymentType.JOB_COACHING, bd("156.25"), coached),
                        new Payment(PaymentType.PLACEMENT_BONUS, bd("1210"), START.plusMonths(5)),
                        new Payment(PaymentType.FINAL, bd("2420"), CLOSED)));
    }
}
