package nl.ipsexchange.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import nl.ipsexchange.kernel.fidelity.FidelityReviewedEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventCatalog;
import nl.ipsexchange.status.SmallCells.Cell;
import nl.ipsexchange.status.SmallCells.State;

/**
 * The decision makers' figures as every agency may see them (ADR 53), the one home of their de-identification: the
 * API, the page and any export show these. Per calendar quarter only ({@link StatusQuarter}); a count of clients from
 * 1 to k - 1 is not shown ("fewer than k"), nor any figure that would let a reader work one out (SmallCells): from
 * a total and the rest of its parts, from an agency's own figure, or from the trajectories open at the quarter's start
 * as the previous quarter shows them (its caseloads: stocks and flows add up across quarters); nor a rate, band or
 * median that rests on fewer than k; nor an amount scheduled for fewer than k trajectories. Suppressed values are
 * null, and each document names them by their JSON path.
 *
 * <p>k is {@value #SETTING} (default {@value #DEFAULT_MINIMUM_COUNT}); 1 suppresses nothing, a setting for test
 * stacks only (StatusConfiguration).
 */
public class DeIdentifiedStatus {

    public static final String SETTING = "ips.status.minimum-count";
    public static final int DEFAULT_MINIMUM_COUNT = 5;

    /** Status events about teams, not clients: their counts are never suppressed for themselves. */
    private static final String NOT_ABOUT_CLIENTS = IntegrationEventCatalog.typeOf(FidelityReviewedEvent.class);

    private final StatusMeasures measures;
    private final StatusQueries queries;
    private final int minimum;

    public DeIdentifiedStatus(StatusMeasures measures, StatusQueries queries, int minimumCount) {
        this.measures = measures;
        this.queries = queries;
        this.minimum = minimumCount;
    }

    public int minimumCount() {
        return minimum;
    }

