package nl.ipsexchange.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import nl.ipsexchange.stack.LocalStack;

/**
 * Boots the real stack (embedded PostgreSQL, a real Kafka broker, the five services) on ports of its own, in a fresh
 * temporary directory, measures it, prints one table and writes it to {@code benchmark-results/} (a Markdown file
 * per run and a line per figure in {@code history.csv}, so runs can be compared).
 *
 * <p>System properties: {@code ips.benchmark.only} (comma-separated measure numbers, default all),
 * {@code ips.benchmark.replay-events} (1,000,000), {@code ips.benchmark.access-records} (10,000,000),
 * {@code ips.benchmark.status-events} (1,000,000), {@code ips.benchmark.seconds} (per throughput phase, 10). Measure 8,
 * beyond the seven: the decision makers' status among a country's status events.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty(LocalStack.LOGGING_SYSTEM, "none");
        String only = System.getProperty("ips.benchmark.only", "1,2,3,4,5,6,7,8");
        Settings settings = new Settings(
                Integer.getInteger("ips.benchmark.seconds", 10),
                Integer.getInteger("ips.benchmark.replay-events", 1_000_000),
                Integer.getInteger("ips.benchmark.access-records", 10_000_000),
                Integer.getInteger("ips.benchmark.relay-backlog", 10_000),
                Integer.getInteger("ips.benchmark.status-events", 1_000_000),
                List.of(only.split(",")));
        Path dir = Files.createTempDirectory("ips-benchmark");
        Results results = new Results();
        long begun = System.nanoTime();

        long started = System.nanoTime();
        LocalStack stack = LocalStack.start(dir, true, 25432, 29092, 9081, "demo");
        try {
            Measurements measurements = new Measurements(stack, dir, settings, results);
            measurements.awaitHealthy();
            double startSeconds = (System.nanoTime() - started) / 1e9;
            if (settings.includes(7)) {
                results.add("7", "Start to all five services healthy", startSeconds, "s", "< 60", startSeconds < 60);
            }
            measurements.run();
        } finally {
            stack.close();
            deleteQuietly(dir);
        }
        results.add("-", "Benchmark run time", (System.nanoTime() - begun) / 1e9 / 60, "min", "< 15",
                (System.nanoTime() - begun) / 1e9 / 60 < 15);
        String table = results.table();
        System.out.println();
        System.out.println(table);
        Path out = Path.of("benchmark-results");
        Files.createDirectories(out);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Files.writeString(out.resolve("benchmark-" + stamp + ".md"), "# Benchmark " + stamp + "\n\n"
                + Machine.describe() + "\n\n" + table);
        results.appendCsv(out.resolve("history.csv"), stamp);
        System.out.println("Written to " + out.toAbsolutePath().resolve("benchmark-" + stamp + ".md"));
        System.exit(0);
    }

    /** What to run and how long. */
    record Settings(int seconds, int replayEvents, int accessRecords, int relayBacklog, int statusEvents,
                    List<String> only) {

        boolean includes(int measure) {
            return only.contains(Integer.toString(measure));
        }

        Duration phase() {
            return Duration.ofSeconds(seconds);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            Collections.reverse(all);
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (Exception e) {
            System.err.println("could not delete " + dir);
        }
    }
}
