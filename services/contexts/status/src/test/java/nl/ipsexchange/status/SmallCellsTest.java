package nl.ipsexchange.status;

import static nl.ipsexchange.status.SmallCells.State.FEWER_THAN_MINIMUM;
import static nl.ipsexchange.status.SmallCells.State.HIDDEN;
import static nl.ipsexchange.status.SmallCells.State.SHOWN;
import static nl.ipsexchange.status.SmallCells.State.WITHHELD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.ipsexchange.status.SmallCells.Cell;

/**
 * Small-cell suppression (ADR 53) on groups worked out by hand, and on random groups checked by brute force: no
 * count of clients from 1 to k - 1 shown can be worked out exactly, by any reader or, in a group of agencies, by any
 * of them.
 */
class SmallCellsTest {

    private static final int K = 5;

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {3, 5, 10})
    void aCountOfKMinusOneIsFewerThanKAndACountOfKIsShown(int k) {
        SmallCells cells = new SmallCells(k);
        Cell below = cells.count(k - 1);
        Cell at = cells.count(k);
        Cell none = cells.count(0);
        Cell one = cells.count(1);

        cells.protect();

        assertThat(below.state()).isEqualTo(FEWER_THAN_MINIMUM);
        assertThat(one.state()).isEqualTo(FEWER_THAN_MINIMUM);
        assertThat(at.state()).isEqualTo(SHOWN);
        assertThat(none.state()).as("zero is no client to find").isEqualTo(SHOWN);
    }

    @ParameterizedTest(name = "a total of {0}")
    @ValueSource(ints = {1, 4})
    void aTotalBelowKIsSuppressedWithEveryCountInIt(int total) {
        SmallCells cells = new SmallCells(K);
        Cell sum = cells.count(total);
        Cell part = cells.count(total);
        Cell zero = cells.count(0);
        cells.group(sum, List.of(part, zero));

        cells.protect();

        assertThat(List.of(sum.state(), part.state(), zero.state())).as("a zero beside a count its agency knows "
                + "would give the total").containsOnly(FEWER_THAN_MINIMUM);
    }

    @Test
    void aGroupWithOneSmallCountGetsItsSmallestOtherNonZeroCountWithheld() {
        SmallCells cells = new SmallCells(K);
        Cell small = cells.count(2);
        Cell zero = cells.count(0);
        Cell smallestOther = cells.count(8);
        Cell larger = cells.count(10);
        Cell total = cells.count(20);
        cells.group(total, List.of(small, zero, smallestOther, larger));

        cells.protect();

        assertThat(small.state()).isEqualTo(FEWER_THAN_MINIMUM);
        assertThat(smallestOther.state()).isEqualTo(WITHHELD);
        assertThat(List.of(zero.state(), larger.state(), total.state())).containsOnly(SHOWN);
    }

    @Test
    void twoOnesThatTheTotalLeavesTwoForGetAComplementToo() {
        // without it the total less the 8 shown is 2: two counts of at least 1 each, so both are 1
        SmallCells cells = new SmallCells(K);
        Cell one = cells.count(1);
        Cell other = cells.count(1);
        Cell eight = cells.count(8);
        Cell total = cells.count(10);
        cells.group(total, List.of(one, other, eight));

        cells.protect();

        assertThat(List.of(one.state(), other.state())).containsOnly(FEWER_THAN_MINIMUM);
        assertThat(eight.state()).isEqualTo(WITHHELD);
        assertThat(total.state()).isEqualTo(SHOWN);
    }

    @Test
    void aComplementOfExactlyKPlusTheSmallCountStillGivesItAwaySoTheTotalIsWithheldInstead() {
        // 1 and 5 withheld with 6 shown: whoever knows the 5 was withheld as a complement knows it is 5 or more
        SmallCells cells = new SmallCells(K);
        Cell one = cells.count(1);
        Cell five = cells.count(5);
        Cell total = cells.count(6);
        cells.group(total, List.of(one, five));

        cells.protect();

        assertThat(one.state()).isEqualTo(FEWER_THAN_MINIMUM);
        assertThat(total.state()).isEqualTo(WITHHELD);
        assertThat(five.state()).as("shown again: without the total it gives nothing away").isEqualTo(SHOWN);
    }

    @Test
    void betweenTwoAgenciesTheTotalIsWithheldSinceEachKnowsItsOwnCount() {
        SmallCells cells = new SmallCells(K);
        Cell municipality = cells.count(3);
        Cell benefits = cells.count(10);
        Cell total = cells.count(13);
        cells.groupOfAgencies(total, List.of(municipality, benefits));

        cells.protect();

        assertThat(municipality.state()).isEqualTo(FEWER_THAN_MINIMUM);
        assertThat(total.state()).isEqualTo(WITHHELD);
        assertThat(benefits.state()).isEqualTo(SHOWN);
    }

    @Test
    void aHiddenSmallCountThatTheTotalLessTheOtherGivesIsProtectedByWithholdingTheOther() {
        // the participants not in competitive work are shown nowhere, but are the participants less those in work
        SmallCells cells = new SmallCells(K);
        Cell inWork = cells.count(18);
        Cell notInWork = cells.hidden(2);
        Cell participants = cells.count(20);
        cells.group(participants, List.of(inWork, notInWork));

        cells.protect();

        assertThat(inWork.state()).isEqualTo(WITHHELD);
        assertThat(notInWork.state()).isEqualTo(HIDDEN);
        assertThat(participants.state()).isEqualTo(SHOWN);
    }

    @Test
    void aSmallCountShownElsewhereIsProtectedHereWithWhatThisDocumentShows() {
        // last quarter's caseloads: 2 there (suppressed) and 9 (shown); this quarter's participants less referrals
        SmallCells cells = new SmallCells(K);
        Cell referrals = cells.count(8);
        Cell participants = cells.count(19);
        cells.group(participants, List.of(referrals, cells.fixed(2, FEWER_THAN_MINIMUM), cells.fixed(9, SHOWN)));

        cells.protect();

        assertThat(referrals.state()).isEqualTo(WITHHELD);
        assertThat(participants.state()).isEqualTo(SHOWN);
    }

    @Test
    void aTotalWithheldButGivenByAnotherGroupIsWithheldThereToo() {
        // the participants are the 5 open at the quarter's start and its 4 referrals, and the 9 open at its end and
        // those closed in it: with the participants withheld, 9 open at the end still make 4 referrals or more
        SmallCells cells = new SmallCells(K);
        Cell referrals = cells.count(4);
        Cell participants = cells.count(9);
        Cell openAtStart = cells.hidden(5);
        cells.group(openAtStart, List.of(cells.fixed(5, SHOWN)));
        cells.group(participants, List.of(referrals, openAtStart, cells.known(0)));
        Cell specialistsCaseload = cells.count(9);
        Cell openAtEnd = cells.hidden(9);
        cells.group(openAtEnd, List.of(specialistsCaseload));
        cells.group(participants, List.of(openAtEnd, cells.hidden(0)));

        cells.protect();

        assertThat(referrals.state()).isEqualTo(FEWER_THAN_MINIMUM);
        assertThat(participants.state()).isEqualTo(WITHHELD);
        assertThat(specialistsCaseload.state()).isEqualTo(WITHHELD);
    }

    @Test
    void aSmallCountThatOnlyOtherDocumentsFiguresGiveAwayIsLeftToThem() {
        SmallCells cells = new SmallCells(K);
        Cell theirs = cells.fixed(3, FEWER_THAN_MINIMUM);
        Cell mine = cells.count(12);
        cells.group(cells.known(3), List.of(theirs));
        cells.group(cells.count(20), List.of(mine, cells.known(8)));

        cells.protect();

        assertThat(mine.state()).isEqualTo(SHOWN);
    }

    @Test
    void aFigureNotAboutClientsIsShownHoweverSmallButMayBeWithheldAsAComplement() {
        SmallCells cells = new SmallCells(K);
        Cell registered = cells.count(4);
        Cell reviews = cells.notAboutClients(2);
        Cell steps = cells.count(30);
        Cell total = cells.count(36);
        cells.group(total, List.of(registered, reviews, steps));

        cells.protect();

        assertThat(registered.state()).isEqualTo(FEWER_THAN_MINIMUM);
        assertThat(reviews.state()).isEqualTo(WITHHELD);
        assertThat(steps.state()).isEqualTo(SHOWN);
    }

    @Test
    void whenWithholdingCannotProtectASmallCountEverythingLinkedToItIsNotShownOfNoKind() {
        // the benefits agency knows its own 1; with the other's "fewer than 5" and a total of 5 shown or "not shown"
        // (5 or more), the other's count is 4
        SmallCells cells = new SmallCells(K);
        Cell own = cells.count(1);
        Cell other = cells.count(4);
        Cell total = cells.count(5);
        Cell unlinked = cells.count(3);
        cells.groupOfAgencies(total, List.of(own, other));

        cells.protect();

        assertThat(List.of(own.state(), other.state(), total.state())).containsOnly(WITHHELD);
        assertThat(List.of(own.kindShown(), other.kindShown(), total.kindShown())).containsOnly(false);
        assertThat(unlinked.state()).isEqualTo(FEWER_THAN_MINIMUM);
    }

    @Test
    void aMinimumOfOneSuppressesNothing() {
        SmallCells cells = new SmallCells(1);
        Cell one = cells.count(1);
        Cell two = cells.count(2);
        Cell total = cells.count(3);
        cells.groupOfAgencies(total, List.of(one, two));

        cells.protect();

        assertThat(List.of(one.state(), two.state(), total.state())).containsOnly(SHOWN);
    }

    @Test
    void noRandomTreeOfGroupsLetsAnyReaderWorkOutASmallCount() {
        Random random = new Random(20261208);
        int withheldSomething = 0;
        for (int n = 0; n < 400; n++) {
            Tree tree = new Tree(random);

            tree.cells.protect();

            for (Cell own : tree.readers()) {
                Map<Cell, Set<Long>> possible = tree.valuesThatFit(own);
                for (Cell cell : tree.all) {
                    if (cell.small() && cell.state() != SHOWN && cell != own) {
                        assertThat(possible.get(cell)).as(tree + ", read by the agency of "
                                + (own == null ? "none" : own.value())).hasSizeGreaterThan(1);
                    }
                }
            }
            withheldSomething += tree.all.stream().anyMatch(cell -> cell.state() == WITHHELD) ? 1 : 0;
        }
        assertThat(withheldSomething).as("trees that needed a complement").isGreaterThan(50);
    }

    /**
     * A random total shared by two groups, one of whose cells may be the total of a third, some cells shown nowhere;
     * and beside it a group of agencies. A reader's knowledge is tried by brute force: every value of every unknown cell
     * that its kind allows (shown nowhere: any, unless small; labelled: 0, 1 to k - 1, or k or more as it is), which
     * make every group add up.
     */
    private static final class Tree {

        final SmallCells cells = new SmallCells(K);
        final List<Cell> all = new ArrayList<>();
        final List<Cell> labelled = new ArrayList<>();
        final List<Cell[]> groups = new ArrayList<>(); // {total, cells...}
        final List<Cell> agencies = new ArrayList<>();
        final long cap;

        Tree(Random random) {
            List<Cell> first = parts(random, 2 + random.nextInt(2));
            List<Cell> second = parts(random, 2);
            long sum = first.stream().mapToLong(Cell::value).sum();
            long other = second.stream().mapToLong(Cell::value).sum();
            if (other != sum) { // the second group adds up to the same total: its last cell takes the difference
                long last = second.get(1).value() + sum - other;
                if (last < 0) {
                    second.set(0, make(random, second.get(0).value() + last));
                    last = 0;
                }
                all.remove(second.get(1));
                labelled.remove(second.get(1));
                second.set(1, make(random, last));
            }
            Cell total = add(cells.count(sum), true);
            group(total, first, false);
            group(total, second, false);
            if (random.nextBoolean() && first.get(0).value() > 0) {
                long value = first.get(0).value();
                long a = random.nextInt((int) value + 1);
                group(first.get(0), List.of(make(random, a), make(random, value - a)), false);
            }
            // beside it, as the funders' approvals are: a group of agencies of its own, each knowing its cell
            List<Cell> approvals = new ArrayList<>();
            for (int i = 2 + random.nextInt(2); i > 0; i--) {
                approvals.add(add(cells.count(random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(10)), true));
            }
            group(add(cells.count(approvals.stream().mapToLong(Cell::value).sum()), true), approvals, true);
            cap = Math.max(sum, approvals.stream().mapToLong(Cell::value).sum()) + 2 * K;
        }

        private List<Cell> parts(Random random, int size) {
            List<Cell> parts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                parts.add(make(random, random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(10)));
            }
            return parts;
        }

        private Cell make(Random random, long value) {
            boolean hidden = random.nextInt(5) == 0;
            return add(hidden ? cells.hidden(value) : cells.count(value), !hidden);
        }

        private Cell add(Cell cell, boolean isLabelled) {
            all.add(cell);
            if (isLabelled) {
                labelled.add(cell);
            }
            return cell;
        }

        private void group(Cell total, List<Cell> parts, boolean ofAgencies) {
            Cell[] group = new Cell[parts.size() + 1];
            group[0] = total;
            for (int i = 0; i < parts.size(); i++) {
                group[i + 1] = parts.get(i);
            }
            groups.add(group);
            if (ofAgencies) {
                agencies.addAll(parts);
                cells.groupOfAgencies(total, parts);
            } else {
                cells.group(total, parts);
            }
        }

        List<Cell> readers() {
            List<Cell> readers = new ArrayList<>();
            readers.add(null);
            readers.addAll(agencies);
            return readers;
        }

        Map<Cell, Set<Long>> valuesThatFit(Cell own) {
            Map<Cell, Set<Long>> possible = new HashMap<>();
            all.forEach(cell -> possible.put(cell, new TreeSet<>()));
            Map<Cell, Long> chosen = new HashMap<>();
            for (Cell cell : all) {
                if (cell.state() == SHOWN || cell == own) {
                    chosen.put(cell, cell.value());
                }
            }
            choose(chosen, possible);
            return possible;
        }

        /** Every way to fill in the unknown cells: determined by a group when it lacks one, else each value tried. */
        private void choose(Map<Cell, Long> chosen, Map<Cell, Set<Long>> possible) {
            for (Cell[] group : groups) {
                List<Cell> open = new ArrayList<>();
                for (Cell cell : group) {
                    if (!chosen.containsKey(cell)) {
                        open.add(cell);
                    }
                }
                if (open.isEmpty()) {
                    long parts = 0;
                    for (int i = 1; i < group.length; i++) {
                        parts += chosen.get(group[i]);
                    }
                    if (parts != chosen.get(group[0])) {
                        return;
                    }
                } else if (open.size() == 1) {
                    Cell last = open.get(0);
                    long parts = 0;
                    for (int i = 1; i < group.length; i++) {
                        parts += group[i] == last ? 0 : chosen.get(group[i]);
                    }
                    long value = last == group[0] ? parts : chosen.get(group[0]) - parts;
                    if (!fits(last, value)) {
                        return;
                    }
                    chosen.put(last, value);
                    choose(chosen, possible);
                    chosen.remove(last);
                    return;
                }
            }
            Optional<Cell> next = all.stream().filter(cell -> !chosen.containsKey(cell)).findFirst();
            if (next.isEmpty()) {
                chosen.forEach((cell, value) -> possible.get(cell).add(value));
                return;
            }
            for (long value = 0; value <= cap; value++) {
                if (fits(next.get(), value)) {
                    chosen.put(next.get(), value);
                    choose(chosen, possible);
                }
            }
            chosen.remove(next.get());
        }

        /**
         * Whether a reader can take the cell for this value: shown nowhere, any count, or 1 to k - 1 when small;
         * "fewer than k" 1 to k - 1 (0 too in a group whose total is fewer than k); "not shown" k or more, or any
         * count when withheld with everything linked to it.
         */
        private boolean fits(Cell cell, long value) {
            if (value < 0 || value > cap) {
                return false;
            }
            if (!cell.kindShown()) {
                return true;
            }
            if (!labelled.contains(cell)) {
                return !cell.small() || value >= 1 && value < K;
            }
            return switch (cell.state()) {
                case FEWER_THAN_MINIMUM -> value < K && (value >= 1 || inAGroupOfFewerThanK(cell));
                case WITHHELD -> value >= K;
                default -> value == cell.value();
            };
        }

        private boolean inAGroupOfFewerThanK(Cell cell) {
            for (Cell[] group : groups) {
                for (int i = 1; i < group.length; i++) {
                    if (group[i] == cell && group[0].state() == FEWER_THAN_MINIMUM) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (Cell[] group : groups) {
                text.append(describe(group[0])).append(" =");
                for (int i = 1; i < group.length; i++) {
                    text.append(' ').append(describe(group[i]));
                }
                text.append("; ");
            }
            return text.toString();
        }

        private String describe(Cell cell) {
            return cell.value() + (labelled.contains(cell) ? "" : "h") + ":" + cell.state();
        }
    }
}
