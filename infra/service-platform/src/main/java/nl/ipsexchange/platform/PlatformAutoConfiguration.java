package nl.ipsexchange.platform;

import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

import org.axonframework.eventhandling.gateway.EventGateway;

import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.platform.audit.AccessRecordRelay;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.audit.AuditSealingKeys;
import nl.ipsexchange.platform.audit.StoredAccessRecordUpcaster;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.platform.crypto.CryptoConfiguration;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.security.NeedToKnow;
import nl.ipsexchange.platform.funding.FundingConfiguration;
import nl.ipsexchange.platform.sharing.SharingConfiguration;
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
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class,
        org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class})
@EnableConfigurationProperties({IpsProperties.class, NeedToKnow.class})
@Import({AxonStorageConfiguration.class, AxonProcessingConfiguration.class, KafkaMessagingConfiguration.class,
        SecurityConfiguration.class, ProblemDetailsAdvice.class, nl.ipsexchange.platform.web.JsonNullBodyAdvice.class,
        nl.ipsexchange.platform.web.WebInputConfiguration.class, StatusController.class, SharingConfiguration.class,
        nl.ipsexchange.platform.web.PagesController.class,
        nl.ipsexchange.platform.messaging.ParkedMessagesController.class,
        nl.ipsexchange.platform.messaging.ParkedMessagesPage.class,
        FundingConfiguration.class, nl.ipsexchange.platform.meeting.MeetingConfiguration.class,
        CryptoConfiguration.class})
public class PlatformAutoConfiguration {

    @Bean
    public StatusQueries statusQueries(JdbcTemplate jdbc) {
        return new StatusQueries(jdbc);
    }

    @Bean
    public nl.ipsexchange.platform.status.StatusMeasures statusMeasures(JdbcTemplate jdbc,
                                                                        PlatformTransactionManager transactions) {
        return new nl.ipsexchange.platform.status.StatusMeasures(jdbc, transactions);
    }

    /** Flyway migration 20 (picked up by Spring Boot's Flyway as a bean): the status projections filled. */
    @Bean
    public nl.ipsexchange.platform.status.RebuildStatusProjection rebuildStatusProjection() {
        return new nl.ipsexchange.platform.status.RebuildStatusProjection();
    }

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
    public nl.ipsexchange.platform.messaging.ClientSequencingPolicy clientSequencingPolicy() {
        return new nl.ipsexchange.platform.messaging.ClientSequencingPolicy();
    }

    @Bean
    public AccessRecordRelay accessRecordRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec,
                                               IpsProperties properties, AuditSealingKeys auditKeys) {
        return new AccessRecordRelay(publisher, codec, properties, auditKeys);
    }
}
