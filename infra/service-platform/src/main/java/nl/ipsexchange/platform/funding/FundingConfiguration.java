package nl.ipsexchange.platform.funding;

import java.time.Clock;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.funding.command.FundingApplication;
import nl.ipsexchange.platform.funding.query.FundingProjection;
import nl.ipsexchange.platform.meeting.MeetingAgenda;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.sharing.ConsentReplica;
import nl.ipsexchange.platform.sharing.ReceiptGate;
import nl.ipsexchange.platform.sharing.SharedClientReader;
import nl.ipsexchange.platform.status.StatusPseudonyms;

/**
 * Funding at the funders ({@code ips.funding.funder=true}: applications, approvals, payment schedules, the
 * fidelity register) and at the insurer ({@code ips.funding.insurer=true}: intake lines). The covenant's rules
 * come from {@code ips.funding.agreement}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${ips.funding.funder:false} or ${ips.funding.insurer:false}")
public class FundingConfiguration {

    @Bean
    public FundingRules fundingRules(Environment environment) {
        FundingAgreement agreement = Binder.get(environment).bind("ips.funding.agreement", FundingAgreement.class)
                .orElseThrow(() -> new IllegalStateException("ips.funding.agreement is not configured"));
        return new FundingRules(agreement);
    }

    @Bean
    public FundingProjection fundingProjection(JdbcTemplate jdbc) {
        return new FundingProjection(jdbc);
    }

    @Bean
    public IntakeBilling intakeBilling(JdbcTemplate jdbc, FundingRules rules) {
        return new IntakeBilling(jdbc, rules);
    }

    @Bean
    public FundingInbox fundingInbox(ReceiptGate receipts, CommandGateway commands,
                                     FundingProjection funding, IntakeBilling intake, Clock clock,
                                     IpsProperties properties) {
        return new FundingInbox(receipts, commands, funding, intake, clock, properties.getService().getAgency());
    }

    /** The funders: the fidelity register, the funding application aggregate and the funding API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "ips.funding", name = "funder", havingValue = "true")
    @Import(FundingApplication.class)
    public static class Funder {

        @Bean
        public FidelityRegister fidelityRegister(JdbcTemplate jdbc) {
            return new FidelityRegister(jdbc);
        }

        @Bean
        public MeetingAgenda funderMeetingAgenda(FundingProjection funding,
                SharedClientReader clients, JdbcTemplate jdbc) {
            return new FunderMeetingAgenda(funding, clients, jdbc);
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

        @Bean
        public FundingController fundingController(FundingProjection funding, FidelityRegister fidelity,
                                                   CommandGateway commands, Clock clock) {
            return new FundingController(funding, fidelity, commands, clock);
        }

        @Bean
        public FundingPage fundingPage(FundingController api, FundingProjection funding, FidelityRegister fidelity,
                                       Clock clock) {
            return new FundingPage(api, funding, fidelity, clock);
        }
    }

    /** The insurer: its intake lines through the same payments resource. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "ips.funding", name = "insurer", havingValue = "true")
    public static class Insurer {

        @Bean
        public IntakePaymentsController intakePaymentsController(FundingProjection funding) {
            return new IntakePaymentsController(funding);
        }
    }
}
