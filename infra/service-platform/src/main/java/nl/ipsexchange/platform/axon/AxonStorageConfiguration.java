package nl.ipsexchange.platform.axon;

import java.time.Duration;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import nl.ipsexchange.infra.eventstore.EventStoreSchema;
import nl.ipsexchange.infra.eventstore.EventStoreSerializers;
import nl.ipsexchange.infra.eventstore.GapSafeJdbcEventStorageEngine;
import nl.ipsexchange.infra.eventstore.PacedTailingReads;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.crypto.PersonalDataSerializer;

/**
 * Axon's event store, token store and serializers on this service's own PostgreSQL database, with the JDBC
 * storage engine tuned in {@code infra/event-store} ({@link EventStoreSchema}, {@link EventStoreSerializers}); personal
 * data in events is encrypted per client ({@link PersonalDataSerializer}).
 */
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {

    @Bean
    public EventSchema eventSchema() {
        return EventStoreSchema.events();
    }

    /**
     * Axon's JDBC engine, made gap-safe: no committed event is ever skipped by a streaming processor, however late
     * its transaction commits (see {@link GapSafeJdbcEventStorageEngine} and ADR 0009).
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema) {
        return new GapSafeJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema), GapSafeJdbcEventStorageEngine.GapSettings.defaults());
    }

    /**
     * Axon's embedded event store, as Axon's auto-configuration builds it, except that its producer reads the store's
     * tail no sooner than {@code ips.event-store.tail-pace} ({@code ips-platform.yml}) after its previous read
     * (ADR 23, {@link PacedTailingReads}; zero: after every commit, Axon's own behaviour).
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         @Value("${ips.event-store.tail-pace}") Duration tailPace) {
        return EmbeddedEventStore.builder()
                .storageEngine(PacedTailingReads.of(storageEngine, tailPace))
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .build();
    }

    /**
     * How a failed append is recognised as a duplicate key (two commands on one aggregate at once), so that Axon
     * reports a concurrency conflict: by PostgreSQL's SQL state, which Axon's JDBC resolver does not read.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }

    /**
     * The command gateway, sending a command again when it lost a race for its aggregate (a concurrency conflict,
     * transient): a payment recorded while the funder's inbox records a step of the same application, for example.
     * The loser's work was rolled back, so it is decided again on the winner's events; up to three times, 20 ms
     * apart, then answered as a conflict.
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConcurrencyRetryScheduler(3, 20))
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return EventStoreSchema.tokens();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return EventStoreSerializers.json();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return EventStoreSerializers.json();
    }

    /** The event store's serializer: events marked {@code @PersonalData} are stored with those fields encrypted. */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(ClientDataCipher cipher) {
        return new PersonalDataSerializer(EventStoreSerializers.json(), cipher);
    }
}
