package nl.ipsexchange.platform.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

/**
 * What is wrong with a request's input, as the problem that names the field: a body that cannot be read, a value
 * of the wrong type, a constraint broken. Never echoes the rejected value (it may be health data or an injection
 * attempt) nor a field name that is not a plain name.
 */
final class InputProblems {

    /** Jackson's words for a name given twice in one object ({@code JsonParser.Feature.STRICT_DUPLICATE_DETECTION}). */
    private static final Pattern DUPLICATE_FIELD =
            Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    /** Shown instead of a field name that is not a plain name: it may be an injection attempt. */
    private static final String HIDDEN = "(name not shown)";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private static final Map<Class<?>, String> EXPECTATIONS = Map.ofEntries(
            Map.entry(LocalDate.class, InputDates.EXPECTED),
            Map.entry(Instant.class, "must be a timestamp as yyyy-MM-ddTHH:mm:ssZ"),
            Map.entry(UUID.class, "must be a UUID"),
            Map.entry(String.class, "must be a string"),
            Map.entry(Integer.class, "must be a whole number"),
            Map.entry(int.class, "must be a whole number"),
            Map.entry(Long.class, "must be a whole number"),
            Map.entry(long.class, "must be a whole number"),
            Map.entry(Boolean.class, "must be true or false"),
            Map.entry(boolean.class, "must be true or false"),
            Map.entry(BigDecimal.class, "must be a number"));

    private static final String WRONG_TYPE = "has the wrong type";

    private InputProblems() {
    }

    /** A body whose fields break their constraints ({@code @Valid}): 400 naming each, in order of name. */
    static ResponseEntity<Object> notValid(MethodArgumentNotValidException ex) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        problems.sort((a, b) -> a.field().compareTo(b.field()));
        return Problems.invalid(problems);
    }

    /** Parameters that break their constraints, checked by Spring MVC's method validation: 400 naming each. */
    static ResponseEntity<Object> notValid(HandlerMethodValidationException ex) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                problems.add(new FieldProblem(result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage()))));
        return Problems.invalid(problems);
    }

    /** A parameter constraint checked by method validation ({@code @Validated} controllers): 400 naming it. */
    static ResponseEntity<Object> notValid(ConstraintViolationException ex) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
            String name = "request";
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getName() != null) {
                    name = node.getName();
                }
            }
            problems.add(new FieldProblem(name, violation.getMessage()));
        }
        problems.sort((a, b) -> a.field().compareTo(b.field()));
        return Problems.invalid(problems);
    }

    /** A path or query parameter that is not of its type: 400 naming it and what it must be. */
    static ResponseEntity<Object> wrongType(MethodArgumentTypeMismatchException ex) {
        return Problems.invalid(new FieldProblem(ex.getName(), expectation(ex.getRequiredType())));
    }

    /** A body that cannot be read: too large, not JSON, or a field that is unknown, given twice or of a wrong type. */
    static ResponseEntity<Object> unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        RequestBodyLimitFilter.TooLarge tooLarge = cause(ex, RequestBodyLimitFilter.TooLarge.class);
        if (tooLarge != null) {
            return Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large", tooLarge.detail(),
                    List.of());
        }
        // a syntax error inside a field arrives wrapped in a mapping exception with that field's path
        JsonParseException parse = cause(ex, JsonParseException.class);
        Matcher duplicate = parse == null ? null
                : DUPLICATE_FIELD.matcher(String.valueOf(parse.getOriginalMessage()));
        if (duplicate != null && duplicate.matches()) {
            // which of two values was meant is not for the service to guess
            return Problems.invalid(PLAIN_NAME.matcher(duplicate.group(1)).matches()
                    ? new FieldProblem(duplicate.group(1), "is given more than once")
                    : new FieldProblem("body", "has a field that is given more than once (its name is not repeated)"));
        }
        if (parse != null) {
            return malformed();
        }
        if (cause(ex, StreamConstraintsException.class) != null) {
            return Problems.invalid(new FieldProblem("body", "is too deeply nested, or has a string, number or name "
                    + "that is too long"));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return Problems.invalid(field.equals("body") || field.contains(HIDDEN)
                    ? new FieldProblem("body", "has a field that is not known (its name is not repeated)")
                    : new FieldProblem(field, "is not a known field"));
        }
        NulCharacters.InBody nul = cause(ex, NulCharacters.InBody.class);
        if (nul != null) {
            return Problems.invalid(new FieldProblem(path(nul), NulCharacters.MESSAGE));
        }
        if (cause instanceof InvalidFormatException format) {
            return Problems.invalid(new FieldProblem(path(format), expectation(format.getTargetType())));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String expected = expectation(mapping instanceof MismatchedInputException mismatch
                    ? mismatch.getTargetType() : null);
            return Problems.invalid(new FieldProblem(path(mapping),
                    expected.equals(WRONG_TYPE) ? "has the wrong type or shape" : expected));
        }
        if (cause instanceof MismatchedInputException) {
            // an array, a string or a number instead of an object, or more after the object
            return Problems.invalid(new FieldProblem("body", "must be one JSON object"));
        }
        if (cause instanceof JsonProcessingException) {
            return malformed();
        }
        return Problems.problem(HttpStatus.BAD_REQUEST, "Unreadable request",
                "The request body is missing or cannot be read.", List.of());
    }

    /** A body of a type that is not accepted: 415 naming what is, not the Content-Type that was sent. */
    static ResponseEntity<Object> unsupported(HttpMediaTypeNotSupportedException ex, HttpHeaders headers) {
        String accepted = ex.getSupportedMediaTypes().stream()
                .filter(type -> !type.isWildcardType() && !type.isWildcardSubtype())
                .map(type -> type.getType() + "/" + type.getSubtype()).distinct()
                .collect(Collectors.joining(" or "));
        return Problems.withHeaders(Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "Content-Type: must be " + (accepted.isEmpty() ? "application/json" : accepted), List.of()), headers);
    }

    private static ResponseEntity<Object> malformed() {
        return Problems.problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "The request body is not well-formed JSON.",
                List.of());
    }

    private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String path(JsonMappingException ex) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : ex.getPath()) {
            if (reference.getFieldName() != null) {
                String name = PLAIN_NAME.matcher(reference.getFieldName()).matches() ? reference.getFieldName()
                        : HIDDEN;
                path.append(path.isEmpty() ? "" : ".").append(name);
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expectation(Class<?> type) {
        if (type == null) {
            return WRONG_TYPE;
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return EXPECTATIONS.getOrDefault(type, WRONG_TYPE);
    }
}
