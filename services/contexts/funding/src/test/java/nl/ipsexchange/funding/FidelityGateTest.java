package nl.ipsexchange.funding;

import static nl.ipsexchange.funding.command.FundingFixtures.A;
import static nl.ipsexchange.funding.command.FundingFixtures.C;
import static nl.ipsexchange.funding.command.FundingFixtures.START;
import static nl.ipsexchange.funding.command.FundingFixtures.received;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.ipsexchange.funding.FidelityRegister.LatestReview;
import nl.ipsexchange.funding.command.FundingApplication;
import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.FidelityRefusal;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovalRefusedEvent;
import nl.ipsexchange.funding.command.FunderPolicy;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityCovenant;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;

/**
 * The fidelity gate per team (ADR 0045): the newest review of the trajectory's own team, no older than the
 * covenant's maximum age, independent unless the covenant accepts one that is not, FAIR or better. A verdict that
 * refuses names its code, and is recorded by the aggregate with its code and reason.
 */
class FidelityGateTest {

    private static final LocalDate TODAY = START;
    private static final String OWN_TEAM = "IPS team Zuid";
    private static final String OTHER_TEAM = "IPS team Utrecht";
    private static final FidelityCovenant STRICT = new FidelityCovenant(12, false);

    private final TeamsInMemory register = new TeamsInMemory();
    private AggregateTestFixture<FundingApplication> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FundingApplication.class);
        // a refusal consults no policy: any call to it fails the test
        fixture.registerInjectableResource(Proxy.newProxyInstance(FunderPolicy.class.getClassLoader(),
                new Class<?>[] {FunderPolicy.class}, (proxy, method, args) -> {
                    throw new AssertionError("the policy was consulted: " + method.getName());
                }));
    }

    @Test
    void anotherTeamsGoodReviewOpensNothing() {
        register.review(OTHER_TEAM, TODAY.minusMonths(1), FidelityBand.GOOD, true);
        register.apply(A, OWN_TEAM);

        FidelityGate.Verdict verdict = new FidelityGate(register, STRICT).verdict(A, TODAY);

        assertThat(verdict.band()).isNull();
        refusedWith(verdict, FundingDecisionReason.NO_FIDELITY_REVIEW,
                "no fidelity review of IPS team Zuid is known: funding needs FAIR or better");
    }

    @Test
    void theOwnTeamsReviewDecidesAlthoughAnotherTeamHasANewerGoodOne() {
        register.review(OWN_TEAM, TODAY.minusMonths(3), FidelityBand.NOT_IPS, true);
        register.review(OTHER_TEAM, TODAY.minusDays(1), FidelityBand.EXEMPLARY, true);
        register.apply(A, OWN_TEAM);

        refusedWith(new FidelityGate(register, STRICT).verdict(A, TODAY), FundingDecisionReason.FIDELITY_BELOW_FAIR,
                "the newest review of IPS team Zuid is NOT_IPS: funding needs FAIR or better");
    }

    @Test
    void anApplicationThatNamesNoTeamOpensNothing() {
        register.review(OWN_TEAM, TODAY.minusMonths(1), FidelityBand.GOOD, true);

        refusedWith(new FidelityGate(register, STRICT).verdict(A, TODAY), FundingDecisionReason.NO_TEAM_NAMED,
                "the application names no IPS team (it was sent before applications named one): no team's fidelity "
                        + "review can open funding");
    }

    @ParameterizedTest(name = "a review of {0} with the maximum age of 12 months opens funding: {1}")
    @CsvSource({"2025-01-15, true", "2025-01-14, false"})
    void aReviewExactlyAtTheMaximumAgeOpensFundingAndOneDayOlderDoesNot(LocalDate reviewDate, boolean opens) {
        register.review(OWN_TEAM, reviewDate, FidelityBand.GOOD, true);
        register.apply(A, OWN_TEAM);

        FidelityGate.Verdict verdict = new FidelityGate(register, STRICT).verdict(A, TODAY);

        assertThat(verdict.refusal() == null).isEqualTo(opens);
        if (!opens) {
            refusedWith(verdict, FundingDecisionReason.FIDELITY_REVIEW_TOO_OLD,
                    "the newest review of IPS team Zuid is from 2025-01-14, older than 12 months: "
                    + "funding needs a newer review");
        }
    }

    @ParameterizedTest(name = "the covenant accepts a review that is not independent: {0}")
    @CsvSource({"true", "false"})
    void aReviewThatIsNotIndependentFollowsTheCovenantsSetting(boolean accepted) {
        register.review(OWN_TEAM, TODAY.minusMonths(2), FidelityBand.FAIR, false);
        register.apply(A, OWN_TEAM);

        FidelityGate.Verdict verdict = new FidelityGate(register, new FidelityCovenant(12, accepted)).verdict(A, TODAY);

        assertThat(verdict.band()).isEqualTo(FidelityBand.FAIR);
        assertThat(verdict.refusal() == null).isEqualTo(accepted);
        if (!accepted) {
            refusedWith(verdict, FundingDecisionReason.FIDELITY_REVIEW_NOT_INDEPENDENT, "the newest review of IPS "
                    + "team Zuid (2025-11-15) is not independent of the provider and the trainer: the covenant does "
                    + "not accept it");
        }
    }

    @ParameterizedTest(name = "a maximum age of {0} months: a review of {1} opens funding: {2}")
    @CsvSource({"6, 2025-07-15, true", "6, 2025-07-14, false", "24, 2024-01-15, true", "24, 2024-01-14, false"})
    void theMaximumAgeIsTheCovenants(int months, LocalDate reviewDate, boolean opens) {
        register.review(OWN_TEAM, reviewDate, FidelityBand.GOOD, true);
        register.apply(A, OWN_TEAM);

        assertThat(new FidelityGate(register, new FidelityCovenant(months, false)).verdict(A, TODAY).refusal() == null)
                .isEqualTo(opens);
    }

    /** The aggregate records the gate's refusal, word for word and with its code, and answers it. */
    private void refusedWith(FidelityGate.Verdict verdict, FundingDecisionReason code, String reason) {
        assertThat(verdict.refusal()).isEqualTo(new FidelityRefusal(code, reason));
        fixture.given(received(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(A, START, TODAY, verdict.refusal()))
                .expectEvents(new FundingApprovalRefusedEvent(A, C, reason, code))
                .expectResultMessagePayload(Optional.of(reason));
    }

    /** The register's reads, in memory: the newest review of each team and the team of each application. */
    private static final class TeamsInMemory extends FidelityRegister {

        private final Map<String, LatestReview> newest = new HashMap<>();
        private final Map<String, String> teams = new HashMap<>();

        TeamsInMemory() {
            super(null);
        }

        void review(String team, LocalDate date, FidelityBand band, boolean independent) {
            newest.merge(team, new LatestReview("r-" + newest.size(), team, date, 100, band, independent),
                    (a, b) -> b.reviewDate().isAfter(a.reviewDate()) ? b : a);
        }

        void apply(String applicationId, String team) {
            teams.put(applicationId, team);
        }

        @Override
        public Optional<LatestReview> latest(String team) {
            return Optional.ofNullable(newest.get(team));
        }

        @Override
        public Optional<String> teamOf(String applicationId) {
            return Optional.ofNullable(teams.get(applicationId));
        }
    }
}
