package nl.ipsexchange.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Small-cell suppression for one document of figures (ADR 53): a count of clients from 1 to k - 1 is not shown
 * ("fewer than k"), and other figures are withheld until no such count can be worked out exactly from what is shown.
 *
 * <p>The figures are cells; a group is a total with the cells that add up to it. A cell is shown in this document, or
 * hidden (shown nowhere, but a part of a total: the participants not in work), or fixed (shown or suppressed by another
 * document, which this one cannot change). Where a group's total is known, the cells not shown must leave each small
 * count in it more than one possible value, for a reader who knows more than any reader can: what kind each unknown
 * cell is (a count from 1 to k - 1, zero, or otherwise at least k, or at least 1 when not about clients) and, in a
 * group of agencies, the cell of their own agency. While a small count can be worked out, the smallest other non-zero
 * cell shown is withheld, or when there is none the total. Then each figure withheld is shown again if no small
 * count becomes one that can be worked out.
 *
 * <p>k = 1 suppresses nothing.
 */
final class SmallCells {

    /** How a cell appears. */
    enum State {
        /** Shown as it is; for a fixed cell, shown where it is shown. */
        SHOWN,
        /** A count of clients from 1 to k - 1: shown as "fewer than k". */
        FEWER_THAN_MINIMUM,
        /** Withheld so that no count below k can be worked out from what is shown. */
        WITHHELD,
        /** Shown nowhere by design, but part of a group whose total and other cells may be shown. */
        HIDDEN
    }

    /** More than any count here; sums of bounds stop growing there. */
    private static final long UNBOUNDED = Long.MAX_VALUE / 4;

    private final int minimum;
    private final List<Cell> cells = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<Cell> withheld = new ArrayList<>();
    /** Groups whose small counts this document cannot protect: a known total it cannot withhold (another does). */
    private final List<Group> protectedElsewhere = new ArrayList<>();

    /** @param minimum k: counts of clients from 1 to k - 1 are suppressed */
    SmallCells(int minimum) {
        this.minimum = minimum;
    }

    /** A count of clients shown in this document. */
    Cell count(long value) {
        return add(new Cell(value, true, true, State.SHOWN));
    }

    /** A figure shown in this document that is not about clients: never suppressed for itself, withheld if need be. */
    Cell notAboutClients(long value) {
        return add(new Cell(value, false, true, State.SHOWN));
    }

    /** A count of clients shown nowhere, which a group's other figures may give. */
    Cell hidden(long value) {
        return add(new Cell(value, true, false, State.HIDDEN));
    }

    /** A count of clients as another document shows it: known when shown there, and not to be changed here. */
    Cell fixed(long value, State state) {
        return add(new Cell(value, true, false, state));
    }

    private Cell add(Cell cell) {
        cells.add(cell);
        return cell;
    }

    /** Cells that add up to a total, as a reader can add them. */
    void group(Cell total, List<Cell> parts) {
        groups.add(new Group(total, List.copyOf(parts), false));
    }

    /** Cells that add up to a total, each of them one agency's own figure, which that agency knows without this. */
    void groupOfAgencies(Cell total, List<Cell> parts) {
        groups.add(new Group(total, List.copyOf(parts), true));
    }

    /** Suppresses the small counts shown here and withholds what would give them away. */
    void protect() {
        for (Cell cell : cells) {
            if (cell.changeable && cell.state == State.SHOWN && cell.small()) {
                cell.state = State.FEWER_THAN_MINIMUM;
            }
        }
        boolean changed;
        do {
            changed = false;
            for (Group group : groups) {
                if (protectedElsewhere.contains(group)) {
                    continue;
                }
                Optional<Reader> reader = readerWhoWorksOutASmallCount(group);
                if (reader.isPresent()) {
                    if (withholdMore(group, reader.get())) {
                        changed = true;
                        break;
                    }
                    protectedElsewhere.add(group);
                }
            }
        } while (changed);
        showAgainWhatNeedNotBeWithheld();
    }

    /** Who can work out a small count: any reader ({@code own} null) or the agency whose own cell {@code own} is. */
    private record Reader(Cell own) {
    }

