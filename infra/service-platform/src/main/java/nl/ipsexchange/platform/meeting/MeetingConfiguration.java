package nl.ipsexchange.platform.meeting;

import java.time.Clock;
import java.time.LocalDate;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.meeting.command.PractitionerMeeting;

/**
 * The practitioner meeting, for the agencies whose practitioners take part ({@code ips.meeting.enabled=true}); every
 * {@code ips.meeting.every-weeks} weeks (6) from {@code ips.meeting.first}. The agency supplies its agenda.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "ips.meeting", name = "enabled", havingValue = "true")
@Import(PractitionerMeeting.class)
public class MeetingConfiguration {

    @Bean
    public MeetingDecisions meetingDecisions(JdbcTemplate jdbc, Clock clock, Environment environment) {
        return new MeetingDecisions(jdbc, clock,
                environment.getProperty("ips.meeting.first", LocalDate.class, LocalDate.of(2026, 1, 8)),
                environment.getProperty("ips.meeting.every-weeks", Integer.class, 6));
    }

    @Bean
    public MeetingController meetingController(MeetingAgenda agenda, MeetingDecisions decisions,
                                               CommandGateway commands, IpsProperties properties) {
        return new MeetingController(agenda, decisions, commands, properties);
    }

    @Bean
    public MeetingPage meetingPage(MeetingController meeting, MeetingAgenda agenda, MeetingDecisions decisions) {
        return new MeetingPage(meeting, agenda, decisions);
    }
}
