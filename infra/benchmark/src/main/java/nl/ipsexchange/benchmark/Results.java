package nl.ipsexchange.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run, as a table and as CSV lines. */
final class Results {

    record Row(String measure, String what, double value, String unit, String target, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(String measure, String what, double value, String unit, String target, Boolean met) {
        rows.add(new Row(measure, what, value, unit, target, met));
        System.out.printf(Locale.ROOT, "[benchmark] %s %s: %s %s%n", measure, what, format(value), unit);
    }

    synchronized String table() {
        StringBuilder out = new StringBuilder();
        out.append("| # | Measure | Figure | Target | Met |\n|---|---|---:|---|---|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s |%n", row.measure(), row.what(),
                    format(row.value()), row.unit(), row.target() == null ? "" : row.target(),
                    row.met() == null ? "" : row.met() ? "yes" : "NO"));
        }
        return out.toString();
    }

    synchronized void appendCsv(Path file, String run) throws IOException {
        StringBuilder out = new StringBuilder();
        if (!Files.exists(file)) {
            out.append("run,measure,what,value,unit,target,met\n");
        }
        for (Row row : rows) {
            out.append(String.join(",", run, row.measure(), quote(row.what()), format(row.value()), row.unit(),
                    quote(row.target() == null ? "" : row.target()), row.met() == null ? "" : row.met().toString()))
                    .append('\n');
        }
        Files.writeString(file, out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "'") + "\"";
    }

    static String format(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
