package nl.ipsexchange.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Small-cell suppression for one document of figures (ADR 53): a count of clients from 1 to k - 1 is not shown
 * ("fewer than k"), and other figures are withheld until no such count can be worked out exactly from what is shown.
 *
 * <p>The figures are cells; a group is a total with the cells that add up to it, and groups may share cells (the
 * participants are the total of three), as long as they form a tree (no cycle of groups). A reader knows every cell
 * shown and every identity ({@link #known}); the kind of every labelled cell not shown (a count from 1 to k - 1; else
 * k or more, or 1 or more when not about clients; zero is shown); of a count shown nowhere only that it is 0 or more,
 * or from 1 to k - 1 when it is small (protecting it may show that); and in a group of agencies, the reader may be one
 * of them, knowing its own cell. From these, each cell lies in a range, worked out through the groups (exactly, for a
 * tree). While a small count's range is one value, the smallest non-zero cell shown near it is withheld (first the
 * cells of its own groups, then their totals, then the groups next to those). A small count that a reader works out
 * even with every figure of this document withheld rests on other documents' figures only: it is theirs to protect
 * (they are built so that it is). When withholding does not protect a small count (the labels tell too much), every
 * figure linked to it is "not shown", of no kind. Then each figure withheld is shown again, the last first, if that
 * gives no small count away.
 *
 * <p>k = 1 suppresses nothing.
 */
final class SmallCells {

    /** How a cell appears. */
    enum State {
        /** Shown as it is; for a fixed cell, shown where it is shown; for an identity, known to every reader. */
        SHOWN,
        /** A count of clients from 1 to k - 1: shown as "fewer than k". */
        FEWER_THAN_MINIMUM,
        /** Withheld so that no count below k can be worked out from what is shown. */
        WITHHELD,
        /** Shown nowhere by design, but part of a group whose total and other cells may be shown. */
        HIDDEN
    }

    /** More than any count here; sums of bounds stop growing there. */
    private static final long UNBOUNDED = Long.MAX_VALUE / 8;

    private final int minimum;
    private final List<Cell> cells = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<Cell> withheld = new ArrayList<>();
    /**
     * Small counts that a reader works out even with every figure of this document withheld: they rest on other
     * documents' figures only, and are those documents' to protect.
     */
    private final Set<Exposure> elsewhere = new HashSet<>();
    /** While true, the figures of this document are taken as unknown, of no known kind: to find {@link #elsewhere}. */
    private boolean withoutThisDocument;

    /** @param minimum k: counts of clients from 1 to k - 1 are suppressed */
    SmallCells(int minimum) {
        this.minimum = minimum;
    }

    /** A count of clients shown in this document. */
    Cell count(long value) {
        return add(new Cell(value, true, true, true, State.SHOWN));
    }

    /** A figure shown in this document that is not about clients: never suppressed for itself, withheld if need be. */
    Cell notAboutClients(long value) {
        return add(new Cell(value, false, true, true, State.SHOWN));
    }

    /** A count of clients shown only through a rate: withheld with it, and its kind not shown. */
    Cell part(long value) {
        return add(new Cell(value, true, true, false, State.SHOWN));
    }

    /** A count of clients shown nowhere, which a group's other figures may give. */
    Cell hidden(long value) {
        return add(new Cell(value, true, false, false, State.HIDDEN));
    }

    /** A figure every reader knows: an identity between figures (what is left over, usually 0). */
    Cell known(long value) {
        return add(new Cell(value, true, false, true, State.SHOWN));
    }

