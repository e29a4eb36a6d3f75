package nl.ipsexchange.mha.web;

import static org.axonframework.common.ExceptionUtils.findException;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.platform.web.BadRequestException;
import nl.ipsexchange.platform.web.FieldProblem;
import nl.ipsexchange.platform.web.InputDates;

/**
 * One check of a page's form, in the order the API checks a request: the form's own reading of what was typed (a
 * date, a number, a choice), then the API's request record with its own constraints through the {@link Validator},
 * then, once the command is sent, the refusal of a rule (the aggregate's, or the API controller's check before it).
 * The rules keep their homes; the check only translates: the field's label instead of the API's name, "Enter the ..."
 * for a field left empty, codes in plain words, every problem at once, each linked to its input's id.
 */
final class FormCheck {

    /** A number as people type it into a form: digits, a decimal point, a minus; not 1e3, not 1,5. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?");
    /** A rule's words name their field first: "validUntil: must not be before validFrom". */
    private static final Pattern FIELD_FIRST = Pattern.compile("([A-Za-z]+): (.*)", Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile(
            " ?\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");

    private final FormFields fields;
    private final List<FieldProblem> problems = new ArrayList<>();
    private final Set<String> told = new HashSet<>();

    FormCheck(FormFields fields) {
        this.fields = fields;
    }

    /** A refused command: the status the page answers with (400, 409, 422) and the problem in the form's words. */
    record Refusal(HttpStatus status, FieldProblem problem) {
    }

    /** The date typed, null when empty (the request's constraint then says it is required). */
    LocalDate date(String name, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return InputDates.parse(text.strip());
        } catch (DateTimeException notADate) {
            add(name, label(name) + " must be a real date, from " + InputDates.EARLIEST + " to "
                    + InputDates.LATEST);
            return null;
        }
    }

    /** The number typed, null when empty; the request's constraints say how large and how precise it may be. */
    BigDecimal number(String name, String text) {
        if (blank(text)) {
            return null;
        }
        if (!NUMBER.matcher(text.strip()).matches()) {
            add(name, label(name) + " must be a number, with a point before any decimals");
            return null;
        }
        return new BigDecimal(text.strip());
    }

    /** The option chosen, null when none; a value the page does not offer is named, not repeated. */
    <E extends Enum<E>> E choice(String name, String text, Class<E> type) {
        if (blank(text)) {
            return null;
        }
        Optional<E> chosen = constant(type, text.strip());
        if (chosen.isEmpty()) {
            add(name, label(name) + " must be one of the choices given");
        }
        return chosen.orElse(null);
    }

    /** The boxes ticked, null when none (as a field left out of the API's request). */
    <E extends Enum<E>> Set<E> choices(String name, Collection<String> texts, Class<E> type) {
        if (texts == null || texts.stream().allMatch(FormCheck::blank)) {
            return null;
        }
        Set<E> chosen = EnumSet.noneOf(type);
        for (String text : texts) {
            Optional<E> one = blank(text) ? Optional.empty() : constant(type, text.strip());
            if (one.isEmpty()) {
                add(name, label(name) + " must be among the choices given");
                return null;
            }
            chosen.add(one.get());
        }
        return chosen;
    }

    /** A box ticked: a checkbox sends its value when ticked and nothing when not. */
    static boolean ticked(String value) {
        return "true".equals(value);
    }

