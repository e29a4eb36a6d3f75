package nl.ipsexchange.testsupport;

import java.util.ArrayList;
import java.util.List;

/** Every order of a few items: for tests that show a result does not depend on the order facts arrive in. */
public final class Permutations {

    private Permutations() {
    }

    public static <T> List<List<T>> of(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : of(rest)) {
                List<T> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
