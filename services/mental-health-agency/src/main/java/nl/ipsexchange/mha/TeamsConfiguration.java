package nl.ipsexchange.mha;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import nl.ipsexchange.mha.command.trajectory.IpsTeams;

/**
 * The agency's IPS teams and the provider's organisation ({@value IpsTeams#PROPERTIES}): the trajectory aggregate
 * takes them as a parameter of its handlers, the fidelity review judges independence by them (ADR 0045).
 */
@Configuration(proxyBeanMethods = false)
public class TeamsConfiguration {

    @Bean
    public IpsTeams ipsTeams(Environment environment) {
        return new IpsTeams(Binder.get(environment).bind(IpsTeams.PROPERTIES, IpsTeams.Settings.class)
                .orElseThrow(() -> new IllegalStateException(IpsTeams.PROPERTIES + " is not configured")));
    }
}
