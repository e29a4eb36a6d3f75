package nl.ipsexchange.platform.sharing;

import java.time.Clock;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.messaging.ParkedMessages;
import nl.ipsexchange.platform.messaging.ReceivedTransitKeys;
import nl.ipsexchange.platform.security.NeedToKnow;

/** The receiving side of consent-gated sharing, for services with {@code ips.sharing.receive=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "ips.sharing", name = "receive", havingValue = "true")
public class SharingConfiguration {

    @Bean
    public ConsentReplica consentReplica(JdbcTemplate jdbc, IpsProperties properties) {
        return new ConsentReplica(jdbc, self(properties));
    }

    @Bean
    public SharedClientDataStore sharedClientDataStore(JdbcTemplate jdbc, ClientDataCipher cipher,
                                                       EnvelopeCodec codec) {
        return new SharedClientDataStore(jdbc, cipher, codec);
    }

    @Bean
    public ReceiptGate receiptGate(ConsentReplica consents, AccessRecorder recorder, Clock clock,
                                   IpsProperties properties) {
        return new ReceiptGate(consents, recorder, clock, self(properties));
    }

    @Bean
    public SharingReceiver sharingReceiver(ConsentReplica consents, SharedClientDataStore store,
                                           AccessRecorder recorder, Clock clock, IpsProperties properties,
                                           ReceiptGate receipts,
                                           ReceivedTransitKeys transitKeys) {
        return new SharingReceiver(consents, store, recorder, clock, self(properties), receipts, transitKeys);
    }

    @Bean
    public SharedClientReader sharedClientReader(ConsentReplica consents, SharedClientDataStore store,
                                                 AccessRecorder recorder, NeedToKnow needToKnow, Clock clock,
                                                 IpsProperties properties,
                                                 ParkedMessages parked) {
        return new SharedClientReader(consents, store, recorder, needToKnow, clock, self(properties),
                parked::isParked);
    }

    @Bean
    public SharedClientController sharedClientController(SharedClientReader reader, Environment environment) {
        return new SharedClientController(reader,
                environment.getProperty("ips.sharing.default-read-purpose", Purpose.class, Purpose.FUNDING_DECISION));
    }

    @Bean
    public InformationRequests informationRequests(EventGateway events,
                                                   IntegrationEventPublisher publisher,
                                                   EnvelopeCodec codec, JdbcTemplate jdbc, Clock clock,
                                                   IpsProperties properties) {
        return new InformationRequests(events, publisher, codec, jdbc, clock, self(properties));
    }

    private static Agency self(IpsProperties properties) {
        Agency agency = properties.getService().getAgency();
        if (agency == null || agency == Agency.MENTAL_HEALTH) {
            throw new IllegalStateException("only the benefits agency, the municipality and the insurer receive "
                    + "shared client data");
        }
        return agency;
    }
}
