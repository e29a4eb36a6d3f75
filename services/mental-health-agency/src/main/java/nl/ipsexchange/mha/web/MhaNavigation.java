package nl.ipsexchange.mha.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.mha.query.inforequest.InformationRequestProjection;
import nl.ipsexchange.platform.web.NavigationLink;
import nl.ipsexchange.platform.web.WorkQueue;

/**
 * The mental health agency's pages in the header every page shows, for its staff (ADR 0043), and the work that waits
 * for them on their home page.
 */
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

    /** Requests of other agencies that wait for a clinician's answer, on the clinicians' home page. */
    @Bean
    public WorkQueue informationRequestsWorkQueue(InformationRequestProjection requests) {
        return WorkQueue.forRoles(210, "/information-requests", "1 information request waits for an answer",
                "%d information requests wait for an answer", requests::countOpen, Role.CLINICIAN);
    }

    @Bean
    public NavigationLink fidelityNavigationLink() {
        return NavigationLink.forRoles(220, "/fidelity", "Fidelity", Role.CLINICIAN, Role.IPS_SPECIALIST,
                Role.PROGRAMME_DIRECTOR, Role.FIDELITY_REVIEWER);
    }
}