    private Optional<Reader> readerWhoWorksOutASmallCount(Group group) {
        if (worksOut(group, null)) {
            return Optional.of(new Reader(null));
        }
        if (group.ofAgencies()) {
            for (Cell own : group.cells()) {
                if (worksOut(group, own)) {
                    return Optional.of(new Reader(own));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Withholds the smallest non-zero cell shown that the reader does not know already, or else the total.
     *
     * @return false when neither can be withheld here
     */
    private boolean withholdMore(Group group, Reader reader) {
        Cell complement = group.cells().stream()
                .filter(cell -> cell.changeable && cell.state == State.SHOWN && cell.value != 0 && cell != reader.own())
                .min(Comparator.comparingLong(cell -> cell.value)).orElse(null);
        if (complement == null && group.total().changeable && group.total().state == State.SHOWN) {
            complement = group.total();
        }
        if (complement == null) {
            return false;
        }
        complement.state = State.WITHHELD;
        withheld.add(complement);
        return true;
    }

    /** The last withheld first: shown again when none of its groups then gives a small count away. */
    private void showAgainWhatNeedNotBeWithheld() {
        for (int i = withheld.size() - 1; i >= 0; i--) {
            Cell cell = withheld.get(i);
            List<Group> its = groups.stream()
                    .filter(group -> group.total() == cell || group.cells().contains(cell)).toList();
            if (its.stream().anyMatch(protectedElsewhere::contains)) {
                continue;
            }
            cell.state = State.SHOWN;
            if (its.stream().anyMatch(group -> readerWhoWorksOutASmallCount(group).isPresent())) {
                cell.state = State.WITHHELD;
            }
        }
    }

    /**
     * Whether a reader who knows the group's total, the cells shown, the kind of every other cell and (when not
     * null) an agency's own cell can work out a small count in it exactly: the cells not known add up to what the
     * total leaves, so each lies between that less the others' highest and that less the others' lowest.
     */
    private boolean worksOut(Group group, Cell own) {
        if (group.total().state != State.SHOWN) {
            return false;
        }
        long rest = group.total().value;
        List<Cell> unknown = new ArrayList<>();
        for (Cell cell : group.cells()) {
            if (cell.state == State.SHOWN || cell == own) {
                rest -= cell.value;
            } else {
                unknown.add(cell);
            }
        }
        for (Cell cell : unknown) {
            if (!cell.small()) {
                continue;
            }
            long othersLowest = 0;
            long othersHighest = 0;
            for (Cell other : unknown) {
                if (other != cell) {
                    othersLowest += other.lowest();
                    othersHighest = Math.min(UNBOUNDED, othersHighest + other.highest());
                }
            }
            long lowest = Math.max(cell.lowest(), rest - othersHighest);
            long highest = Math.min(cell.highest(), rest - othersLowest);
            if (lowest >= highest) {
                return true;
            }
        }
        return false;
    }

    /** A figure of this document, or one a group needs. */
    final class Cell {

        private final long value;
        private final boolean aboutClients;
        private final boolean changeable;
        private State state;

        private Cell(long value, boolean aboutClients, boolean changeable, State state) {
            this.value = value;
            this.aboutClients = aboutClients;
            this.changeable = changeable;
            this.state = state;
        }

        State state() {
            return state;
        }

        boolean shown() {
            return state == State.SHOWN;
        }

        long value() {
            return value;
        }

        /** A count of clients from 1 to k - 1. */
        boolean small() {
            return aboutClients && value > 0 && value < minimum;
        }

        /** The least a reader who knows its kind can take it for. */
        private long lowest() {
            if (value <= 0) {
                return value;
            }
            return small() || !aboutClients ? 1 : minimum;
        }

        /** The most a reader who knows its kind can take it for. */
        private long highest() {
            if (value <= 0) {
                return value;
            }
            return small() ? minimum - 1 : UNBOUNDED;
        }
    }

    private record Group(Cell total, List<Cell> cells, boolean ofAgencies) {
    }
}
