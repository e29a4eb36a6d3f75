package nl.ipsexchange.meeting;

import java.time.Clock;
import java.time.LocalDate;

import java.util.Arrays;
import java.util.stream.Stream;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.flywaydb.core.api.Location;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.meeting.command.CasesOnTheAgenda;
import nl.ipsexchange.meeting.command.PractitionerMeeting;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.PlatformAutoConfiguration;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.meeting.MeetingAgenda;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.messaging.ReceiptCheck;
import nl.ipsexchange.platform.messaging.ReceivedTransitKeys;
import nl.ipsexchange.platform.web.NavigationLink;

/**
 * The practitioner meeting, for the agencies whose practitioners take part ({@code ips.meeting.enabled=true}); every
 * {@code ips.meeting.every-weeks} weeks (6) from {@code ips.meeting.first}. The agency (or a context it runs)
 * supplies its agenda, a {@link MeetingAgenda}, the platform's contract. Its table is its own migration
 * ({@value #MIGRATIONS}), applied only where the meeting runs (ADR 0039). After the platform, whose beans it uses;
 * before Axon's auto-configuration, so that the aggregate is known when Axon's is read.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class,
        before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
@ConditionalOnProperty(prefix = "ips.meeting", name = "enabled", havingValue = "true")
@Import(PractitionerMeeting.class)
public class MeetingConfiguration {

    /** Where the meeting's Flyway migrations are: added to the platform's and the service's own locations. */
    public static final String MIGRATIONS = "classpath:db/migration/meeting";

    @Bean
    public FlywayConfigurationCustomizer meetingMigrations() {
        return configuration -> configuration.locations(Stream.concat(
                Arrays.stream(configuration.getLocations()),
                Stream.of(new Location(MIGRATIONS))).toArray(Location[]::new));
    }

    /** Meeting events stored before ADR 0039 name their classes in the platform's package; they read as these. */
    @Bean
    public StoredMeetingEventTypes storedMeetingEventTypes() {
        return new StoredMeetingEventTypes();
    }

    /** The minutes; where shared client data is received, shared decisions are read under its consent replica. */
    @Bean
    public MeetingDecisions meetingDecisions(JdbcTemplate jdbc, Clock clock, Environment environment,
                                             IpsProperties properties, ClientDataCipher cipher,
                                             ObjectProvider<SharedWithThisAgency> shared) {
        return new MeetingDecisions(jdbc, clock,
                environment.getProperty("ips.meeting.first", LocalDate.class, LocalDate.of(2026, 1, 8)),
                environment.getProperty("ips.meeting.every-weeks", Integer.class, 6),
                properties.getService().getAgency(), cipher, shared.getIfAvailable());
    }

    /** What a decision must name: a case on this agency's agenda now (ADR 49), for the aggregate's handler. */
    @Bean
    public CasesOnTheAgenda casesOnTheAgenda(MeetingAgenda agenda) {
        return caseRef -> agenda.listed(caseRef).map(listed -> new CasesOnTheAgenda.Case(listed.caseRef(),
                listed.clientId(), listed.trajectoryId(), listed.applicant()));
    }

    /**
     * Elsewhere than at the client's provider: this agency's decisions go to the provider (ADR 49), sealed with a key
     * the provider gave it (ADR 51).
     */
    @Bean
    @ConditionalOnExpression("'${ips.service.agency:}' != 'MENTAL_HEALTH'")
    public MeetingDecisionRelay meetingDecisionRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec,
                                                     IpsProperties properties, EnvelopeSealing sealing,
                                                     ReceivedTransitKeys keys) {
        return new MeetingDecisionRelay(publisher, codec, properties.getService().getAgency(),
                new MeetingDecisionRelay.Sealing(sealing, keys));
    }

    /** At the client's provider: the other agencies' decisions join its minutes (ADR 49). */
    @Bean
    @ConditionalOnExpression("'${ips.service.agency:}' == 'MENTAL_HEALTH'")
    public ProviderMinutesInbox providerMinutesInbox(CommandGateway commands, IpsProperties properties) {
        return new ProviderMinutesInbox(commands, properties.getService().getName());
    }

    /** Where consent-gated data is received: the minutes shared with this agency, checked on receipt (ADR 49). */
    @Bean
    @ConditionalOnProperty(prefix = "ips.sharing", name = "receive", havingValue = "true")
    public SharedMinutesInbox sharedMinutesInbox(ReceiptCheck receipts, SharedWithThisAgency consents,
                                                 MeetingDecisions decisions, IpsProperties properties) {
        return new SharedMinutesInbox(receipts, consents, decisions, properties.getService().getAgency());
    }

    @Bean
    public MeetingController meetingController(MeetingAgenda agenda, MeetingDecisions decisions,
                                               CommandGateway commands, IpsProperties properties) {
        return new MeetingController(agenda, decisions, commands, properties);
    }

    /** The page's link in the header, for the practitioners (ADR 0043). */
    @Bean
    public NavigationLink meetingNavigationLink() {
        return NavigationLink.forRoles(500, "/meeting", "Practitioner meeting", Role.CLINICIAN, Role.IPS_SPECIALIST,
                Role.LABOUR_EXPERT, Role.INSURANCE_PHYSICIAN, Role.CASE_MANAGER);
    }

    @Bean
    public MeetingPage meetingPage(MeetingController meeting, MeetingAgenda agenda, MeetingDecisions decisions) {
        return new MeetingPage(meeting, agenda, decisions);
    }
}