    /** Per funder; amounts are those scheduled (by due date) in the quarter. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FunderFigures(String funder, Long approved, Long refused, BigDecimal amountScheduled) {
    }

    /** Open trajectories per IPS specialist at the end of the quarter (IPS: 20 or fewer). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Caseload(String specialist, Long openTrajectories, Boolean withinTwenty) {
    }

    /**
     * The measures of a quarter (section 7 of the domain brief). {@code provisional}: the quarter has not ended.
     * {@code suppressed}: the JSON path of every value left out (null); {@code fewerThanMinimum}: those among them
     * that are counts from 1 to {@code minimumCount} - 1 (the others are withheld so that none of those can be
     * worked out, or rest on them).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Measures(String quarter, LocalDate from, LocalDate to, boolean provisional, int minimumCount,
                           Long referrals, Long intakes, Long trajectoriesStarted, Long competitivePlacements,
                           Long participants, Long inCompetitiveWork, Double shareInCompetitiveWork, String benchmark,
                           Double medianDaysToFirstEmployerContact, Double sharePlacedWithinNineMonths,
                           List<FunderFigures> funders, List<Caseload> caseloads,
                           List<StatusMeasures.TeamFidelity> fidelity, List<String> suppressed,
                           List<String> fewerThanMinimum) {
    }

    /** Status events per type that occurred in the quarter (UTC days), and their total; suppressed as above. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(String quarter, LocalDate from, LocalDate to, boolean provisional, int minimumCount,
                          @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
                          Map<String, Long> eventCounts,
                          Long total, List<String> suppressed, List<String> fewerThanMinimum) {
    }

    public Measures measures(StatusQuarter quarter, LocalDate today) {
        List<StatusMeasures.Measures> both = measures.measures(List.of(new LocalDate[] {quarter.first(),
                quarter.last()}, new LocalDate[] {quarter.previous().first(), quarter.previous().last()}));
        StatusMeasures.Measures raw = both.get(0);
        StatusMeasures.Measures before = both.get(1);
        SmallCells cells = new SmallCells(minimum);
        Figures shown = new Figures();

        // the previous quarter as its own document shows it (fixed here): this quarter's figures must not undo it
        SmallCells alone = new SmallCells(minimum);
        Stocks previousAlone = stocks(alone, before, openAtStart(alone, before), alone::count);
        alone.protect();
        Stocks previous = stocks(cells, before, openAtStart(cells, before), previousAlone.fixedIn(cells));
        Stocks stocks = stocks(cells, raw, previous.openAtEnd(), value -> cells.count(value));

        Cell referrals = shown.add(stocks.referrals(), "referrals");
        Cell intakes = shown.count(cells, "intakes", raw.intakes());
        Cell started = shown.count(cells, "trajectoriesStarted", raw.trajectoriesStarted());
        Cell competitive = shown.count(cells, "competitivePlacements", raw.competitivePlacements());
        Cell participants = shown.add(stocks.participants(), "participants");
        Cell working = shown.add(stocks.working(), "inCompetitiveWork");
        for (int i = 0; i < stocks.caseloads().size(); i++) {
            shown.add(stocks.caseloads().get(i), "caseloads[" + i + "].openTrajectories");
        }
        // the competitive placements: within nine months of the referral, later, or with no referral known
        Cell within = cells.part(raw.placedWithinNineMonths());
        Cell later = cells.part(raw.placementsWithReferral() - raw.placedWithinNineMonths());
        cells.group(competitive, List.of(within, later,
                cells.known(raw.competitivePlacements() - raw.placementsWithReferral())));
        // the trajectories started: each funder's approvals, which that funder knows
        List<Cell[]> funderCells = new ArrayList<>();
        for (int i = 0; i < raw.funders().size(); i++) {
            StatusMeasures.FunderFigures funder = raw.funders().get(i);
            funderCells.add(new Cell[] {shown.count(cells, "funders[" + i + "].approved", funder.approved()),
                    shown.count(cells, "funders[" + i + "].refused", funder.refused())});
        }
        cells.groupOfAgencies(started, funderCells.stream().map(pair -> pair[0]).toList());
        cells.protect();

        // read in the order the document shows them, so that its list of what is left out is in that order too
        Long referralsShown = shown.value(referrals);
        Long intakesShown = shown.value(intakes);
        Long startedShown = shown.value(started);
        Long competitiveShown = shown.value(competitive);
        Long participantsShown = shown.value(participants);
        Long workingShown = shown.value(working);
        boolean shareShown = working.shown() && participants.shown();
        Double share = shown.rate("shareInCompetitiveWork", raw.shareInCompetitiveWork(), shareShown);
        String benchmark = shareShown || raw.shareInCompetitiveWork() == null ? raw.benchmark()
                : shown.withheld("benchmark", null);
        Double median = shown.rate("medianDaysToFirstEmployerContact", raw.medianDaysToFirstEmployerContact(),
                raw.firstEmployerContacts() >= minimum);
        Double nine = shown.rate("sharePlacedWithinNineMonths", raw.sharePlacedWithinNineMonths(),
                within.shown() && later.shown());
        List<FunderFigures> funders = new ArrayList<>();
        for (int i = 0; i < raw.funders().size(); i++) {
            StatusMeasures.FunderFigures funder = raw.funders().get(i);
            long trajectories = funder.trajectoriesScheduled();
            Long approved = shown.value(funderCells.get(i)[0]);
            Long refused = shown.value(funderCells.get(i)[1]);
            funders.add(new FunderFigures(funder.funder(), approved, refused, trajectories == 0
                    || trajectories >= minimum ? funder.amountScheduled()
                    : shown.withheld("funders[" + i + "].amountScheduled", null)));
        }
        List<Caseload> caseloads = new ArrayList<>();
        for (int i = 0; i < raw.caseloads().size(); i++) {
            StatusMeasures.Caseload caseload = raw.caseloads().get(i);
            Long open = shown.value(stocks.caseloads().get(i));
            caseloads.add(new Caseload(caseload.specialist(), open, open == null
                    ? shown.withheld("caseloads[" + i + "].withinTwenty", null) : caseload.withinTwenty()));
        }
        return new Measures(quarter.toString(), quarter.first(), quarter.last(), quarter.provisionalOn(today),
                minimum, referralsShown, intakesShown, startedShown, competitiveShown, participantsShown, workingShown,
                share, benchmark, median, nine, funders, caseloads, raw.fidelity(), shown.suppressed(),
                shown.fewerThanMinimum());
    }

    /**
     * A quarter's figures of trajectories open: its participants are those open at its start and its referrals (with
     * what the referrals count otherwise, an identity), those in competitive work at its end and the others, and those
     * open at its end (its caseloads per specialist) and those closed in it. Linked to the quarter before through
     * those open at its start, which are that quarter's caseloads.
     *
     * @param openAtStart the trajectories open at the start, a cell of the groups of the quarter before
     * @param count       how this document has the quarter's counts: as its own, or fixed as another shows them
     */
    private Stocks stocks(SmallCells cells, StatusMeasures.Measures raw, Cell openAtStart, Count count) {
        Cell referrals = count.of(raw.referrals());
        Cell participants = count.of(raw.participants());
        Cell working = count.of(raw.inCompetitiveWork());
        cells.group(participants, List.of(working, cells.hidden(raw.participants() - raw.inCompetitiveWork())));
        cells.group(participants, List.of(referrals, openAtStart,
                cells.known(raw.participants() - raw.referrals() - total(raw.caseloadsBefore()))));
        List<Cell> caseloads = raw.caseloads().stream().map(caseload -> count.of(caseload.openTrajectories()))
                .toList();
        Cell openAtEnd = cells.hidden(total(raw.caseloads()));
        cells.group(openAtEnd, caseloads);
        cells.group(participants, List.of(openAtEnd, cells.hidden(raw.participants() - total(raw.caseloads()))));
        return new Stocks(referrals, participants, working, caseloads, openAtEnd);
    }

