package nl.ipsexchange.platform.axon;

import java.time.Clock;
import java.time.ZoneId;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    /** The processing group of the relays from the event store (the outbox) to Kafka. */
    public static final String INTEGRATION_PUBLISHER = "integration-publisher";

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.system(ZONE);
    }
}
