package nl.ipsexchange.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.audit.AccessRecorder;

/** The logged-in user and their role, as access records name them. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Role role() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return null;
        }
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name.startsWith("ROLE_")) {
                try {
                    return Role.valueOf(name.substring("ROLE_".length()));
                } catch (IllegalArgumentException notOurs) {
                    // another authority
                }
            }
        }
        return null;
    }

    public static AccessRecorder.Actor actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Role role = role();
        return new AccessRecorder.Actor(authentication == null ? "anonymous" : authentication.getName(),
                role == null ? null : role.name());
    }
}
