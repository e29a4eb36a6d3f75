package nl.ipsexchange.platform;

import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.platform.axon.AxonStorageConfiguration;
import nl.ipsexchange.platform.messaging.KafkaMessagingConfiguration;
import nl.ipsexchange.platform.security.SecurityConfiguration;
import nl.ipsexchange.platform.status.StatusController;
import nl.ipsexchange.platform.status.StatusQueries;
import nl.ipsexchange.platform.web.ProblemDetailsAdvice;

/**
 * What every IPS Exchange service has: Axon on its own PostgreSQL, Kafka messaging with the envelope,
 * the security baseline, problem documents, and the de-identified status view.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
@EnableConfigurationProperties(IpsProperties.class)
@Import({AxonStorageConfiguration.class, AxonProcessingConfiguration.class, KafkaMessagingConfiguration.class, SecurityConfiguration.class,
        ProblemDetailsAdvice.class, StatusController.class})
public class PlatformAutoConfiguration {

    @Bean
    public StatusQueries statusQueries(JdbcTemplate jdbc) {
        return new StatusQueries(jdbc);
    }
}
