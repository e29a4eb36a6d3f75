package nl.ipsexchange.mha.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.platform.web.FieldProblem;
import nl.ipsexchange.platform.web.InputDates;

/**
 * The registration page's form as typed, kept to be shown again with its problems. It becomes the API's own
 * {@link RegisterClientRequest} and is checked by that request's constraints: one set of rules for the page and the
 * API. Only the words differ: the page names each field as its label does.
 */
public record RegistrationForm(String name, String bsn, String dateOfBirth, String benefit, String municipality) {

    /** The form's fields in the order they are shown, with their labels. */
    static final Map<String, String> LABELS = Map.of(
            "name", "Name",
            "bsn", "Citizen service number (BSN)",
            "dateOfBirth", "Date of birth",
            "benefit", "Benefit",
            "municipality", "Municipality");
    private static final List<String> ORDER = List.of("name", "bsn", "dateOfBirth", "benefit", "municipality");

    public static RegistrationForm empty() {
        return new RegistrationForm("", "", "", "", "");
    }

    /** The request, or the problems that stop it: the form's own (not a date, not a benefit) and the API's. */
    public Checked check(Validator validator) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate birth = null;
        if (!blank(dateOfBirth)) {
            try {
                birth = InputDates.parse(dateOfBirth.trim());
            } catch (DateTimeException notADate) {
                problems.add(new FieldProblem("dateOfBirth", "Date of birth must be a real date, from "
                        + InputDates.EARLIEST + " to " + InputDates.LATEST));
            }
        }
        BenefitType benefitType = null;
        if (!blank(benefit)) {
            try {
                benefitType = BenefitType.valueOf(benefit);
            } catch (IllegalArgumentException notABenefit) {
                problems.add(new FieldProblem("benefit", "Benefit must be one of the choices given"));
            }
        }
        RegisterClientRequest request = new RegisterClientRequest(emptyAsNull(name), emptyAsNull(bsn), birth,
                benefitType, emptyAsNull(municipality));
        for (ConstraintViolation<RegisterClientRequest> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().toString();
            boolean alreadyTold = problems.stream().anyMatch(problem -> problem.field().equals(field));
            if (!alreadyTold) {
                problems.add(new FieldProblem(field, words(field, violation)));
            }
        }
        problems.sort(Comparator.comparingInt(problem -> ORDER.indexOf(problem.field())));
        return new Checked(problems.isEmpty() ? request : null, List.copyOf(problems));
    }

    /** A checked form: the request when nothing is wrong, otherwise what is, in the order of the fields. */
    public record Checked(RegisterClientRequest request, List<FieldProblem> problems) {
    }

    /** The API's words for a broken rule, with the field's label; "Enter ..." for a missing one. */
    private static String words(String field, ConstraintViolation<?> violation) {
        String label = LABELS.getOrDefault(field, field);
        Class<?> rule = violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (rule == NotBlank.class || rule == NotNull.class) {
            return field.equals("benefit") ? "Choose the client's benefit" : "Enter the " + label.substring(0, 1)
                    .toLowerCase(Locale.ROOT) + label.substring(1);
        }
        return label + " " + violation.getMessage();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** A field left empty is missing, as an absent field is in the API; anything else is taken as typed. */
    private static String emptyAsNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
