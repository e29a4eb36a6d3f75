package nl.ipsexchange.mha.command.fidelity;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityItem;
import nl.ipsexchange.kernel.fidelity.FidelityScores;
import nl.ipsexchange.mha.command.fidelity.FidelityReviewCommands.RecordFidelityReviewCommand;
import nl.ipsexchange.mha.command.fidelity.FidelityReviewEvents.FidelityReviewRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.IpsTeams;

class FidelityReviewTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
    /** The mental health agency's own organisation, as configured. */
    private static final String PROVIDER = "GGZ Utrecht";
    private static final IpsTeams TEAMS = new IpsTeams(new IpsTeams.Settings(PROVIDER, "Team Utrecht",
            List.of(new IpsTeams.Team("Team Utrecht", List.of("mha.specialist")),
                    new IpsTeams.Team("Team Zuid", List.of("s.bakker")))));

    private AggregateTestFixture<FidelityReview> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FidelityReview.class);
        fixture.registerInjectableResource(TEAMS);
    }

    private static Map<FidelityItem, Integer> all(int score) {
        Map<FidelityItem, Integer> items = new EnumMap<>(FidelityItem.class);
        for (FidelityItem item : FidelityItem.values()) {
            items.put(item, score);
        }
        return items;
    }

    @Test
    void aReviewByAnOutsideOrganisationIsIndependentWithItsTotalAndBand() {
        fixture.givenNoPriorActivity()
                .when(new RecordFidelityReviewCommand("r-1", "Team Utrecht", DAY, "J. Peters", "Kenniscentrum IPS",
                        "Trimbos", new FidelityScores(all(4)), DAY))
                .expectEvents(new FidelityReviewRecordedEvent("r-1", "Team Utrecht", DAY, "J. Peters",
                        "Kenniscentrum IPS", "Trimbos", all(4), 100, FidelityBand.GOOD, true, PROVIDER));
    }

    @Test
    void aReviewByTheOrganisationThatTrainedTheTeamIsFlaggedNotIndependent() {
        fixture.givenNoPriorActivity()
                .when(new RecordFidelityReviewCommand("r-2", "Team Utrecht", DAY, "A. de Wit", " trimbos ",
                        "Trimbos", new FidelityScores(all(3)), DAY))
                .expectEvents(new FidelityReviewRecordedEvent("r-2", "Team Utrecht", DAY, "A. de Wit", "trimbos",
                        "Trimbos", all(3), 75, FidelityBand.FAIR, false, PROVIDER));
    }

    /** Independent only of neither: the provider's own staff are not independent although they did not train it. */
    @ParameterizedTest(name = "a reviewer of \"{0}\" is independent: {1}")
    @CsvSource({"Kenniscentrum IPS, true", "GGZ Utrecht, false", " ggz-utrecht , false", "Trimbos, false"})
    void aReviewIsIndependentOnlyOfAnOrganisationThatIsNeitherTheProviderNorTheTrainer(String organisation,
                                                                                      boolean independent) {
        fixture.givenNoPriorActivity()
                .when(new RecordFidelityReviewCommand("r-4", "Team Utrecht", DAY, "J. Peters", organisation,
                        "Trimbos", new FidelityScores(all(4)), DAY))
                .expectEvents(new FidelityReviewRecordedEvent("r-4", "Team Utrecht", DAY, "J. Peters",
                        organisation.strip(), "Trimbos", all(4), 100, FidelityBand.GOOD, independent, PROVIDER));
    }

    @Test
    void aReviewDatedInTheFutureIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordFidelityReviewCommand("r-3", "Team Utrecht", DAY.plusDays(1), "J. Peters", "K",
                        "T", new FidelityScores(all(3)), DAY))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aReviewOfATeamTheAgencyDoesNotHaveIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordFidelityReviewCommand("r-5", "Team Noord", DAY, "J. Peters", "Kenniscentrum IPS",
                        "Trimbos", new FidelityScores(all(4)), DAY))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("team: Team Noord is not one of the agency's IPS teams [Team Utrecht, Team Zuid]")
                .expectNoEvents();
    }
}
