package nl.ipsexchange.municipality;

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
import nl.ipsexchange.funding.command.ScheduleInAnyOrder;
import nl.ipsexchange.funding.command.ScheduleInAnyOrder.Fact;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * The municipality's schedule is a function of the facts: an approval, three jobs (one that ended too soon, two that
 * earn the bonus, the earlier of which is paid) and a close before the 18-month cap, recorded in all 120 orders, each
 * on the day it happened, all four years late, or scattered over the year after, give one schedule.
 */
class MunicipalityScheduleInAnyOrderTest {

    private static final LocalDate CLOSED = START.plusMonths(13).plusDays(15);

    @Test
    void theSameFactsInAnyOrderOnAnyDayGiveTheSameSchedule() {
        Placement endedTooSoon = new Placement("p-2", true, bd("16"), bd("1500"), START.plusDays(10),
                START.plusDays(20));
        Placement earnedLater = new Placement("p-1", true, bd("20"), bd("1500"), START.plusDays(20),
                START.plusDays(20).plusMonths(1).plusDays(5));
        Placement earnedFirst = new Placement("p-3", true, bd("12"), bd("1500"), START.plusDays(15), null);
        List<Fact> facts = List.of(
                new Fact("approval", START, today -> new ApproveFundingCommand(A, START, today)),
                Fact.placement(endedTooSoon), Fact.placement(earnedLater), Fact.placement(earnedFirst),
                new Fact("close", CLOSED, today -> new RecordClosureCommand(A, CLOSED, today)));

        Map<String, List<Payment>> schedules = ScheduleInAnyOrder.schedules(
                () -> fixture(new MunicipalityFunding(new FundingRules(AGREEMENT))),
                received(Agency.MUNICIPALITY), facts);

        assertThat(schedules).hasSize(360).allSatisfy((order, schedule) -> assertThat(schedule).as(order)
                .containsExactly(
                        new Payment(PaymentType.START, bd("900"), START),
                        new Payment(PaymentType.PLACEMENT_BONUS, bd("1800"), START.plusDays(15).plusMonths(1)),
                        new Payment(PaymentType.THREE_MONTHS, bd("900"), START.plusMonths(3)),
                        new Payment(PaymentType.FINAL, bd("900"), CLOSED)));
    }
}