    /** Text as typed; a field left empty is missing, as a field left out is in the API. */
    static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * The API's request checked by its own constraints; every field broken is named, once (a date that is not one
     * is not also "required"). The request when nothing is wrong so far, otherwise null.
     */
    <T> T request(Validator validator, T request) {
        // one problem a field, the same each time: of two constraints broken (0.001 hours: too few, too precise),
        // the first by name
        List<ConstraintViolation<T>> violations = new ArrayList<>(validator.validate(request));
        violations.sort(Comparator.comparing((ConstraintViolation<T> violation) -> name(violation))
                .thenComparing(violation -> violation.getConstraintDescriptor().getAnnotation().annotationType()
                        .getSimpleName()));
        for (ConstraintViolation<T> violation : violations) {
            String name = name(violation);
            if (!told.contains(name)) {
                add(name, words(name, violation));
            }
        }
        return problems.isEmpty() ? request : null;
    }

    /** The request's field a violation is about ({@code recipients}, also for one of its elements). */
    private static String name(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().iterator().next().getName();
    }

    boolean passed() {
        return problems.isEmpty();
    }

    /** What is wrong, in the order of the form's fields. */
    List<FieldProblem> problems() {
        List<FieldProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(problem -> fields.position(problem.field())));
        return List.copyOf(sorted);
    }

    /**
     * A command refused by a rule, or by the API's check before it: its words with the form's labels, named at the
     * field the rule names (else at the form), with the status of its kind. {@code onConflict} replaces the words of a
     * conflict with what the command found (they name ids); null keeps them. Anything else is thrown on: a rule
     * that finds nothing at the address is the page's 404, a failure is not the user's to correct.
     */
    Refusal refused(RuntimeException failed, FieldProblem onConflict) {
        Optional<RuleViolationException> rule = findException(failed, RuleViolationException.class);
        if (rule.isPresent() && rule.get().kind() != RuleViolationException.Kind.NOT_FOUND) {
            RuleViolationException.Kind kind = rule.get().kind();
            if (kind == RuleViolationException.Kind.CONFLICT) {
                return new Refusal(HttpStatus.CONFLICT,
                        onConflict != null ? onConflict : rule(rule.get().getMessage()));
            }
            return new Refusal(kind == RuleViolationException.Kind.REFUSED ? HttpStatus.UNPROCESSABLE_ENTITY
                    : HttpStatus.BAD_REQUEST, rule(rule.get().getMessage()));
        }
        Optional<BadRequestException> bad = findException(failed, BadRequestException.class);
        if (bad.isPresent()) {
            return new Refusal(HttpStatus.BAD_REQUEST, rule(bad.get().getMessage()));
        }
        throw failed;
    }

    /** "validUntil: must not be before validFrom" as "Valid until must not be before valid from", at valid until. */
    FieldProblem rule(String message) {
        Matcher named = FIELD_FIRST.matcher(message);
        if (named.matches() && fields.field(named.group(1)).isPresent()) {
            String name = named.group(1);
            String rest = plain(named.group(2));
            boolean predicate = rest.startsWith("must ") || rest.startsWith("is ");
            return new FieldProblem(fields.id(name), label(name) + (predicate ? " " : ": ") + rest);
        }
        return new FieldProblem(fields.anchor(), Words.capitalised(plain(message)));
    }

    /** The API's field names as the form's labels say them, its codes in words, no ids. */
    private String plain(String text) {
        String words = ID.matcher(text).replaceAll("");
        for (FormFields.Field field : fields.fields()) {
            // only a name no sentence has (hoursPerWeek, not date or reason)
            if (!field.name().equals(field.name().toLowerCase(Locale.ROOT))) {
                words = words.replace(field.name(), FormFields.lowerFirst(field.label()));
            }
        }
        return Words.plain(words);
    }

    private String words(String name, ConstraintViolation<?> violation) {
        Class<?> rule = violation.getConstraintDescriptor().getAnnotation().annotationType();
        Optional<FormFields.Field> field = fields.field(name);
        if (field.isPresent() && (rule == NotBlank.class || rule == NotNull.class || rule == NotEmpty.class)) {
            return field.get().missing();
        }
        return label(name) + " " + violation.getMessage();
    }

    private void add(String name, String message) {
        told.add(name);
        problems.add(new FieldProblem(fields.field(name).isPresent() ? fields.id(name) : fields.anchor(), message));
    }

    private String label(String name) {
        return fields.field(name).map(FormFields.Field::label).orElse(name);
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String name) {
        return EnumSet.allOf(type).stream().filter(constant -> constant.name().equals(name)).findFirst();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
