package nl.ipsexchange.mha.messaging;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.JobCoachingReportedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.mha.CovenantConfiguration;
import nl.ipsexchange.mha.CovenantDefaults;
import nl.ipsexchange.mha.command.trajectory.IpsTeams;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingRecordedEvent;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * Which funder pays job coaching is covenant data (ADR 48): the relay sends a session to the trajectory's funder when
 * the covenant names that funder's tariff, and to no one otherwise, from the step and the covenant alone.
 */
class TrajectoryRelayJobCoachingTest {

    private static final LocalDate SESSION = LocalDate.of(2026, 3, 2);

    /** The default covenant (the benefits agency pays coaching), and one in which the municipality pays it too. */
    @ParameterizedTest(name = "funder {0}, municipality's tariff {1}: sent {2}")
    @CsvSource({"BENEFITS, , true", "MUNICIPALITY, , false", "MUNICIPALITY, 55.00, true"})
    void aSessionOfJobCoachingGoesToTheFunderWhenTheCovenantNamesItsTariff(Agency funder, String municipalityTariff,
                                                                           boolean sent) {
        ConsentGate gate = mock(ConsentGate.class);
        TrajectoryRelay relay = new TrajectoryRelay(gate, mock(IntegrationEventPublisher.class), new EnvelopeCodec(),
                mock(EventStore.class), mock(StatusPseudonyms.class), mock(IpsTeams.class),
                covenant(municipalityTariff));

        relay.on(new JobCoachingRecordedEvent("t-1", "c-1", "s-1", SESSION, new BigDecimal("2"), funder), "e-1", 4L);

        JobCoachingReportedEvent session = new JobCoachingReportedEvent("t-1", "c-1", "s-1", SESSION,
                new BigDecimal("2"));
        if (sent) {
            verify(gate).send(funder, Purpose.FUNDING_DECISION, session, "e-1");
        } else {
            verify(gate, never()).send(any(), any(), any(), anyString());
        }
    }

    private static FundingRules covenant(String municipalityTariff) {
        StandardEnvironment environment = new StandardEnvironment();
        if (municipalityTariff != null) {
            environment.getPropertySources().addFirst(new MapPropertySource("service",
                    Map.of("ips.funding.agreement.municipality.job-coaching-hourly-tariff", municipalityTariff)));
        }
        new CovenantDefaults().postProcessEnvironment(environment, new SpringApplication());
        return new CovenantConfiguration().fundingRules(environment);
    }
}
