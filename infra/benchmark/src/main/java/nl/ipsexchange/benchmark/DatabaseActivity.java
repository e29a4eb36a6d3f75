package nl.ipsexchange.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What PostgreSQL did during a phase: transactions committed per database ({@code pg_stat_database}) and WAL flushes
 * to disk ({@code pg_stat_wal}). A backend publishes its counters when it goes idle for a while, so a snapshot after
 * a phase waits for that first.
 */
record DatabaseActivity(Map<String, Long> commits, long walSyncs) {

    /** PostgreSQL flushes an idle backend's statistics after at most 10 s (PGSTAT_IDLE_INTERVAL). */
    private static final long STATISTICS_DELAY_MILLIS = 11_000;

    static DatabaseActivity now(String jdbcUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            Map<String, Long> commits = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery(
                    "select datname, xact_commit from pg_stat_database where datname is not null")) {
                while (rows.next()) {
                    commits.put(rows.getString(1), rows.getLong(2));
                }
            }
            try (ResultSet rows = statement.executeQuery("select wal_sync from pg_stat_wal")) {
                rows.next();
                return new DatabaseActivity(commits, rows.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static DatabaseActivity settled(String jdbcUrl) throws InterruptedException {
        Thread.sleep(STATISTICS_DELAY_MILLIS);
        return now(jdbcUrl);
    }

    /** Per unit of work since {@code before}: commits in each of {@code databases}, and WAL flushes. */
    String perUnit(DatabaseActivity before, long units, Iterable<String> databases) {
        StringBuilder out = new StringBuilder();
        for (String database : databases) {
            long delta = commits.getOrDefault(database, 0L) - before.commits.getOrDefault(database, 0L);
            out.append(String.format(Locale.ROOT, "%s %.1f, ", database, delta / (double) units));
        }
        return out.append(String.format(Locale.ROOT, "WAL flushes %.2f", (walSyncs - before.walSyncs) / (double) units))
                .toString();
    }

    double commitsPerUnit(DatabaseActivity before, long units, Iterable<String> databases) {
        long total = 0;
        for (String database : databases) {
            total += commits.getOrDefault(database, 0L) - before.commits.getOrDefault(database, 0L);
        }
        return total / (double) units;
    }

    @Override
    public String toString() {
        return commits.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")) + ", wal_sync=" + walSyncs;
    }
}
