package nl.ipsexchange.mha.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.platform.web.BadRequestException;
import nl.ipsexchange.platform.web.FieldProblem;

/** A rule's refusal in a form's words: the field's label, its status, codes and ids left out. */
class FormCheckTest {

    private static final FormFields CONSENT = FormFields.of("give")
            .choice("recipients", "Share with", "Choose at least one agency")
            .text("validFrom", "Valid from")
            .text("validUntil", "Valid until");

    @Test
    void aRuleThatNamesAFieldIsSaidWithTheFieldsLabelAtItsInput() {
        FormCheck.Refusal refusal = CONSENT.check().refused(
                new BadRequestException("validUntil: must not be before validFrom"), null);

        assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal.problem()).isEqualTo(new FieldProblem("give-validUntil",
                "Valid until must not be before valid from"));
    }

    @Test
    void aRefusalWithoutAFieldIsSaidAtTheFormWithItsCodesInWords() {
        FormCheck.Refusal refusal = FormFields.of("apply").check().refused(new CommandExecutionException("refused",
                RuleViolationException.refused("the client has not consented to share BENEFITS with BENEFITS for "
                        + "FUNDING_DECISION: give that consent first")), null);

        assertThat(refusal.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refusal.problem()).isEqualTo(new FieldProblem("apply", "The client has not consented to share "
                + "benefit with the benefits agency for funding decision: give that consent first"));
    }

    @Test
    void aConflictNamesNoIdAndMayBeSaidInThePagesOwnWords() {
        String id = UUID.randomUUID().toString();
        RuleViolationException conflict = RuleViolationException.conflict("consent " + id + " has already ended");

        assertThat(CONSENT.check().refused(conflict, null).problem())
                .isEqualTo(new FieldProblem("give-recipients", "Consent has already ended"));
        FieldProblem own = new FieldProblem("consents", "This consent has already ended");
        FormCheck.Refusal refusal = CONSENT.check().refused(conflict, own);
        assertThat(refusal.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refusal.problem()).isEqualTo(own);
    }

    @Test
    void theServicesOwnWordsWithCodesAreShownInWordsAndAnAgencyIsAnAgencyAfterItsPreposition() {
        String note = "the client's consent does not cover [HEALTH_SUMMARY, DIAGNOSIS] for BENEFITS and "
                + "FUNDING_DECISION";

        assertThat(Words.plain(note)).isEqualTo("the client's consent does not cover health summary, diagnosis for "
                + "the benefits agency and funding decision");
        assertThat(Words.plain("IPS team Utrecht: FAIR or better")).isEqualTo("IPS team Utrecht: FAIR or better");
    }

    @Test
    void aFailureThatIsNoRuleIsNotTheUsersToCorrectAndIsThrownOn() {
        IllegalStateException failure = new IllegalStateException("database down");

        assertThatThrownBy(() -> CONSENT.check().refused(failure, null)).isSameAs(failure);
        RuleViolationException notFound = new RuleViolationException(RuleViolationException.Kind.NOT_FOUND, "none");
        assertThatThrownBy(() -> CONSENT.check().refused(notFound, null)).isSameAs(notFound);
    }
}
