package nl.ipsexchange.mha.messaging;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingReleasedEvent;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * Which funder pays job coaching is covenant data (ADR 48), and a trajectory keeps the version it was approved under
 * (ADR 52): the relay sends a session to the trajectory's funder when that version names the funder's tariff, whatever
 * version is in force now, and from the step and the covenant alone. The covenant here: the default version (the
 * municipality pays no coaching) and 2027.1, from 2027, in which it pays 55.00 an hour, as the service binds them.
 */
class TrajectoryRelayJobCoachingTest {

    private static final LocalDate SESSION = LocalDate.of(2026, 3, 2);
    private static final BigDecimal TWO = new BigDecimal("2");

    private final ConsentGate gate = mock(ConsentGate.class);
    private TrajectoryRelay relay;

    @BeforeEach
    void setUp() {
        relay = new TrajectoryRelay(gate, mock(IntegrationEventPublisher.class), new EnvelopeCodec(),
                mock(EventStore.class), mock(StatusPseudonyms.class), mock(IpsTeams.class), covenant());
    }

    /** Approved under the default version or under 2027.1, with the session recorded in 2026 either way. */
    @ParameterizedTest(name = "funder {0}, approved under {1}: sent {2}")
    @CsvSource({"BENEFITS, 2025.1, true", "MUNICIPALITY, 2025.1, false", "MUNICIPALITY, 2027.1, true",
            "BENEFITS, 2027.1, false", "MUNICIPALITY, 2030.9, true"})
    void aSessionGoesToTheFunderWhenTheVersionApprovedNamesItsTariff(Agency funder, String version, boolean sent) {
        relay.on(new JobCoachingRecordedEvent("t-1", "c-1", "s-1", SESSION, TWO, funder, version, false), "e-1", 4L);

        expectSent(funder, sent);
    }

    @Test
    void aSessionAwaitingTheApprovalGoesNowhereYet() {
        relay.on(new JobCoachingRecordedEvent("t-1", "c-1", "s-1", SESSION, TWO, Agency.BENEFITS, null, true), "e-1",
                4L);

        expectSent(Agency.BENEFITS, false);
    }

    /** Released when the approval was known: by the version approved, as a session recorded after it. */
    @ParameterizedTest(name = "released under {0}: sent {1}")
    @CsvSource({"2027.1, true", "2025.1, false"})
    void aReleasedSessionGoesByTheVersionApproved(String version, boolean sent) {
        relay.on(new JobCoachingReleasedEvent("t-1", "c-1", "s-1", SESSION, TWO, Agency.MUNICIPALITY, version),
                "e-1");

        expectSent(Agency.MUNICIPALITY, sent);
    }

    /** A session stored before sessions named the version: by the version in force on its date, as then. */
    @ParameterizedTest(name = "recorded {0}: sent {1}")
    @CsvSource({"2026-12-31, false", "2027-01-01, true"})
    void aSessionStoredBeforeSessionsNamedTheVersionGoesByTheVersionOfItsDate(LocalDate date, boolean sent) {
        relay.on(new JobCoachingRecordedEvent("t-1", "c-1", "s-1", date, TWO, Agency.MUNICIPALITY, false, null,
                false), "e-1", 4L);

        if (sent) {
            verify(gate).send(Agency.MUNICIPALITY, Purpose.FUNDING_DECISION, new JobCoachingReportedEvent("t-1",
                    "c-1", "s-1", date, TWO), "e-1");
        } else {
            verify(gate, never()).send(any(), any(), any(), anyString());
        }
    }

    private void expectSent(Agency funder, boolean sent) {
        if (sent) {
            verify(gate).send(funder, Purpose.FUNDING_DECISION, new JobCoachingReportedEvent("t-1", "c-1", "s-1",
                    SESSION, TWO), "e-1");
        } else {
            verify(gate, never()).send(any(), any(), any(), anyString());
        }
    }

    /** The default covenant's file with a later version in front of it, bound as the service binds it. */
    private static FundingRules covenant() {
        StandardEnvironment environment = new StandardEnvironment();
        String next = "ips.funding.agreement.later-versions[0].";
        Map<String, Object> settings = new HashMap<>(Map.of(next + "version", "2027.1",
                next + "effective-from", "2027-01-01"));
        Map.of("start", "950", "three-months", "950", "final-payment", "950", "final-after-months", "18",
                "placement-bonus", "1900", "bonus-window-months", "9", "bonus-min-hours-per-week", "12",
                "bonus-min-job-months", "1", "job-coaching-hourly-tariff", "55.00")
                .forEach((key, value) -> settings.put(next + "municipality." + key, value));
        Map.of("start", "2420", "final-payment", "2420", "final-after-months", "36", "placement-bonus", "1210",
                "bonus-min-hours-per-week", "12", "bonus-min-wage-percent", "35", "bonus-min-job-months", "2")
                .forEach((key, value) -> settings.put(next + "benefits." + key, value));
        environment.getPropertySources().addFirst(new MapPropertySource("service", settings));
        new CovenantDefaults().postProcessEnvironment(environment, new SpringApplication());
        return new CovenantConfiguration().fundingRules(environment);
    }
}
