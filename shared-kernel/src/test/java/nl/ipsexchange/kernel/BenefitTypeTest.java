package nl.ipsexchange.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenefitTypeTest {

    @ParameterizedTest(name = "a client with {0} is funded by {1}")
    @CsvSource({"SOCIAL_ASSISTANCE, MUNICIPALITY", "DISABILITY, BENEFITS"})
    void theBenefitDecidesTheFunder(BenefitType benefit, Agency funder) {
        assertThat(benefit.funder()).contains(funder);
    }

    @ParameterizedTest(name = "a client with {0} has no funder under the covenant")
    @CsvSource("NONE")
    void withoutEitherBenefitThereIsNoFunder(BenefitType benefit) {
        assertThat(benefit.funder()).isEmpty();
    }
}
