package nl.ipsexchange.mha.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.web.NavigationLink;

/** The mental health agency's pages in the header every page shows, for its staff (ADR 0043). */
@Configuration(proxyBeanMethods = false)
public class MhaNavigation {

    @Bean
    public NavigationLink clientsNavigationLink() {
        return NavigationLink.forRoles(200, "/clients", "Clients", Role.CLINICIAN, Role.IPS_SPECIALIST);
    }

    @Bean
    public NavigationLink informationRequestsNavigationLink() {
        return NavigationLink.forRoles(210, "/information-requests", "Information requests", Role.CLINICIAN,
                Role.IPS_SPECIALIST);
    }

    @Bean
    public NavigationLink fidelityNavigationLink() {
        return NavigationLink.forRoles(220, "/fidelity", "Fidelity", Role.CLINICIAN, Role.IPS_SPECIALIST,
                Role.PROGRAMME_DIRECTOR, Role.FIDELITY_REVIEWER);
    }
}
