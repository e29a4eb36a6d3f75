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

        assertThat(List.of(sum.state(), part.state())).containsOnly(FEWER_THAN_MINIMUM);
        assertThat(zero.state()).isEqualTo(SHOWN);
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
    void aGroupWhoseKnownTotalThisDocumentCannotWithholdKeepsWhatItWithheld() {
        SmallCells cells = new SmallCells(K);
        Cell one = cells.count(1);
        Cell five = cells.count(5);
        cells.group(cells.fixed(6, SHOWN), List.of(one, five));

        cells.protect();

        assertThat(one.state()).isEqualTo(FEWER_THAN_MINIMUM);
        assertThat(five.state()).as("not shown again: the document whose total it is protects the rest")
                .isEqualTo(WITHHELD);
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
    void noRandomGroupLetsAnyReaderWorkOutASmallCount() {
        Random random = new Random(20261208);
        int withheldSomething = 0;
        for (int n = 0; n < 600; n++) {
            SmallCells cells = new SmallCells(K);
            List<Cell> parts = new ArrayList<>();
            int size = 2 + random.nextInt(3);
            long sum = 0;
            for (int i = 0; i < size; i++) {
                long value = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(10);
                parts.add(random.nextInt(6) == 0 ? cells.hidden(value) : cells.count(value));
                sum += value;
            }
            Cell total = cells.count(sum);
            boolean agencies = random.nextBoolean();
            if (agencies) {
                cells.groupOfAgencies(total, parts);
            } else {
                cells.group(total, parts);
            }

            cells.protect();

            String group = parts.stream().map(cell -> cell.value() + " " + cell.state()).toList() + " = " + sum + " "
                    + total.state() + (agencies ? ", each an agency's own" : "");
            List<Cell> readersOwn = new ArrayList<>();
            readersOwn.add(null);
            if (agencies) {
                readersOwn.addAll(parts);
            }
            for (Cell own : readersOwn) {
                Map<Cell, Set<Long>> possible = valuesThatFit(parts, total, own);
                for (Cell cell : parts) {
                    if (cell.small() && cell != own) {
                        assertThat(possible.get(cell)).as(group + ", read by the agency of " + (own == null ? "none"
                                : own.value())).hasSizeGreaterThan(1);
                    }
                }
            }
            withheldSomething += parts.stream().anyMatch(cell -> cell.state() == WITHHELD) ? 1 : 0;
        }
        assertThat(withheldSomething).as("groups that needed a complement").isGreaterThan(50);
    }

    /**
     * The values of each cell a reader cannot rule out, by trying them all: the reader knows the cells shown, its own
     * and the kind of every other cell (0; 1 to k - 1; k or more), which take any value of their kind that together
     * make the total. A cell the reader knows has its value only; when the total is not shown every value fits.
     */
    private static Map<Cell, Set<Long>> valuesThatFit(List<Cell> parts, Cell total, Cell own) {
        Map<Cell, Set<Long>> possible = new HashMap<>();
        List<Cell> unknown = new ArrayList<>();
        long rest = total.value();
        for (Cell part : parts) {
            possible.put(part, new TreeSet<>());
            if (part.state() == SHOWN || part == own) {
                rest -= part.value();
                possible.get(part).add(part.value());
            } else {
                unknown.add(part);
            }
        }
        if (total.state() != SHOWN) {
            unknown.forEach(cell -> possible.get(cell).addAll(List.of(-1L, -2L)));
            return possible;
        }
        choose(unknown, 0, rest, new long[unknown.size()], possible);
        return possible;
    }

    private static void choose(List<Cell> unknown, int index, long rest, long[] chosen,
                               Map<Cell, Set<Long>> possible) {
        if (index == unknown.size()) {
            if (rest == 0) {
                for (int i = 0; i < chosen.length; i++) {
                    possible.get(unknown.get(i)).add(chosen[i]);
                }
            }
            return;
        }
        for (long value = 0; value <= rest; value++) {
            if (kind(value) == kind(unknown.get(index).value())) {
                chosen[index] = value;
                choose(unknown, index + 1, rest - value, chosen, possible);
            }
        }
    }

    private static int kind(long value) {
        return value == 0 ? 0 : value < K ? 1 : 2;
    }
}