    /** A count of clients as another document shows it: known when shown there, and not to be changed here. */
    Cell fixed(long value, State state) {
        return add(new Cell(value, true, false, true, state));
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
        // a total below k hides the whole group: a zero shown in it, beside a count its agency knows, would give the
        // total and with it the rest; "fewer than k" is true of zero too
        for (boolean more = true; more; ) {
            more = false;
            for (Group group : groups) {
                if (group.total().state == State.FEWER_THAN_MINIMUM) {
                    for (Cell cell : group.cells()) {
                        if (cell.changeable && cell.state == State.SHOWN && cell.value == 0) {
                            cell.state = State.FEWER_THAN_MINIMUM;
                            more = true;
                        }
                    }
                }
            }
        }
        withoutThisDocument = true;
        for (Optional<Exposure> exposed = exposure(); exposed.isPresent(); exposed = exposure()) {
            elsewhere.add(exposed.get());
        }
        withoutThisDocument = false;
        for (Optional<Exposure> exposed = exposure(); exposed.isPresent(); exposed = exposure()) {
            if (!withholdNear(exposed.get())) {
                withholdAllLinkedTo(exposed.get().cell());
            }
        }
        for (int i = withheld.size() - 1; i >= 0; i--) {
            Cell cell = withheld.get(i);
            if (!cell.kindShown) {
                continue;
            }
            cell.state = State.SHOWN;
            if (exposure().isPresent()) {
                cell.state = State.WITHHELD;
            }
        }
    }

    /**
     * The last resort, when withholding figures does not protect a small count (the labels themselves tell too much:
     * an agency that knows its own 1 beside another's "fewer than 5", with a total "not shown", so 5 or more): every
     * figure of this document linked to it through its groups is "not shown", small counts too, so that their kinds
     * say nothing either.
     */
    private void withholdAllLinkedTo(Cell exposed) {
        Set<Cell> linked = new HashSet<>(Set.of(exposed));
        for (boolean more = true; more; ) {
            more = false;
            for (Group group : groups) {
                List<Cell> members = new ArrayList<>(group.cells());
                members.add(group.total());
                if (members.stream().anyMatch(linked::contains) && !linked.containsAll(members)) {
                    linked.addAll(members);
                    more = true;
                }
            }
        }
        for (Cell cell : linked) {
            if (cell.changeable) {
                cell.state = State.WITHHELD;
                cell.kindShown = false;
                withheld.add(cell);
            }
        }
    }

    /** A small count that a reader (none in particular, or the agency whose own cell {@code own} is) works out. */
    private record Exposure(Cell cell, Cell own) {
    }

