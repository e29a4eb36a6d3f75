package nl.ipsexchange.kernel;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Sets of codes (agencies, categories, purposes) stored as one sorted, comma-separated column. */
public final class EnumCodes {

    private EnumCodes() {
    }

    public static String join(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    public static <E extends Enum<E>> Set<E> split(String joined, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        Arrays.stream(joined.split(",")).filter(s -> !s.isBlank()).forEach(s -> values.add(Enum.valueOf(type, s)));
        return values;
    }
}
