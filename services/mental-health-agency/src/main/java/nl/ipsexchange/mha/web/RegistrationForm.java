package nl.ipsexchange.mha.web;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Validator;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.platform.web.FieldProblem;

/**
 * The registration page's form as typed, kept to be shown again with its problems. It becomes the API's own
 * {@link RegisterClientRequest} and is checked by that request's constraints: one set of rules for the page and the
 * API. Only the words differ: the page names each field as its label does.
 */
public record RegistrationForm(String name, String bsn, String dateOfBirth, String benefit, String municipality) {

    /** The form's fields in the order they are shown, with their labels. */
    static final FormFields FIELDS = FormFields.of("")
            .text("name", "Name")
            .text("bsn", "Citizen service number (BSN)")
            .text("dateOfBirth", "Date of birth")
            .choice("benefit", "Benefit", "Choose the client's benefit")
            .text("municipality", "Municipality");

    public static RegistrationForm empty() {
        return new RegistrationForm("", "", "", "", "");
    }

    /** The request, or the problems that stop it: the form's own (not a date, not a benefit) and the API's. */
    public Checked check(Validator validator) {
        FormCheck check = FIELDS.check();
        LocalDate birth = check.date("dateOfBirth", dateOfBirth);
        BenefitType benefitType = check.choice("benefit", benefit, BenefitType.class);
        RegisterClientRequest request = check.request(validator, new RegisterClientRequest(FormCheck.text(name),
                FormCheck.text(bsn), birth, benefitType, FormCheck.text(municipality)));
        return new Checked(request, check.problems());
    }

    /** A checked form: the request when nothing is wrong, otherwise what is, in the order of the fields. */
    public record Checked(RegisterClientRequest request, List<FieldProblem> problems) {
    }
}