    private Optional<Exposure> exposure() {
        List<Cell> readers = new ArrayList<>();
        readers.add(null);
        groups.stream().filter(Group::ofAgencies).forEach(group -> readers.addAll(group.cells()));
        for (Cell own : readers) {
            for (Cell cell : cells) {
                if (cell.small() && cell.state != State.SHOWN && cell != own
                        && !elsewhere.contains(new Exposure(cell, own))) {
                    long[] range = range(cell, null, own, 0);
                    if (range[0] >= range[1]) {
                        return Optional.of(new Exposure(cell, own));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The values a reader cannot rule out for a cell, {lowest, highest}: those of its kind, narrowed by each group it
     * is in (other than {@code from}, the group the question comes through): as a total, what its cells can add up
     * to; as a cell, what its total can be less what the others can be.
     */
    private long[] range(Cell cell, Group from, Cell own, int depth) {
        if (cell == own || cell.state == State.SHOWN && !(withoutThisDocument && cell.changeable)) {
            return new long[] {cell.value, cell.value};
        }
        if (depth > groups.size()) {
            throw new IllegalStateException("the groups of figures must form a tree");
        }
        long[] range = kind(cell);
        for (Group group : groups) {
            if (group == from || (group.total() != cell && !group.cells().contains(cell))) {
                continue;
            }
            long lowest;
            long highest;
            if (group.total() == cell) {
                lowest = 0;
                highest = 0;
                for (Cell part : group.cells()) {
                    long[] its = range(part, group, own, depth + 1);
                    lowest = add(lowest, its[0]);
                    highest = add(highest, its[1]);
                }
            } else {
                long[] total = range(group.total(), group, own, depth + 1);
                lowest = total[0];
                highest = total[1];
                for (Cell other : group.cells()) {
                    if (other != cell) {
                        long[] its = range(other, group, own, depth + 1);
                        lowest = add(lowest, -its[1]);
                        highest = add(highest, -its[0]);
                    }
                }
            }
            range[0] = Math.max(range[0], lowest);
            range[1] = Math.min(range[1], highest);
        }
        return range;
    }

    /**
     * {lowest, highest} of the values a reader who sees the cell's kind takes it for: "fewer than k" is 1 to k - 1,
     * or 0 to k - 1 in a group whose total is fewer than k (where zeros are not shown either); "not shown" k or more
     * (1 or more when not about clients); a count shown nowhere anything, or 1 to k - 1 when it is small.
     */
    private long[] kind(Cell cell) {
        if (!cell.kindShown || withoutThisDocument && cell.changeable) {
            return new long[] {0, UNBOUNDED};
        }
        if (cell.state == State.FEWER_THAN_MINIMUM || cell.small()) {
            boolean mayBeZero = cell.labelled && groups.stream().anyMatch(group -> group.cells().contains(cell)
                    && group.total().state == State.FEWER_THAN_MINIMUM);
            return new long[] {mayBeZero ? 0 : 1, minimum - 1};
        }
        if (!cell.labelled) {
            return new long[] {0, UNBOUNDED};
        }
        if (cell.value == 0) {
            return new long[] {0, 0};
        }
        return new long[] {cell.aboutClients ? minimum : 1, UNBOUNDED};
    }

    private static long add(long a, long b) {
        return Math.max(-UNBOUNDED, Math.min(UNBOUNDED, a + b));
    }

    /**
     * Withholds the smallest non-zero cell shown near an exposed small count that its reader does not know already:
     * among the cells of its groups, else their totals, else in the groups next to those, and so on.
     *
     * @return false when there is nothing more to withhold
     */
    private boolean withholdNear(Exposure exposure) {
        Set<Group> seen = new HashSet<>();
        Set<Cell> reached = new HashSet<>(Set.of(exposure.cell()));
        while (true) {
            List<Group> ring = groups.stream().filter(group -> !seen.contains(group))
                    .filter(group -> reached.contains(group.total())
                            || group.cells().stream().anyMatch(reached::contains)).toList();
            if (ring.isEmpty()) {
                return false;
            }
            seen.addAll(ring);
            Optional<Cell> complement = smallestWithholdable(ring.stream().flatMap(group -> group.cells().stream()),
                    exposure.own());
            if (complement.isEmpty()) {
                complement = smallestWithholdable(ring.stream().map(Group::total), exposure.own());
            }
            if (complement.isPresent()) {
                complement.get().state = State.WITHHELD;
                withheld.add(complement.get());
                return true;
            }
            ring.forEach(group -> {
                reached.add(group.total());
                reached.addAll(group.cells());
            });
        }
    }

    private static Optional<Cell> smallestWithholdable(Stream<Cell> candidates, Cell own) {
        return candidates.filter(cell -> cell.withholdable() && cell != own)
                .min(Comparator.comparingLong(cell -> cell.value));
    }

    /** A figure of this document, or one a group needs. */
    final class Cell {

        private final long value;
        private final boolean aboutClients;
        private final boolean changeable;
        /** Whether a reader sees what kind of value it has when it is not shown (a label, or the state of another). */
        private final boolean labelled;
        private State state;
        /** False once withheld as the last resort: "not shown" then says nothing of its kind. */
        private boolean kindShown = true;

        private Cell(long value, boolean aboutClients, boolean changeable, boolean labelled, State state) {
            this.value = value;
            this.aboutClients = aboutClients;
            this.changeable = changeable;
            this.labelled = labelled;
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

        /** Whether a reader learns its kind from how it is shown ("fewer than k", "not shown": k or more). */
        boolean kindShown() {
            return kindShown;
        }

        /** This document's own non-zero figure, shown: one it may withhold. */
        private boolean withholdable() {
            return changeable && state == State.SHOWN && value != 0;
        }

        /** A count of clients from 1 to k - 1. */
        boolean small() {
            return aboutClients && value > 0 && value < minimum;
        }
    }

    private record Group(Cell total, List<Cell> cells, boolean ofAgencies) {
    }
}
