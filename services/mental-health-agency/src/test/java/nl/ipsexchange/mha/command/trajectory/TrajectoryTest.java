package nl.ipsexchange.mha.command.trajectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.ApplyForFundingCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.CloseTrajectoryCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.EndPlacementCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordEmployerContactCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordIntakeSessionCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordJobCoachingCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.ReassignTrajectoryCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.ReferClientCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.StartPlacementCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.ClientReferredEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.EmployerContactRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingApplicationRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingAppliedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeHoursRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeSessionRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeSessionRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementEndedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementStartedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryClosedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryReassignedEvent;

class TrajectoryTest {

    private static final String T = "t-1";
    private static final String C = "c-1";
    private static final LocalDate REFERRED = LocalDate.of(2026, 1, 5);

    private AggregateTestFixture<Trajectory> fixture;

    /** The covenant as the service binds it: the shared kernel's default file, {@code ips.funding.agreement}. */
    private static final FundingRules COVENANT = configuredCovenant();

    /** The demo's two teams; a trajectory stored before teams were named belongs to the default, Utrecht. */
    private static final IpsTeams TEAMS = new IpsTeams(new IpsTeams.Settings("GGZ Utrecht", "IPS team Utrecht",
            List.of(new IpsTeams.Team("IPS team Utrecht", List.of("mha.specialist")),
                    new IpsTeams.Team("IPS team Zuid", List.of("s.bakker")))));
    private static final String UTRECHT = "IPS team Utrecht";
    private static final String ZUID = "IPS team Zuid";

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Trajectory.class);
        fixture.registerInjectableResource(COVENANT);
        fixture.registerInjectableResource(TEAMS);
    }

    private static FundingRules configuredCovenant() {
        try {
            List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load(FundingAgreement.DEFAULTS,
                    new ClassPathResource(FundingAgreement.DEFAULTS));
            return new FundingRules(new Binder(ConfigurationPropertySources.from(yaml))
                    .bind(FundingAgreement.PROPERTIES, FundingAgreement.class).get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClientReferredEvent referred(BenefitType benefit) {
        return new ClientReferredEvent(T, C, benefit, REFERRED, "gardening", "mha.specialist", UTRECHT);
    }

    private static IntakeSessionRecordedEvent session(int number, String hours) {
        return new IntakeSessionRecordedEvent(T, C, number, REFERRED.plusDays(number), new BigDecimal(hours),
                new BigDecimal(hours));
    }

    @Test
    void aClientWhoWantsToWorkIsReferred() {
        fixture.givenNoPriorActivity()
                .when(new ReferClientCommand(T, C, BenefitType.DISABILITY, true, " gardening ", REFERRED,
                        "mha.specialist", UTRECHT))
                .expectEvents(new ClientReferredEvent(T, C, BenefitType.DISABILITY, REFERRED, "gardening",
                        "mha.specialist", UTRECHT));
    }

    @ParameterizedTest(name = "a referral naming team \"{0}\" is refused: {1}")
    @CsvSource(value = {"NULL; team: is required (one of [IPS team Utrecht, IPS team Zuid])",
            "IPS team Noord; team: IPS team Noord is not one of the agency's IPS teams [IPS team Utrecht, IPS team Zuid]"},
            delimiter = ';', nullValues = "NULL")
    void aReferralNamesOneOfTheAgencysTeamsWhenItHasSeveral(String team, String reason) {
        fixture.givenNoPriorActivity()
                .when(new ReferClientCommand(T, C, BenefitType.DISABILITY, true, null, REFERRED, null, team))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(reason)
                .expectNoEvents();
    }

    @Test
    void withOneTeamAReferralThatNamesNoneIsInThatTeam() {
        fixture = new AggregateTestFixture<>(Trajectory.class);
        fixture.registerInjectableResource(new IpsTeams(new IpsTeams.Settings("GGZ", "IPS team",
                List.of(new IpsTeams.Team("IPS team", List.of("mha.specialist"))))));
        fixture.givenNoPriorActivity()
                .when(new ReferClientCommand(T, C, BenefitType.DISABILITY, true, null, REFERRED, "mha.specialist",
                        null))
                .expectEvents(new ClientReferredEvent(T, C, BenefitType.DISABILITY, REFERRED, "", "mha.specialist",
                        "IPS team"));
    }

    @ParameterizedTest(name = "specialist {0} in {1}: assigned {2}")
    @CsvSource({"mha.specialist, IPS team Utrecht, true", "mha.specialist, IPS team Zuid, false",
            "s.bakker, IPS team Zuid, true", "s.bakker, IPS team Utrecht, false"})
    void theSpecialistAssignedBelongsToTheTeam(String specialist, String team, boolean assigned) {
        var result = fixture.givenNoPriorActivity()
                .when(new ReferClientCommand(T, C, BenefitType.DISABILITY, true, null, REFERRED, specialist, team));
        if (assigned) {
            result.expectEvents(new ClientReferredEvent(T, C, BenefitType.DISABILITY, REFERRED, "", specialist,
                    team));
        } else {
            result.expectException(RuleViolationException.class)
                    .expectExceptionMessage("specialist: " + specialist + " is not an IPS specialist of " + team)
                    .expectNoEvents();
        }
    }

    @Test
    void aTrajectoryMovesToAnotherTeamWithOneOfItsSpecialists() {
        fixture.given(referred(BenefitType.DISABILITY))
                .when(new ReassignTrajectoryCommand(T, ZUID, "s.bakker", REFERRED.plusDays(10)))
                .expectEvents(new TrajectoryReassignedEvent(T, C, ZUID, "s.bakker", REFERRED.plusDays(10)));
        fixture.given(referred(BenefitType.DISABILITY))
                .when(new ReassignTrajectoryCommand(T, ZUID, "mha.specialist", REFERRED.plusDays(10)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("specialist: mha.specialist is not an IPS specialist of IPS team Zuid")
                .expectNoEvents();
        fixture.given(referred(BenefitType.DISABILITY))
                .when(new ReassignTrajectoryCommand(T, UTRECHT, "mha.specialist", REFERRED.plusDays(10)))
                .expectNoEvents();
    }

    @Test
    void aTrajectoryStoredBeforeTeamsWereNamedAppliesAsOneOfTheDefaultTeam() {
        fixture.given(new ClientReferredEvent(T, C, BenefitType.SOCIAL_ASSISTANCE, REFERRED, "", null, null))
                .when(new ApplyForFundingCommand(T, REFERRED.plusDays(20)))
                .expectEvents(new FundingAppliedEvent(T, C, Agency.MUNICIPALITY, BenefitType.SOCIAL_ASSISTANCE,
                        REFERRED, REFERRED.plusDays(20), UTRECHT));
    }

    @Test
    void anApplicationNamesTheTeamTheTrajectoryWasMovedTo() {
        fixture.given(referred(BenefitType.DISABILITY),
                        new TrajectoryReassignedEvent(T, C, ZUID, null, REFERRED.plusDays(3)))
                .when(new ApplyForFundingCommand(T, REFERRED.plusDays(20)))
                .expectEvents(new FundingAppliedEvent(T, C, Agency.BENEFITS, BenefitType.DISABILITY, REFERRED,
                        REFERRED.plusDays(20), ZUID));
    }

    @Test
    void withoutTheClientsOwnWishToWorkThereIsNoReferral() {
        fixture.givenNoPriorActivity()
                .when(new ReferClientCommand(T, C, BenefitType.DISABILITY, false, null, REFERRED, null, UTRECHT))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ReferClientCommand(T, C, BenefitType.DISABILITY, null, null, REFERRED, null, UTRECHT))
                .expectException(RuleViolationException.class);
    }

    /**
     * The boundary of the covenant's 8 hours, its configured maximum: 4 hours billed, then {@code second}, then one
     * more hour, of which {@code billable} is billed and {@code refused} refused with the reason.
     */
    @ParameterizedTest(name = "4 + {0} hours billed, then 1: {1} billed, {2} refused")
    @CsvSource({"2.99, 1, 0", "3, 1, 0", "3.01, 0.99, 0.01", "3.5, 0.5, 0.5", "4, 0, 1"})
    void theEighthHourIsBilledAndWhatGoesBeyondIsRefusedWithAReason(String second, String billable, String refused) {
        List<Object> expected = new ArrayList<>(List.of(new IntakeSessionRecordedEvent(T, C, 3, REFERRED.plusDays(3),
                new BigDecimal("1"), new BigDecimal(billable))));
        if (new BigDecimal(refused).signum() > 0) {
            expected.add(new IntakeHoursRefusedEvent(T, C, 3, new BigDecimal(refused),
                    "the insurer funds at most 8 intake hours per client"));
        }
        fixture.given(referred(BenefitType.DISABILITY), session(1, "4"), session(2, second))
                .when(new RecordIntakeSessionCommand(T, REFERRED.plusDays(3), new BigDecimal("1")))
                .expectEvents(expected.toArray());
    }

    @Test
    void anotherCovenantsMaximumIsItsOwn() {
        FundingAgreement configured = COVENANT.agreement();
        fixture = new AggregateTestFixture<>(Trajectory.class);
        fixture.registerInjectableResource(new FundingRules(new FundingAgreement(configured.version(),
                configured.effectiveFrom(), configured.municipality(), configured.benefits(), List.of(),
                new FundingAgreement.Insurer(configured.insurer().intakeHourlyTariff(), new BigDecimal("10")),
                configured.minimumWage())));
        fixture.given(referred(BenefitType.DISABILITY), session(1, "4"), session(2, "3.5"))
                .when(new RecordIntakeSessionCommand(T, REFERRED.plusDays(3), new BigDecimal("3")))
                .expectEvents(
                        new IntakeSessionRecordedEvent(T, C, 3, REFERRED.plusDays(3), new BigDecimal("3"),
                                new BigDecimal("2.5")),
                        new IntakeHoursRefusedEvent(T, C, 3, new BigDecimal("0.5"),
                                "the insurer funds at most 10 intake hours per client"));
    }

    @Test
    void aNinthConsultationIsRefused() {
        fixture.given(referred(BenefitType.DISABILITY), session(1, "0.5"), session(2, "0.5"), session(3, "0.5"),
                        session(4, "0.5"), session(5, "0.5"), session(6, "0.5"), session(7, "0.5"), session(8, "0.5"))
                .when(new RecordIntakeSessionCommand(T, REFERRED.plusDays(9), new BigDecimal("1")))
                .expectEvents(new IntakeSessionRefusedEvent(T, C, REFERRED.plusDays(9),
                        "at most 8 intake consultations per trajectory"));
    }

    @Test
    void socialAssistanceGoesToTheMunicipalityAndADisabilityBenefitToTheBenefitsAgency() {
        fixture.given(referred(BenefitType.SOCIAL_ASSISTANCE))
                .when(new ApplyForFundingCommand(T, REFERRED.plusDays(20)))
                .expectEvents(new FundingAppliedEvent(T, C, Agency.MUNICIPALITY, BenefitType.SOCIAL_ASSISTANCE,
                        REFERRED, REFERRED.plusDays(20), UTRECHT));
        fixture.given(referred(BenefitType.DISABILITY))
                .when(new ApplyForFundingCommand(T, REFERRED.plusDays(20)))
                .expectEvents(new FundingAppliedEvent(T, C, Agency.BENEFITS, BenefitType.DISABILITY, REFERRED,
                        REFERRED.plusDays(20), UTRECHT));
    }

    @Test
    void aClientWithNeitherBenefitHasNoFunderAndTheRefusalIsAnEventWithItsReason() {
        fixture.given(referred(BenefitType.NONE))
                .when(new ApplyForFundingCommand(T, REFERRED.plusDays(20)))
                .expectEvents(new FundingApplicationRefusedEvent(T, C, REFERRED.plusDays(20),
                        "the client has neither social assistance nor a disability benefit: "
                                + "there is no funder under this covenant"));
    }

    @Test
    void theFirstEmployerContactCountsTheDaysSinceReferral() {
        fixture.given(referred(BenefitType.DISABILITY))
                .when(new RecordEmployerContactCommand(T, REFERRED.plusDays(30), "Bakkerij de Vries"))
                .expectEvents(new EmployerContactRecordedEvent(T, C, REFERRED.plusDays(30), "Bakkerij de Vries", true,
                        30));
    }

    /** The relay sends these steps from the event alone: each names the funder, and an end what its start said. */
    @Test
    void stepsAfterTheFundingApplicationNameTheFunderAndAPlacementsEndWhatItsStartSaid() {
        FundingAppliedEvent applied = new FundingAppliedEvent(T, C, Agency.MUNICIPALITY,
                BenefitType.SOCIAL_ASSISTANCE, REFERRED, REFERRED.plusDays(20), UTRECHT);
        PlacementStartedEvent started = new PlacementStartedEvent(T, C, "p-1", "Fietsenmaker De Spaak", "mechanic",
                true, new BigDecimal("24"), new BigDecimal("1650.00"), REFERRED.plusDays(60), Agency.MUNICIPALITY);
        fixture.given(referred(BenefitType.SOCIAL_ASSISTANCE), applied)
                .when(new StartPlacementCommand(T, "p-1", " Fietsenmaker De Spaak ", "mechanic", true,
                        new BigDecimal("24"), new BigDecimal("1650.00"), REFERRED.plusDays(60)))
                .expectEvents(started);
        fixture.given(referred(BenefitType.SOCIAL_ASSISTANCE), applied, started)
                .when(new EndPlacementCommand(T, "p-1", REFERRED.plusDays(90), "contract ended"))
                .expectEvents(new PlacementEndedEvent(T, C, "p-1", REFERRED.plusDays(90), "contract ended",
                        Agency.MUNICIPALITY, true, new BigDecimal("24"), new BigDecimal("1650.00"),
                        REFERRED.plusDays(60)));
        fixture.given(referred(BenefitType.SOCIAL_ASSISTANCE), applied)
                .when(new RecordJobCoachingCommand(T, "s-1", REFERRED.plusDays(70), new BigDecimal("2")))
                .expectEvents(new JobCoachingRecordedEvent(T, C, "s-1", REFERRED.plusDays(70), new BigDecimal("2"),
                        Agency.MUNICIPALITY, null, true));
        fixture.given(referred(BenefitType.SOCIAL_ASSISTANCE), applied)
                .when(new CloseTrajectoryCommand(T, REFERRED.plusDays(100), "found work"))
                .expectEvents(new TrajectoryClosedEvent(T, C, REFERRED.plusDays(100), "found work",
                        Agency.MUNICIPALITY));
    }

    @Test
    void stepsBeforeAnyFundingApplicationNameNoFunder() {
        fixture.given(referred(BenefitType.DISABILITY))
                .when(new StartPlacementCommand(T, "p-1", "Kringloop Oost", "driver", false, new BigDecimal("12"),
                        new BigDecimal("0"), REFERRED.plusDays(10)))
                .expectEvents(new PlacementStartedEvent(T, C, "p-1", "Kringloop Oost", "driver", false,
                        new BigDecimal("12"), new BigDecimal("0"), REFERRED.plusDays(10), null));
        fixture.given(referred(BenefitType.NONE), new FundingApplicationRefusedEvent(T, C, REFERRED.plusDays(20),
                        "no funder"))
                .when(new CloseTrajectoryCommand(T, REFERRED.plusDays(30), null))
                .expectEvents(new TrajectoryClosedEvent(T, C, REFERRED.plusDays(30), null, null));
    }

    @Test
    void aClosedTrajectoryTakesNoMoreSteps() {
        fixture.given(referred(BenefitType.DISABILITY), new TrajectoryClosedEvent(T, C, REFERRED.plusDays(40), "x",
                        null))
                .when(new RecordEmployerContactCommand(T, REFERRED.plusDays(41), "Too late BV"))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
        fixture.given(referred(BenefitType.DISABILITY))
                .when(new CloseTrajectoryCommand(T, REFERRED.minusDays(1), "x"))
                .expectException(RuleViolationException.class);
    }
}
