package nl.ipsexchange.audit.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.web.NavigationLink;

/** The trail in the header every page shows, for the auditors (ADR 0043). */
@Configuration(proxyBeanMethods = false)
public class AuditNavigation {

    @Bean
    public NavigationLink trailNavigationLink() {
        return NavigationLink.forRoles(300, "/trail", "Trail", Role.AUDITOR);
    }
}