    /**
     * The trajectories open at a quarter's start, as the caseloads of the quarter before show them by themselves
     * (counts from 1 to k - 1 suppressed): as far as the quarter before is not worked out here, a reader is taken to
     * know all the rest of them.
     */
    private Cell openAtStart(SmallCells cells, StatusMeasures.Measures raw) {
        Cell open = cells.hidden(total(raw.caseloadsBefore()));
        cells.group(open, raw.caseloadsBefore().stream().map(caseload -> cells.fixed(caseload.openTrajectories(),
                caseload.openTrajectories() > 0 && caseload.openTrajectories() < minimum
                        ? State.FEWER_THAN_MINIMUM : State.SHOWN)).toList());
        return open;
    }

    private static long total(List<StatusMeasures.Caseload> caseloads) {
        return caseloads.stream().mapToLong(StatusMeasures.Caseload::openTrajectories).sum();
    }

    /** How a document has a count: as its own, to show and suppress, or fixed as another document shows it. */
    @FunctionalInterface
    private interface Count {
        Cell of(long value);
    }

    /** One quarter's cells of trajectories open (see {@link #stocks}). */
    private record Stocks(Cell referrals, Cell participants, Cell working, List<Cell> caseloads, Cell openAtEnd) {

        /**
         * The same counts, in another document, fixed as this one shows them: handed out in the order
         * {@link DeIdentifiedStatus#stocks} asks for them (referrals, participants, in work, each caseload).
         */
        Count fixedIn(SmallCells other) {
            List<Cell> mine = new ArrayList<>(List.of(referrals, participants, working));
            mine.addAll(caseloads);
            int[] next = {0};
            return value -> {
                Cell cell = mine.get(next[0]++);
                return other.fixed(value, cell.state());
            };
        }
    }

    public Summary summary(StatusQuarter quarter, LocalDate today) {
        StatusQueries.StatusSummary raw = queries.summary(quarter.first(), quarter.last());
        SmallCells cells = new SmallCells(minimum);
        Figures shown = new Figures();
        Map<String, Cell> byType = new LinkedHashMap<>();
        raw.eventCounts().forEach((type, count) -> byType.put(type, type.equals(NOT_ABOUT_CLIENTS)
                ? shown.add(cells.notAboutClients(count), "eventCounts." + type)
                : shown.count(cells, "eventCounts." + type, count)));
        Cell total = shown.count(cells, "total", raw.total());
        cells.group(total, List.copyOf(byType.values()));
        cells.protect();
        Map<String, Long> counts = new LinkedHashMap<>();
        byType.forEach((type, cell) -> counts.put(type, shown.value(cell)));
        return new Summary(quarter.toString(), quarter.first(), quarter.last(), quarter.provisionalOn(today),
                minimum, counts, shown.value(total), shown.suppressed(), shown.fewerThanMinimum());
    }

    /** The cells of one document with the paths they are shown at, and what it leaves out. */
    private static final class Figures {

        private final Map<Cell, String> paths = new LinkedHashMap<>();
        private final List<String> suppressed = new ArrayList<>();
        private final List<String> fewer = new ArrayList<>();

        Cell count(SmallCells cells, String path, long value) {
            return add(cells.count(value), path);
        }

        Cell add(Cell cell, String path) {
            paths.put(cell, path);
            return cell;
        }

        /** The cell's value, or null (noted) when it is not shown. */
        Long value(Cell cell) {
            if (cell.shown()) {
                return cell.value();
            }
            if (cell.state() == State.FEWER_THAN_MINIMUM) {
                fewerThanMinimum(paths.get(cell));
            } else {
                suppressed.add(paths.get(cell));
            }
            return null;
        }

        /** A rate, band or median: as it is when {@code shown} or when there is none, else null (noted). */
        Double rate(String path, Double value, boolean shown) {
            return shown || value == null ? value : withheld(path, null);
        }

        <T> T withheld(String path, T nothing) {
            suppressed.add(path);
            return nothing;
        }

        void fewerThanMinimum(String path) {
            suppressed.add(path);
            fewer.add(path);
        }

        List<String> suppressed() {
            return List.copyOf(suppressed);
        }

        List<String> fewerThanMinimum() {
            return List.copyOf(fewer);
        }
    }
}
