package nl.ipsexchange.insurer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.platform.messaging.ReceiptCheck;

/**
 * The insurer's intake billing: its inbox and lines, written to the funding context's payment lines
 * ({@code ips.funding.insurer} brings their tables, the covenant's rules and the payments view).
 */
@Configuration(proxyBeanMethods = false)
public class IntakeConfiguration {

    @Bean
    public IntakeBilling intakeBilling(JdbcTemplate jdbc, FundingRules rules) {
        return new IntakeBilling(jdbc, rules);
    }

    @Bean
    public IntakeInbox intakeInbox(ReceiptCheck receipts, IntakeBilling intake) {
        return new IntakeInbox(receipts, intake);
    }
}
