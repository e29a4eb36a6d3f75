package nl.ipsexchange.platform.web;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;

/**
 * The main navigation: every {@link NavigationLink} the service's modules contribute, in a stable order (by
 * {@code order}, then path), whatever order the beans were made in. The header of every page asks it for the links
 * of the current user ({@code @navigation.linksFor(#authentication)}).
 */
public class Navigation {

    private final List<NavigationLink> links;

    public Navigation(List<NavigationLink> links) {
        Set<String> paths = new HashSet<>();
        for (NavigationLink link : links) {
            if (!paths.add(link.path())) {
                throw new IllegalStateException("two navigation links to " + link.path());
            }
        }
        this.links = links.stream()
                .sorted(Comparator.comparingInt(NavigationLink::order).thenComparing(NavigationLink::path))
                .toList();
    }

    /** Every link, in the order shown. */
    public List<NavigationLink> links() {
        return links;
    }

    /** The links this user sees, in the order shown. */
    public List<NavigationLink> linksFor(Authentication authentication) {
        return links.stream().filter(link -> link.isFor(authentication)).toList();
    }
}
