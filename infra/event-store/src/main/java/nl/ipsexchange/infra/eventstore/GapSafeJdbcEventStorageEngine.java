package nl.ipsexchange.infra.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's JDBC event storage engine without its known way of skipping committed events (AxonFramework issue 4829).
 *
 * <p>A global index comes from a PostgreSQL sequence before the appending transaction commits, so a reader often sees
 * index {@code n+1} while {@code n} is still a hole that a slower transaction will fill. Axon's engine remembers such a
 * hole as a gap only when the visible event's <em>message timestamp</em> is younger than the gap timeout (one
 * minute), and it drops all remembered gaps when it is not; it also drops gaps whose neighbour's timestamp is old
 * when it cleans up. A message timestamp is taken before the commit, and the time between the two is unbounded (a
 * slow transaction, a paused process, a processor catching up after an outage), so a committed event can be
 * skipped for ever, silently.
 *
 * <p>This engine never decides from message timestamps:
 * <ul>
 *   <li>every hole below a visible event is remembered as a gap (bounded by {@code maxGapOffset} only);</li>
 *   <li>a gap is forgotten only when it is provably permanent: no transaction that could still fill it is running.
 *   The engine notes when it first saw each gap; once every transaction running in this database began after that
 *   moment (PostgreSQL's {@code pg_stat_activity}), the transaction that took the index has ended, and if the row is
 *   still not there it was rolled back.</li>
 * </ul>
 * Axon's own timestamp-based gap cleaning is switched off (its threshold is set to the maximum).
 */
public class GapSafeJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(GapSafeJdbcEventStorageEngine.class);

    /** A time margin for the comparison of this JVM's clock with the database's. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final int maxGapOffset;
    private final long lowestGlobalSequence;
    private final int cleaningThreshold;
    private final Duration cleaningInterval;
    /** Sorted, so that forgetting the gaps below a position costs what it removes, not a pass over all of them. */
    private final ConcurrentNavigableMap<Long, Instant> gapsFirstSeen = new ConcurrentSkipListMap<>();
    private final AtomicLong lastCleaning = new AtomicLong();

    /**
     * @param configured Axon's builder with the connection, serializers, schema and so on; its gap settings are
     *                   replaced by {@code gaps}
     */
    public GapSafeJdbcEventStorageEngine(JdbcEventStorageEngine.Builder configured, GapSettings gaps) {
        super(configured.maxGapOffset(gaps.maxGapOffset()).lowestGlobalSequence(gaps.lowestGlobalSequence())
                .gapCleaningThreshold(Integer.MAX_VALUE)
                .readEventDataWithGaps(GapSafeJdbcEventStorageEngine::readEventDataWithGaps));
        this.maxGapOffset = gaps.maxGapOffset();
        this.lowestGlobalSequence = gaps.lowestGlobalSequence();
        this.cleaningThreshold = gaps.cleaningThreshold();
        this.cleaningInterval = gaps.cleaningInterval();
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedDomainEventData<?> read = (TrackedDomainEventData<?>) super.getTrackedEventData(resultSet,
                previousToken);
        long globalSequence = resultSet.getLong(schema().globalIndexColumn());
        GapAwareTrackingToken token = previousToken == null
                ? GapAwareTrackingToken.newInstance(globalSequence,
                        LongStream.range(Math.min(lowestGlobalSequence, globalSequence), globalSequence).boxed()
                                .collect(Collectors.toCollection(TreeSet::new)))
                : previousToken.advanceTo(globalSequence, maxGapOffset);
        // only the holes this event opened: those below the previous position were noted when they opened
        SortedSet<Long> opened = previousToken == null ? token.getGaps()
                : token.getGaps().tailSet(previousToken.getIndex() + 1);
        if (!opened.isEmpty()) {
            Instant now = Instant.now();
            opened.forEach(gap -> gapsFirstSeen.putIfAbsent(gap, now));
        }
        return new WithStoredTimestamp<>(token, read, resultSet.getString(schema().timestampColumn()));
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken,
                                                                               int batchSize) {
        TrackingToken token = lastToken;
        if (lastToken instanceof GapAwareTrackingToken gapAware && !gapAware.getGaps().isEmpty()) {
            Instant now = Instant.now();
            gapAware.getGaps().forEach(gap -> gapsFirstSeen.putIfAbsent(gap, now));
            if (gapAware.getGaps().size() >= cleaningThreshold && cleaningDue()) {
                token = withoutPermanentGaps(gapAware);
            }
        }
        forgetGapsBelow(token);
        return super.fetchTrackedEvents(token, batchSize);
    }

    /**
     * Axon's read of the next window and the token's gaps, with the gaps as one array parameter. Axon's own statement
     * puts one parameter per gap in an {@code IN} list, and PostgreSQL takes at most 65,535 parameters: a token with
     * more gaps (up to {@code maxGapOffset}, 100,000, are kept: a burst of refused commands leaves one hole each) made
     * every read of the relay fail until the gaps were cleaned, and for as long as a long transaction delayed that.
     */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex,
                                                   int batchSize, List<Long> gaps) throws SQLException {
        String index = schema.globalIndexColumn();
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields() + " FROM "
                + schema.domainEventTable() + " WHERE (" + index + " > ? AND " + index + " <= ?) OR " + index
                + " = ANY (?) ORDER BY " + index + " ASC");
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        statement.setArray(3, connection.createArrayOf("bigint", gaps.toArray()));
        return statement;
    }

    /** A tracked event whose timestamp is read by {@link StoredTimestamps}, once, when asked for. */
    private static final class WithStoredTimestamp<T> extends TrackedDomainEventData<T> {

        private final String stored;
        private Instant timestamp;

        WithStoredTimestamp(TrackingToken token, DomainEventData<T> event, String stored) {
            super(token, event);
            this.stored = stored;
        }

        @Override
        public Instant getTimestamp() {
            if (timestamp == null) {
                timestamp = StoredTimestamps.parse(stored);
            }
            return timestamp;
        }
    }

    private boolean cleaningDue() {
        long now = System.nanoTime();
        long last = lastCleaning.get();
        return (last == 0 || now - last >= cleaningInterval.toNanos()) && lastCleaning.compareAndSet(last, now);
    }

    /**
     * The token without the gaps that no running transaction can fill any more. Package-visible for the test that
     * proves it never drops a gap that is still being filled.
     */
    GapAwareTrackingToken withoutPermanentGaps(GapAwareTrackingToken token) {
        SortedSet<Long> gaps = token.getGaps();
        Set<Long> permanent;
        Connection connection = getConnection();
        try {
            Horizon horizon = horizon(connection);
            Set<Long> candidates = gaps.stream().filter(gap -> {
                Instant firstSeen = gapsFirstSeen.get(gap);
                return firstSeen != null && horizon.endedAllTransactionsRunningAt(firstSeen);
            }).collect(Collectors.toCollection(TreeSet::new));
            candidates.removeAll(present(connection, candidates));
            permanent = candidates;
        } catch (SQLException e) {
            log.warn("could not check event store gaps (SQL state {}); keeping them", e.getSQLState());
            return token;
        } finally {
            JdbcUtils.closeQuietly(connection);
        }
        if (permanent.isEmpty()) {
            return token;
        }
        SortedSet<Long> remaining = new TreeSet<>(gaps);
        remaining.removeAll(permanent);
        permanent.forEach(gapsFirstSeen::remove);
        log.debug("forgot {} permanent event store gaps (rolled-back appends)", permanent.size());
        return GapAwareTrackingToken.newInstance(token.getIndex(), remaining);
    }

    private Horizon horizon(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select clock_timestamp() as db_now,
                       min(xact_start) filter (where pid <> pg_backend_pid()) as oldest_running
                from pg_stat_activity where datname = current_database() and xact_start is not null""");
             ResultSet result = statement.executeQuery()) {
            result.next();
            Instant dbNow = result.getTimestamp("db_now").toInstant();
            Timestamp oldest = result.getTimestamp("oldest_running");
            Duration skew = Duration.between(Instant.now(), dbNow);
            return new Horizon(oldest == null ? dbNow : oldest.toInstant(), skew);
        }
    }

    private Set<Long> present(Connection connection, Set<Long> candidates) throws SQLException {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        try (PreparedStatement statement = connection.prepareStatement("select " + schema().globalIndexColumn()
                + " from " + schema().domainEventTable() + " where " + schema().globalIndexColumn() + " = any (?)")) {
            statement.setArray(1, connection.createArrayOf("bigint", candidates.toArray()));
            Set<Long> present = new TreeSet<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    present.add(result.getLong(1));
                }
            }
            return present;
        }
    }

    private void forgetGapsBelow(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken g) {
            gapsFirstSeen.headMap(g.getIndex() - maxGapOffset).clear();
        }
    }

    /**
     * The start of the oldest transaction running in this database (other than the reader's), on the database's
     * clock, and how far the database's clock is ahead of this JVM's.
     */
    private record Horizon(Instant oldestRunning, Duration skew) {

        boolean endedAllTransactionsRunningAt(Instant firstSeenOnJvmClock) {
            return firstSeenOnJvmClock.plus(skew).plus(MARGIN).isBefore(oldestRunning);
        }
    }

    /**
     * How far back gaps are kept ({@code maxGapOffset} global indexes), where the store begins, and when to look for
     * permanent gaps: once a token holds {@code cleaningThreshold} gaps, at most once per {@code cleaningInterval}.
     */
    public record GapSettings(int maxGapOffset, long lowestGlobalSequence, int cleaningThreshold,
                              Duration cleaningInterval) {

        public static GapSettings defaults() {
            return new GapSettings(100_000, 1, 16, Duration.ofSeconds(5));
        }
    }
}
