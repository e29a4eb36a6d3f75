package nl.ipsexchange.kernel.fidelity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A complete, valid set of IPS-25 scores: every item exactly once, each a whole number 1..5. {@link #check} names
 * every item that is missing, unknown or out of range, so that a user can correct them all at once.
 */
public record FidelityScores(Map<FidelityItem, Integer> items) {

    public FidelityScores {
        List<String> problems = check(new LinkedHashMap<>(items == null ? Map.of() : toRaw(items)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        items = Collections.unmodifiableMap(new EnumMap<>(items));
    }

    public int total() {
        return items.values().stream().mapToInt(Integer::intValue).sum();
    }

    public FidelityBand band() {
        return FidelityBand.of(total());
    }

    private static final String NOT_A_PLAIN_CODE = "items: has a code that is not an IPS-25 item (nor a plain code)";
    private static final Pattern PLAIN_CODE = Pattern.compile("[A-Za-z0-9_]{1,64}");

    /** Problems with raw item scores as they arrive (codes as text, values of any type), one per item. */
    public static List<String> check(Map<String, ?> raw) {
        List<String> problems = new ArrayList<>();
        if (raw == null) {
            problems.add("items: all 25 IPS-25 items are required");
            return problems;
        }
        for (Map.Entry<String, ?> entry : raw.entrySet()) {
            FidelityItem item = parse(entry.getKey());
            if (item == null) {
                if (PLAIN_CODE.matcher(String.valueOf(entry.getKey())).matches()) {
                    problems.add("items." + entry.getKey() + ": is not an IPS-25 item");
                } else if (!problems.contains(NOT_A_PLAIN_CODE)) {
                    // not repeated: it may be an injection attempt or health data typed in the wrong place
                    problems.add(NOT_A_PLAIN_CODE);
                }
            } else if (!isScore(entry.getValue())) {
                problems.add("items." + item + ": must be a whole number from 1 to 5");
            }
        }
        for (FidelityItem item : FidelityItem.values()) {
            if (!raw.containsKey(item.name())) {
                problems.add("items." + item + ": is missing");
            }
        }
        return problems;
    }

    /** Scores from raw input; call {@link #check} first. */
    public static FidelityScores of(Map<String, ?> raw) {
        Map<FidelityItem, Integer> items = new EnumMap<>(FidelityItem.class);
        raw.forEach((code, value) -> items.put(FidelityItem.valueOf(code), ((Number) value).intValue()));
        return new FidelityScores(items);
    }

    private static Map<String, Object> toRaw(Map<FidelityItem, Integer> items) {
        Map<String, Object> raw = new LinkedHashMap<>();
        items.forEach((item, score) -> raw.put(item.name(), score));
        return raw;
    }

    private static FidelityItem parse(String code) {
        try {
            return code == null ? null : FidelityItem.valueOf(code);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static boolean isScore(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long score = ((Number) value).longValue();
            return score >= 1 && score <= 5;
        }
        return false;
    }
}
