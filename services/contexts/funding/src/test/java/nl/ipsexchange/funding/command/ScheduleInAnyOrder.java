package nl.ipsexchange.funding.command;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.axonframework.test.aggregate.AggregateTestFixture;

import nl.ipsexchange.funding.command.FunderPolicy.Payment;
import nl.ipsexchange.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.funding.Placement;
import nl.ipsexchange.testsupport.Permutations;

/**
 * Records the same facts about one funding application in every order, each with the clock on a different day, and
 * reads the schedule the aggregate ends with once every deadline has passed: the schedule is a function of the facts
 * (section 4 of the domain brief), so every order and every clock must give the same one.
 */
public final class ScheduleInAnyOrder {

    /** A fact, as the command that records it on a given day; {@code effective}: the day it happened. */
    public record Fact(String name, LocalDate effective, Function<LocalDate, Object> recordedOn) {

        /** A job as one report (with its end, if it ended), known on its end or else its start. */
        public static Fact placement(Placement job) {
            LocalDate known = job.endDate() != null ? job.endDate() : job.startDate();
            return new Fact("job " + job.placementId(), known,
                    today -> new RecordPlacementCommand(FundingFixtures.A, job, today));
        }
    }

    /** How the days facts are recorded on are chosen: the same facts must give the same schedule on any. */
    public enum Clock {
        /** Each fact on the day it happened (or the day the previous one was recorded, if later). */
        ON_THE_DAY,
        /** All facts years later, on one day. */
        ALL_LATE,
        /** Each fact some days to a year after the previous record, at random (a fixed seed). */
        SCATTERED
    }

    private ScheduleInAnyOrder() {
    }

    /**
     * The schedule each order and clock ends with, by a description of the order and clock.
     *
     * @param fixtures a new fixture each time, with the funder's policy registered
     * @param received the application's received event, given first
     */
    public static Map<String, List<Payment>> schedules(Supplier<AggregateTestFixture<FundingApplication>> fixtures,
                                                       Object received, List<Fact> facts) {
        Map<String, List<Payment>> schedules = new LinkedHashMap<>();
        Random random = new Random(29);
        for (List<Fact> order : Permutations.of(facts)) {
            for (Clock clock : Clock.values()) {
                List<Object> commands = new ArrayList<>();
                LocalDate last = LocalDate.MIN;
                LocalDate late = order.stream().map(Fact::effective).max(LocalDate::compareTo).orElseThrow()
                        .plusYears(4);
                for (Fact fact : order) {
                    LocalDate day = switch (clock) {
                        case ON_THE_DAY -> fact.effective();
                        case ALL_LATE -> late;
                        case SCATTERED -> fact.effective().plusDays(random.nextInt(366));
                    };
                    last = day.isAfter(last) ? day : last;
                    commands.add(fact.recordedOn().apply(last));
                }
                AtomicReference<List<Payment>> schedule = new AtomicReference<>();
                fixtures.get().givenCurrentTime(last.atStartOfDay(ConsentTerms.ZONE).toInstant())
                        .andGiven(received)
                        .andGivenCommands(commands)
                        .whenThenTimeAdvancesTo(late.plusYears(1).atStartOfDay(ConsentTerms.ZONE).toInstant())
                        .expectState(application -> schedule.set(application.activeSchedule()));
                schedules.put(order.stream().map(Fact::name).toList() + " recorded " + clock, schedule.get());
            }
        }
        return schedules;
    }
}
