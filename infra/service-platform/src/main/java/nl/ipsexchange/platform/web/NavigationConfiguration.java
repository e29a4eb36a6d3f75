package nl.ipsexchange.platform.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.ipsexchange.kernel.security.Role;

/**
 * The main navigation, and the platform's own two links: its home page first, its parked messages last; and the work
 * queues the home page shows.
 */
@Configuration(proxyBeanMethods = false)
public class NavigationConfiguration {

    /** The bean the header template names ({@code @navigation}). */
    @Bean
    public Navigation navigation(ObjectProvider<NavigationLink> links) {
        return new Navigation(links.orderedStream().toList());
    }

    /** The work that waits for the user, on the home page. */
    @Bean
    public WorkQueues workQueues(ObjectProvider<WorkQueue> queues) {
        return new WorkQueues(queues.orderedStream().toList());
    }

    @Bean
    public NavigationLink homeNavigationLink() {
        return NavigationLink.forEveryone(0, "/", "Home");
    }

    @Bean
    public NavigationLink parkedMessagesNavigationLink() {
        return NavigationLink.forRoles(900, "/admin/parked-messages", "Parked messages", Role.ADMINISTRATOR);
    }
}
