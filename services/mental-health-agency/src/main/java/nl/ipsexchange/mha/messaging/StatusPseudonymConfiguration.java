package nl.ipsexchange.mha.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import nl.ipsexchange.platform.crypto.StatusPseudonyms;

/** The pseudonyms this agency's status events name clients and trajectories by, under its own key (ADR 36). */
@Configuration(proxyBeanMethods = false)
public class StatusPseudonymConfiguration {

    @Bean
    public StatusPseudonyms statusPseudonyms(Environment environment) {
        return StatusPseudonyms.fromSettings(environment);
    }
}
