package nl.ipsexchange.kernel.funding;

import static nl.ipsexchange.kernel.Agency.BENEFITS;
import static nl.ipsexchange.kernel.Agency.MUNICIPALITY;
import static nl.ipsexchange.kernel.funding.FundingRulesTest.DEFAULT;
import static nl.ipsexchange.kernel.funding.FundingRulesTest.bd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.ipsexchange.kernel.RuleViolationException;

/**
 * A covenant's versions (ADR 52): each in force from its first day until the next one's, chosen for an approval by
 * the day it is decided; before the first version no approval can be decided.
 */
class CovenantVersionsTest {

    private static final LocalDate NEXT_FROM = LocalDate.of(2027, 1, 1);

    /** The default covenant's first version and the next, loaded ahead: other amounts, coaching paid by both. */
    private static final FundingAgreement.Version NEXT = new FundingAgreement.Version("2027.1", NEXT_FROM,
            new FundingAgreement.Municipality(bd("950"), bd("950"), bd("950"), 18, bd("1900"), 9, bd("12"), 1,
                    bd("55.00")),
            DEFAULT.benefits());

    private static final FundingAgreement TWO_VERSIONS = withLater(List.of(NEXT));

    private static FundingAgreement withLater(List<FundingAgreement.Version> later) {
        return new FundingAgreement(DEFAULT.version(), DEFAULT.effectiveFrom(), DEFAULT.municipality(),
                DEFAULT.benefits(), later, DEFAULT.insurer(), DEFAULT.minimumWage());
    }

    /** The day before the next version's first day, and that day. */
    @ParameterizedTest(name = "decided on {0}: under {1}")
    @CsvSource({"2026-12-31, 2025.1, 900", "2027-01-01, 2027.1, 950"})
    void anApprovalIsUnderTheVersionInForceOnTheDayItIsDecided(LocalDate decidedOn, String version, String start) {
        FunderTerms terms = new FundingRules(TWO_VERSIONS).termsForAnApprovalOn(MUNICIPALITY, decidedOn);

        assertThat(terms.covenantVersion()).isEqualTo(version);
        assertThat(terms.start()).isEqualByComparingTo(start);
    }

    /** The day before the first version's first day, and that day. */
    @ParameterizedTest(name = "decided on {0}: in force {1}")
    @CsvSource({"2024-12-31, false", "2025-01-01, true"})
    void beforeTheFirstVersionNoApprovalCanBeDecidedAndTheRefusalNamesIt(LocalDate decidedOn, boolean inForce) {
        FundingRules rules = new FundingRules(TWO_VERSIONS);

        if (inForce) {
            assertThat(rules.termsForAnApprovalOn(BENEFITS, decidedOn).covenantVersion()).isEqualTo("2025.1");
        } else {
            assertThatThrownBy(() -> rules.termsForAnApprovalOn(BENEFITS, decidedOn))
                    .isInstanceOfSatisfying(RuleViolationException.class, refused ->
                            assertThat(refused.kind()).isEqualTo(RuleViolationException.Kind.CONFLICT))
                    .hasMessage("no covenant version is in force on 2024-12-31: the first, 2025.1, is in force "
                            + "from 2025-01-01");
        }
    }

    @Test
    void theVersionsAreListedInTheOrderTheyComeIntoForceAndFoundByName() {
        assertThat(TWO_VERSIONS.versions()).extracting(FundingAgreement.Version::version)
                .containsExactly("2025.1", "2027.1");
        assertThat(DEFAULT.versions()).extracting(FundingAgreement.Version::version).containsExactly("2025.1");
        assertThat(new FundingRules(TWO_VERSIONS).termsOf(MUNICIPALITY, "2027.1"))
                .hasValueSatisfying(terms -> assertThat(terms.paysJobCoaching()).isTrue());
        assertThat(new FundingRules(TWO_VERSIONS).termsOf(MUNICIPALITY, "2025.1"))
                .hasValueSatisfying(terms -> assertThat(terms.paysJobCoaching()).isFalse());
        assertThat(new FundingRules(TWO_VERSIONS).termsOf(MUNICIPALITY, "2030.1")).isEmpty();
    }

    @Test
    void anApprovalThatNamedNoVersionIsUnderTheOneInForceOnItsDayAndBeforeTheFirstUnderTheFirst() {
        assertThat(TWO_VERSIONS.versionOfAnApprovalOn(NEXT_FROM.minusDays(1)).version()).isEqualTo("2025.1");
        assertThat(TWO_VERSIONS.versionOfAnApprovalOn(NEXT_FROM).version()).isEqualTo("2027.1");
        assertThat(TWO_VERSIONS.versionOfAnApprovalOn(LocalDate.of(2024, 6, 1)).version()).isEqualTo("2025.1");
    }

    @Test
    void aLaterVersionMustComeIntoForceAfterTheOneBeforeItAndHaveANameOfItsOwn() {
        FundingAgreement.Version sameDay = new FundingAgreement.Version("2025.2", DEFAULT.effectiveFrom(),
                DEFAULT.municipality(), DEFAULT.benefits());
        FundingAgreement.Version sameName = new FundingAgreement.Version("2025.1", NEXT_FROM.plusYears(1),
                DEFAULT.municipality(), DEFAULT.benefits());

        assertThatThrownBy(() -> withLater(List.of(sameDay)))
                .hasMessage("ips.funding.agreement.later-versions[0].effective-from: 2025-01-01 must be after "
                        + "2025-01-01, the day the version before it is in force from");
        assertThatThrownBy(() -> withLater(List.of(NEXT, sameName)))
                .hasMessage("ips.funding.agreement.later-versions[1].version: 2025.1 is named twice");
    }

    @Test
    void aVersionWithoutAnAmountIsRefusedNamingIt() {
        assertThatThrownBy(() -> new FundingAgreement.Municipality(bd("950"), bd("950"), null, 18, bd("1900"), 9,
                bd("12"), 1, null)).hasMessage("municipality.final-payment: is required");
        assertThatThrownBy(() -> new FundingAgreement.Benefits(bd("2500"), bd("2500"), 0, bd("1210"), bd("12"),
                bd("35"), 2, null)).hasMessage("benefits.final-after-months: must be more than zero");
    }
}
