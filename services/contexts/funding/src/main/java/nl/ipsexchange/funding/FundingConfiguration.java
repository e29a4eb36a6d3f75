package nl.ipsexchange.funding;

import java.time.Clock;
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
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.funding.command.FunderPolicy;
import nl.ipsexchange.funding.command.FundingApplication;
import nl.ipsexchange.funding.query.FundingProjection;
import nl.ipsexchange.kernel.fidelity.FidelityCovenant;
import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.PlatformAutoConfiguration;
import nl.ipsexchange.platform.meeting.MeetingAgenda;
import nl.ipsexchange.platform.meeting.MeetingMinutes;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.messaging.ReceiptCheck;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;
import nl.ipsexchange.platform.web.NavigationLink;
import nl.ipsexchange.platform.web.WorkQueue;

/**
 * Funding at the funders ({@code ips.funding.funder=true}: applications, approvals, payment schedules, the
 * fidelity register) and at the insurer ({@code ips.funding.insurer=true}: the payment lines' tables and view, which
 * the insurer's own intake billing writes and reads). The covenant's rules come from {@code ips.funding.agreement}
 * (the shared kernel's {@code ips-funding-agreement.yml}, {@link FundingDefaults}); what each funder pays and
 * schedules is its own service's {@link FunderPolicy} bean, which a funder must provide. Its tables are its own
 * migrations ({@value #MIGRATIONS}), applied only where funding runs (ADR 0039). Received steps pass a
 * {@link ReceiptCheck} and the funders' agenda reads {@link SharedWithThisAgency}: the platform's contracts, supplied
 * by the sharing context every funding service runs ({@code ips.sharing.receive}), which funding does not name
 * (ADR 0043). After the platform, whose beans it uses; before Axon's auto-configuration, as the platform is, so that
 * the aggregate is known when Axon's is read.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class,
        before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
@ConditionalOnExpression("${ips.funding.funder:false} or ${ips.funding.insurer:false}")
public class FundingConfiguration {

    /** Where funding's Flyway migrations are: added to the platform's and the service's own locations. */
    public static final String MIGRATIONS = "classpath:db/migration/funding";

    @Bean
    public FlywayConfigurationCustomizer fundingMigrations() {
        return configuration -> configuration.locations(Stream.concat(
                Arrays.stream(configuration.getLocations()),
                Stream.of(new Location(MIGRATIONS))).toArray(Location[]::new));
    }

    /** Funding events stored before ADR 0039 name their classes in the platform's package; they read as these. */
    @Bean
    public StoredFundingEventTypes storedFundingEventTypes() {
        return new StoredFundingEventTypes();
    }

    /** Refusals stored before they carried their code read with the code their words stand for (ADR 52). */
    @Bean
    public StoredRefusalsWithoutCode storedRefusalsWithoutCode() {
        return new StoredRefusalsWithoutCode();
    }


    @Bean
    public FundingRules fundingRules(Environment environment) {
        FundingAgreement agreement = Binder.get(environment).bind(FundingAgreement.PROPERTIES, FundingAgreement.class)
                .orElseThrow(() -> new IllegalStateException(FundingAgreement.PROPERTIES + " is not configured"));
        return new FundingRules(agreement);
    }

    @Bean
    public FundingProjection fundingProjection(JdbcTemplate jdbc) {
        return new FundingProjection(jdbc);
    }

    /**
     * The funders: the fidelity register, the funding application aggregate (with the service's {@link FunderPolicy}),
     * its inbox and the funding API.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "ips.funding", name = "funder", havingValue = "true")
    @Import(FundingApplication.class)
    public static class Funder {

        @Bean
        public FundingInbox fundingInbox(ReceiptCheck receipts, CommandGateway commands, FundingProjection funding,
                                         Clock clock, IpsProperties properties, FidelityRegister teams) {
            return new FundingInbox(receipts, commands, funding, clock, properties.getService().getAgency(), teams);
        }

        @Bean
        public FidelityRegister fidelityRegister(JdbcTemplate jdbc) {
            return new FidelityRegister(jdbc);
        }

        /** The covenant's fidelity condition ({@value FidelityCovenant#PROPERTIES}), judged per application. */
        @Bean
        public FidelityCovenant fidelityCovenant(Environment environment) {
            return Binder.get(environment).bind(FidelityCovenant.PROPERTIES, FidelityCovenant.class)
                    .orElseThrow(() -> new IllegalStateException(FidelityCovenant.PROPERTIES + " is not configured"));
        }

        @Bean
        public FidelityGate fidelityGate(FidelityRegister register, FidelityCovenant covenant) {
            return new FidelityGate(register, covenant);
        }

        @Bean
        public MeetingAgenda funderMeetingAgenda(FundingProjection funding, SharedWithThisAgency shared) {
            return new FunderMeetingAgenda(funding, shared);
        }

        /** The pseudonyms this funder's status events name trajectories by, under its own key (ADR 36). */
        @Bean
        public StatusPseudonyms statusPseudonyms(Environment environment) {
            return StatusPseudonyms.fromSettings(environment);
        }

        @Bean
        public FundingStatusRelay fundingStatusRelay(IntegrationEventPublisher publisher,
                                                     EnvelopeCodec codec,
                                                     IpsProperties properties, StatusPseudonyms pseudonyms) {
            return new FundingStatusRelay(publisher, codec, properties.getService().getAgency(), pseudonyms);
        }

        /** Decisions and payment lines back to the mental health agency (ADR 46). */
        @Bean
        public FundingDecisionRelay fundingDecisionRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec,
                                                         IpsProperties properties) {
            return new FundingDecisionRelay(publisher, codec, properties.getService().getAgency());
        }

        @Bean
        public FundingController fundingController(FundingProjection funding, FidelityGate fidelity,
                                                   CommandGateway commands, FundingRules rules, Clock clock) {
            return new FundingController(funding, fidelity, commands, rules, clock);
        }

        /** One application with the meeting's decisions about it, where the meeting runs (ADR 49). */
        @Bean
        public FundingApplicationMinutes fundingApplicationMinutes(FundingProjection funding,
                                                                   ObjectProvider<MeetingMinutes> minutes) {
            return new FundingApplicationMinutes(funding, minutes.getIfAvailable(() -> MeetingMinutes.NONE));
        }

        /** The same decisions on the page of applications. */
        @Bean
        public FundingPageMinutes fundingPageMinutes(ObjectProvider<MeetingMinutes> minutes) {
            return new FundingPageMinutes(minutes.getIfAvailable(() -> MeetingMinutes.NONE));
        }

        /** The page's link in the header, for the funder's staff (ADR 0043). */
        @Bean
        public NavigationLink fundingNavigationLink() {
            return NavigationLink.forRoles(400, "/funding", "Funding", Role.LABOUR_EXPERT, Role.INSURANCE_PHYSICIAN,
                    Role.BENEFITS_MANAGER, Role.CASE_MANAGER, Role.PARTICIPATION_ADVISER);
        }

        /** Applications that wait for a decision, on the deciders' home page. */
        @Bean
        public WorkQueue fundingApplicationsWorkQueue(FundingProjection funding) {
            return WorkQueue.forRoles(400, "/funding", "1 funding application waits for your decision",
                    "%d funding applications wait for your decision", funding::countAwaitingDecision,
                    Role.LABOUR_EXPERT, Role.BENEFITS_MANAGER, Role.CASE_MANAGER, Role.PARTICIPATION_ADVISER);
        }

        @Bean
        public FundingPage fundingPage(FundingController api, FundingProjection funding, FidelityRegister fidelity,
                                       FidelityCovenant covenant, Clock clock) {
            return new FundingPage(api, funding, fidelity, covenant, clock);
        }
    }
}
