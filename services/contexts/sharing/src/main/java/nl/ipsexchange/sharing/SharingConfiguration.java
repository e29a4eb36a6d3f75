package nl.ipsexchange.sharing;

import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Stream;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.PlatformAutoConfiguration;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.messaging.ParkedMessages;
import nl.ipsexchange.platform.messaging.ReceivedTransitKeys;
import nl.ipsexchange.platform.security.NeedToKnow;

/**
 * The receiving side of consent-gated sharing, for services with {@code ips.sharing.receive=true} (the benefits
 * agency, the municipality, the insurer). Its tables are its own migrations ({@value #MIGRATIONS}), applied only where
 * it runs (ADR 0039, 0041). Other contexts reach it through the platform's contracts, {@code ReceiptCheck} (the
 * {@link ReceiptGate}) and {@link SharedWithThisAgency}. After the platform, whose beans it uses; before Axon's
 * auto-configuration, as the platform is, so that the relay is known when Axon's is read.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class,
        before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
@ConditionalOnProperty(prefix = "ips.sharing", name = "receive", havingValue = "true")
public class SharingConfiguration {

    /** Where sharing's Flyway migrations are: added to the platform's and the service's own locations. */
    public static final String MIGRATIONS = "classpath:db/migration/sharing";

    @Bean
    public FlywayConfigurationCustomizer sharingMigrations() {
        return configuration -> configuration.locations(Stream.concat(
                Arrays.stream(configuration.getLocations()),
                Stream.of(new Location(MIGRATIONS))).toArray(Location[]::new));
    }

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
    public SentInformationRequests sentInformationRequests(JdbcTemplate jdbc) {
        return new SentInformationRequests(jdbc);
    }

    @Bean
    public InformationRequestController informationRequestController(SentInformationRequests sent,
                                                                     EventGateway events, Clock clock,
                                                                     IpsProperties properties) {
        return new InformationRequestController(sent, events, clock, self(properties));
    }

    @Bean
    public InformationRequestRelay informationRequestRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec,
                                                           IpsProperties properties) {
        return new InformationRequestRelay(publisher, codec, self(properties));
    }

    @Bean
    public InformationRequestAnswers informationRequestAnswers(SentInformationRequests sent) {
        return new InformationRequestAnswers(sent);
    }

    /** What the funders' meeting agenda reads here: shared clients under consent, the requests sent. */
    @Bean
    public AgendaReads agendaReads(SharedClientReader clients, SentInformationRequests requests,
                                   ConsentReplica consents, Clock clock, IpsProperties properties) {
        return new AgendaReads(clients, requests, consents, clock, self(properties));
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
