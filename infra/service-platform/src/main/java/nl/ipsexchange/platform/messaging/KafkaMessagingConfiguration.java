package nl.ipsexchange.platform.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

import io.micrometer.core.instrument.MeterRegistry;

import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.messaging.sealing.AuditSealing;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.audit.AuditSealingKeys;
import nl.ipsexchange.platform.audit.AuditSealingProperties;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.messaging.signing.SigningKeys;
import nl.ipsexchange.platform.messaging.signing.SigningProperties;
import nl.ipsexchange.platform.security.SecurityConfiguration;
import nl.ipsexchange.platform.web.WorkQueue;

/**
 * Kafka between services: the topic layout, the publisher, and the inbound side. Inbound failures are
 * retried with back-off for as long as it takes (a database outage must not lose a message), except that a message
 * that keeps failing while the database is there is parked per client by {@link InboundMessageProcessor}; a
 * message that can never be read (malformed, unknown type) goes to {@code ips.dead-letter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SigningProperties.class, AuditSealingProperties.class})
public class KafkaMessagingConfiguration {

    /** This service's signing key and the keys it trusts, checked before anything starts (ADR 31). */
    @Bean
    public SigningKeys signingKeys(SigningProperties settings, IpsProperties properties, Environment environment) {
        return SigningKeys.from(settings, SigningKeys.identityOf(properties.getService().getAgency()),
                environment.acceptsProfiles(Profiles.of(SecurityConfiguration.DEMO_PROFILE)));
    }

    /**
     * The audit service's key that access records are sealed for, and in the audit service its private keys, checked
     * before anything starts (ADR 37).
     */
    @Bean
    public AuditSealingKeys auditSealingKeys(AuditSealingProperties settings, IpsProperties properties,
                                             Environment environment) {
        return AuditSealingKeys.from(settings, properties.getService().getAgency() != null,
                properties.getMessaging().getSubscriptions().contains(Topics.AUDIT),
                environment.acceptsProfiles(Profiles.of(SecurityConfiguration.DEMO_PROFILE)));
    }

    @Bean
    public EnvelopeCodec envelopeCodec() {
        return new EnvelopeCodec();
    }

    /** The Kafka login, checked as the context is made: a refused one stops the start before any client connects. */
    @Bean
    public KafkaLoginCheck kafkaLoginCheck(Environment environment) {
        return new KafkaLoginCheck(environment);
    }

    /**
     * Only where asked for: the infrastructure's administrator creates the topics (ADR 34), and a service's Kafka user
     * may not.
     */
    @Bean
    @ConditionalOnProperty(prefix = "ips.messaging", name = "create-topics", havingValue = "true")
    public KafkaAdmin.NewTopics ipsTopics() {
        List<NewTopic> topics = Topics.all().stream()
                .map(name -> TopicBuilder.name(name).partitions(Topics.PARTITIONS).replicas(1).build())
                .toList();
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    public IntegrationEventPublisher integrationEventPublisher(KafkaTemplate<String, byte[]> kafka,
                                                               EnvelopeCodec codec, SigningKeys keys) {
        return new IntegrationEventPublisher(kafka, codec, keys.signer());
    }

    @Bean
    public ParkedMessages parkedMessages(JdbcTemplate jdbc, ClientDataCipher cipher,
                                         Clock clock) {
        return new ParkedMessages(jdbc, cipher, clock);
    }

    /** Parked messages wait for an administrator's decision: retry or discard. */
    @Bean
    public WorkQueue parkedMessagesWorkQueue(ParkedMessages parked) {
        return WorkQueue.forRoles(900, "/admin/parked-messages", "1 parked message waits for your decision",
                "%d parked messages wait for your decision", parked::count, Role.ADMINISTRATOR);
    }

    @Bean
    public InboundMessageProcessor inboundMessageProcessor(EnvelopeCodec codec, JdbcTemplate jdbc,
                                                           TransactionTemplate transactions,
                                                           ObjectProvider<ReceivedEventRecorder> recorder,
                                                           ParkedMessages parkedMessages,
                                                           ObjectProvider<IntegrationEventHandler<?>> handlers,
                                                           ObjectProvider<IntegrationEventHandlerSet> handlerSets,
                                                           SigningKeys keys, MeterRegistry meters,
                                                           EnvelopeOpener opener, TransitKeyRequests keyRequests,
                                                           ObjectProvider<ReceiptPrecheck> precheck) {
        List<IntegrationEventHandler<?>> all = new ArrayList<>(handlers.orderedStream().toList());
        handlerSets.orderedStream().forEach(set -> all.addAll(set.handlers()));
        // a context that keeps received events (status) plugs in here; the platform names none
        return new InboundMessageProcessor(codec, jdbc, transactions,
                recorder.getIfAvailable(() -> ReceivedEventRecorder.NONE), parkedMessages, all,
                keys.verifier(), meters, new InboundMessageProcessor.Sealing(opener, keyRequests,
                        precheck.getIfAvailable(() -> ReceiptPrecheck.NONE)));
    }

    @Bean
    public EnvelopeSealing envelopeSealing() {
        return new EnvelopeSealing();
    }

    @Bean
    public ReceivedTransitKeys receivedTransitKeys(JdbcTemplate jdbc, ClientDataCipher cipher, Clock clock) {
        return new ReceivedTransitKeys(jdbc, cipher, clock);
    }

    /** Where this agency issues transit keys (the client's provider), it opens what is sealed back with them. */
    @Bean
    public EnvelopeOpener envelopeOpener(EnvelopeSealing sealing, ReceivedTransitKeys keys,
                                         AuditSealingKeys auditKeys, ObjectProvider<IssuedTransitKeys> issued) {
        return new EnvelopeOpener(sealing, keys, new AuditSealing(), auditKeys)
                .withIssuedKeys(issued.getIfAvailable(() -> IssuedTransitKeys.NONE));
    }

    @Bean
    public TransitKeyRequests transitKeyRequests(ReceivedTransitKeys keys, IntegrationEventPublisher publisher,
                                                 EnvelopeCodec codec, IpsProperties properties, Clock clock) {
        return new TransitKeyRequests(keys, publisher, codec, properties.getService().getAgency(), clock);
    }

    @Bean(destroyMethod = "close")
    public UnblockedSequences unblockedSequences(JdbcTemplate jdbc,
                                                 ObjectProvider<InboundMessageProcessor> processor) {
        return new UnblockedSequences(jdbc, processor, Duration.ofSeconds(30));
    }

    @Bean
    public TransitKeyReceiver transitKeyReceiver(ReceivedTransitKeys keys, ParkedMessages parked,
                                                 AccessRecorder recorder, EnvelopeCodec codec,
                                                 ObjectProvider<InboundMessageProcessor> processor) {
        return new TransitKeyReceiver(keys, parked, recorder, codec, processor);
    }

    @Bean
    public InboundMessageListener inboundMessageListener(InboundMessageProcessor processor, IpsProperties properties) {
        return new InboundMessageListener(processor, properties.getMessaging().getSubscriptions());
    }

    /** Every consumer's offset commits only move forward (see {@link ForwardOnlyOffsetCommits}). */
    @Bean
    public DefaultKafkaConsumerFactoryCustomizer ipsConsumerFactoryCustomizer() {
        return KafkaMessagingConfiguration::commitForwardOnly;
    }

    private static <K, V> void commitForwardOnly(DefaultKafkaConsumerFactory<K, V> consumers) {
        consumers.addPostProcessor(ForwardOnlyOffsetCommits::wrap);
    }

    @Bean
    public CommonErrorHandler ipsKafkaErrorHandler(KafkaTemplate<String, byte[]> kafka) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(Topics.DEAD_LETTER, -1));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE); // never give up on a readable message: retry until it succeeds
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
        handler.addNotRetryableExceptions(MalformedMessageException.class);
        handler.setCommitRecovered(true);
        return handler;
    }

    @Bean(destroyMethod = "close")
    public KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }
}
