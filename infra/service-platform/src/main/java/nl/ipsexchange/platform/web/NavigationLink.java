package nl.ipsexchange.platform.web;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import nl.ipsexchange.kernel.security.Role;

/**
 * A link of the pages' main navigation, the header every page includes ({@code templates/platform/fragments.html}).
 * The module that has the page contributes it as a bean, under the same condition as the page, so that the platform's
 * layout names no context and no service (ADR 0043). {@link Navigation} lists the links a user may follow by
 * {@code order} (lowest first): the platform's home page is 0 and its parked messages 900; contexts and services take
 * the numbers between (ADR 0043 lists them).
 *
 * @param roles who sees the link (any one of them suffices); empty: everyone, logged in or not
 */
public record NavigationLink(int order, String path, String label, Set<Role> roles) {

    public NavigationLink {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a navigation link's path starts with /: " + path);
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a navigation link has a label: " + path);
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** A link everyone sees. */
    public static NavigationLink forEveryone(int order, String path, String label) {
        return new NavigationLink(order, path, label, Set.of());
    }

    /** A link only users with one of these roles see. */
    public static NavigationLink forRoles(int order, String path, String label, Role role, Role... more) {
        return new NavigationLink(order, path, label, EnumSet.of(role, more));
    }

    /**
     * Whether the user sees the link: as {@code sec:authorize="hasAnyRole(...)"} decided it in the template before,
     * by the user's {@code ROLE_*} authorities (no role hierarchy is configured).
     */
    public boolean isFor(Authentication authentication) {
        if (roles.isEmpty()) {
            return true;
        }
        if (authentication == null) {
            return false;
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(authority -> roles.stream().anyMatch(role -> authority.equals("ROLE_" + role.name())));
    }
}
