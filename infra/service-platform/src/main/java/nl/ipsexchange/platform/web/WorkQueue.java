package nl.ipsexchange.platform.web;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import org.springframework.security.core.Authentication;

import nl.ipsexchange.kernel.security.Role;

/**
 * Work that waits for someone, shown on their home page (issue 30: "home pages are empty"): the module that owns the
 * work contributes it as a bean, as it contributes its {@link NavigationLink}, so the platform's home page names no
 * context. A queue counts what waits when the home page is shown; nothing is shown when nothing waits.
 *
 * @param order  where it stands on the home page, as a navigation link's order
 * @param path   the page where the work is done
 * @param one    the words for one waiting item ("1 information request waits for an answer")
 * @param many   the words for several, with {@code %d} for the count
 * @param roles  who does this work (any one of them)
 * @param count  how many wait now
 */
public record WorkQueue(int order, String path, String one, String many, Set<Role> roles, LongSupplier count) {

    /** A waiting item as the home page shows it. */
    public record Waiting(String path, String words, long count) {
    }

    public WorkQueue {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a work queue's path starts with /: " + path);
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a work queue is someone's: name their roles " + path);
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    /** A queue for users with one of these roles. */
    public static WorkQueue forRoles(int order, String path, String one, String many, LongSupplier count, Role role,
                                     Role... more) {
        return new WorkQueue(order, path, one, many, EnumSet.of(role, more), count);
    }

    /** What waits for this user here, or empty when the work is not theirs or nothing waits. */
    public Optional<Waiting> waitingFor(Authentication user) {
        if (!new NavigationLink(order, path, one, roles).isFor(user)) {
            return Optional.empty();
        }
        long waiting = count.getAsLong();
        if (waiting <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Waiting(path, waiting == 1 ? one : many.formatted(waiting), waiting));
    }
}
