package nl.ipsexchange.platform.axon;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.lifecycle.Phase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import nl.ipsexchange.infra.eventstore.LingeringEventSource;
import nl.ipsexchange.infra.eventstore.RelayTokenSegments;
import nl.ipsexchange.platform.audit.AccessRecordRelay;

/**
 * No event handler failure is ever skipped silently: Axon's default would log it and move on. With the
 * propagating handler, a subscribing handler's failure rolls back the command that caused it, and a streaming
 * processor retries the event (its token does not move past an event that was not handled).
 */
@Configuration(proxyBeanMethods = false)
public class AxonProcessingConfiguration {

    /** The covenant's region: dates users see and give are in this zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @Bean
    public ConfigurerModule propagateEventHandlerFailures() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * Before any processor starts: each relay's tokens in the number of segments it runs with (its
     * {@code initial-segment-count}; see {@link RelayTokenSegments}).
     */
    @Bean
    public ConfigurerModule relayTokenSegments(
            ObjectProvider<TokenStore> tokens,
            ObjectProvider<TransactionManager>
                    transactions, Environment environment) {
        Map<String, Integer> segments = new LinkedHashMap<>();
        for (String relay : List.of(INTEGRATION_PUBLISHER,
                AccessRecordRelay.PROCESSING_GROUP)) {
            segments.put(relay, environment.getProperty(
                    "axon.eventhandling.processors." + relay + ".initial-segment-count", Integer.class, 1));
        }
        return configurer -> configurer.onInitialize(configuration -> configuration.onStart(
                Phase.LOCAL_MESSAGE_HANDLER_REGISTRATIONS,
                () -> RelayTokenSegments.arrange(tokens.getObject(), transactions.getObject(), segments)));
    }

    /**
     * The event store as both relays read it ({@code source} of their processors): a batch gathers for up to
     * {@code ips.relay.linger} ({@code ips-platform.yml}) after the previous one (ADR 22; zero: each batch at once).
     */
    @Bean
    public LingeringEventSource relayEventSource(EventStore eventStore,
                                                 @Value(
                                                         "${ips.relay.linger}") Duration linger) {
        return new LingeringEventSource(eventStore, linger);
    }

    /** The processing group of the relays from the event store (the outbox) to Kafka. */
    public static final String INTEGRATION_PUBLISHER = "integration-publisher";

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.system(ZONE);
    }
}
