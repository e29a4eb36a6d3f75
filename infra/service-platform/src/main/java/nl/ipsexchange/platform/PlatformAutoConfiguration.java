package nl.ipsexchange.platform;

import java.time.Clock;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.platform.audit.AccessRecordRelay;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.audit.AuditSealingKeys;
import nl.ipsexchange.platform.audit.StoredAccessRecordUpcaster;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.platform.axon.AxonStorageConfiguration;
import nl.ipsexchange.platform.crypto.CryptoConfiguration;
import nl.ipsexchange.platform.messaging.ClientSequencingPolicy;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.messaging.KafkaMessagingConfiguration;
import nl.ipsexchange.platform.messaging.ParkedMessagesController;
import nl.ipsexchange.platform.messaging.ParkedMessagesPage;
import nl.ipsexchange.platform.security.NeedToKnow;
import nl.ipsexchange.platform.security.SecurityConfiguration;
import nl.ipsexchange.platform.web.JsonNullBodyAdvice;
import nl.ipsexchange.platform.web.NavigationConfiguration;
import nl.ipsexchange.platform.web.PagesController;
import nl.ipsexchange.platform.web.ProblemDetailsAdvice;
import nl.ipsexchange.platform.web.WebInputConfiguration;

/**
 * What every IPS Exchange service has: Axon on its own PostgreSQL, Kafka messaging with the envelope,
 * the security baseline and problem documents. Business contexts plug in with their own auto-configurations, settings,
 * migrations and navigation links (ADR 0039, 0041); this class names none of them.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class})
@EnableConfigurationProperties({IpsProperties.class, NeedToKnow.class})
@Import({AxonStorageConfiguration.class, AxonProcessingConfiguration.class, KafkaMessagingConfiguration.class,
        SecurityConfiguration.class, ProblemDetailsAdvice.class, JsonNullBodyAdvice.class,
        WebInputConfiguration.class,
        PagesController.class, NavigationConfiguration.class,
        ParkedMessagesController.class,
        ParkedMessagesPage.class,
        CryptoConfiguration.class})
public class PlatformAutoConfiguration {

    @Bean
    public AccessRecorder accessRecorder(EventGateway events, Clock clock, IpsProperties properties,
                                         PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        return new AccessRecorder(events, clock, properties, new TransactionTemplate(transactions), jdbc);
    }

    /** Access records stored before revision 2 read as revision 2 (Axon picks up every {@code EventUpcaster} bean). */
    @Bean
    public StoredAccessRecordUpcaster storedAccessRecordUpcaster() {
        return new StoredAccessRecordUpcaster();
    }

    /** The relay's order: one client's events as stored, across aggregates ({@code ips-platform.yml}). */
    @Bean
    public ClientSequencingPolicy clientSequencingPolicy() {
        return new ClientSequencingPolicy();
    }

    @Bean
    public AccessRecordRelay accessRecordRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec,
                                               IpsProperties properties, AuditSealingKeys auditKeys) {
        return new AccessRecordRelay(publisher, codec, properties, auditKeys);
    }
}
