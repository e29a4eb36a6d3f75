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

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

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

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.platform.audit.AccessNotRecordedException;

/**
 * Every error as an RFC 9457 problem document whose {@code detail} names what is wrong. Never echoes the
 * rejected value (it may be health data or an injection attempt), a field name that is not a plain name, or the
 * request's URI, and never shows a stack trace; an unexpected error is a 500 with a reference that operators find
 * in the log.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler implements ResponseBodyAdvice<Object> {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** One field that is wrong, and why. */
    public record FieldProblem(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        problems.sort((a, b) -> a.field().compareTo(b.field()));
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", describe(problems), problems);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                problems.add(new FieldProblem(result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage()))));
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", describe(problems), problems);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = ex.getCause();
        RequestBodyLimitFilter.TooLarge tooLarge = cause(ex, RequestBodyLimitFilter.TooLarge.class);
        if (tooLarge != null) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large", tooLarge.detail(), List.of());
        }
        // a syntax error inside a field arrives wrapped in a mapping exception with that field's path
        JsonParseException parse = cause(ex, JsonParseException.class);
        Matcher duplicate = parse == null ? null
                : DUPLICATE_FIELD.matcher(String.valueOf(parse.getOriginalMessage()));
        if (duplicate != null && duplicate.matches()) {
            // which of two values was meant is not for the service to guess
            return invalid(PLAIN_NAME.matcher(duplicate.group(1)).matches()
                    ? new FieldProblem(duplicate.group(1), "is given more than once")
                    : new FieldProblem("body", "has a field that is given more than once (its name is not repeated)"));
        }
        if (parse != null) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "The request body is not well-formed JSON.",
                    List.of());
        }
        if (causedBy(ex, StreamConstraintsException.class)) {
            return invalid(new FieldProblem("body", "is too deeply nested, or has a string, number or name that "
                    + "is too long"));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return invalid(field.equals("body") || field.contains(HIDDEN)
                    ? new FieldProblem("body", "has a field that is not known (its name is not repeated)")
                    : new FieldProblem(field, "is not a known field"));
        }
        NulCharacters.InBody nul = cause(ex, NulCharacters.InBody.class);
        if (nul != null) {
            return invalid(new FieldProblem(path(nul), NulCharacters.MESSAGE));
        }
        if (cause instanceof InvalidFormatException format) {
            return invalid(new FieldProblem(path(format), expectation(format.getTargetType())));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String expected = expectation(mapping instanceof MismatchedInputException mismatch
                    ? mismatch.getTargetType() : null);
            return invalid(new FieldProblem(path(mapping),
                    expected.equals(WRONG_TYPE) ? "has the wrong type or shape" : expected));
        }
        if (cause instanceof MismatchedInputException) {
            // an array, a string or a number instead of an object, or more after the object
            return invalid(new FieldProblem("body", "must be one JSON object"));
        }
        if (cause instanceof JsonProcessingException) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "The request body is not well-formed JSON.",
                    List.of());
        }
        return problem(HttpStatus.BAD_REQUEST, "Unreadable request",
                "The request body is missing or cannot be read.", List.of());
    }

    /** No such path: Spring's own detail repeats the path, which may carry an injection attempt. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "No such resource.", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "No such resource.", List.of());
    }

    /** A parameter constraint checked by method validation ({@code @Validated} controllers): 400 naming it. */
    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<Object> constraintViolated(ConstraintViolationException ex) {
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
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", describe(problems), problems);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        FieldProblem problem = new FieldProblem(ex.getName(), expectation(ex.getRequiredType()));
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", describe(List.of(problem)), List.of(problem));
    }

    @ExceptionHandler(BadRequestException.class)
    public ResponseEntity<Object> badRequest(BadRequestException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage(), List.of());
    }

    @ExceptionHandler(InvalidFieldsException.class)
    public ResponseEntity<Object> invalidFields(InvalidFieldsException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage(), ex.problems());
    }

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<Object> notFound(NotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), List.of());
    }

    @ExceptionHandler(ForbiddenException.class)
    public ResponseEntity<Object> forbidden(ForbiddenException ex) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", ex.getMessage(), List.of());
    }

    @ExceptionHandler(ConflictException.class)
    public ResponseEntity<Object> conflict(ConflictException ex) {
        return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), List.of());
    }

    /**
     * An access whose record could not be written is not served: 503, try later. The detail names no client and
     * no data, and the cause (which may quote the record) is logged by type only.
     */
    @ExceptionHandler(AccessNotRecordedException.class)
    public ResponseEntity<Object> accessNotRecorded(AccessNotRecordedException ex) {
        Throwable cause = ex.getCause() == null ? ex : ex.getCause();
        log.error("an access could not be recorded and was not served: {}", cause.getClass().getName());
        ResponseEntity<Object> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Access not recorded",
                "The access could not be recorded, so it is not served. Try again later.", List.of());
        return ResponseEntity.status(problem.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "30")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
    }

    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<Object> commandFailed(CommandExecutionException ex) throws Exception {
        Throwable cause = ex.getCause();
        if (cause instanceof Exception inner && !(cause instanceof CommandExecutionException)) {
            return handleUnexpectedOrKnown(inner);
        }
        return unexpected(ex);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> other(Exception ex) throws Exception {
        return handleUnexpectedOrKnown(ex);
    }

    @ExceptionHandler(RuleViolationException.class)
    public ResponseEntity<Object> ruleViolated(RuleViolationException ex) {
        return switch (ex.kind()) {
            case INVALID -> problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage(), List.of());
            case REFUSED -> problem(HttpStatus.UNPROCESSABLE_ENTITY, "Refused", ex.getMessage(), List.of());
            case CONFLICT -> problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), List.of());
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), List.of());
        };
    }

    private ResponseEntity<Object> handleUnexpectedOrKnown(Exception ex) throws Exception {
        if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
            throw ex; // Spring Security answers these: 401 or 403
        }
        for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof AccessNotRecordedException notRecorded) {
                return accessNotRecorded(notRecorded);
            }
            if (cause instanceof RuleViolationException violation) {
                return ruleViolated(violation);
            }
            if (cause instanceof AggregateNotFoundException) {
                return problem(HttpStatus.NOT_FOUND, "Not found", "No such resource.", List.of());
            }
            if (cause instanceof DuplicateKeyException) {
                return problem(HttpStatus.CONFLICT, "Conflict", "This already exists.", List.of());
            }
        }
        if (ex instanceof BadRequestException bad) {
            return badRequest(bad);
        }
        if (ex instanceof NotFoundException missing) {
            return notFound(missing);
        }
        if (ex instanceof ConflictException conflict) {
            return conflict(conflict);
        }
        if (ex instanceof ForbiddenException forbidden) {
            return forbidden(forbidden);
        }
        return unexpected(ex);
    }

    private ResponseEntity<Object> unexpected(Exception ex) {
        String reference = UUID.randomUUID().toString();
        // no message (it may quote data) and no stack trace: the type and where it was thrown are enough to start
        StackTraceElement origin = Arrays.stream(ex.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("nl.ipsexchange"))
                .findFirst()
                .orElse(ex.getStackTrace().length > 0 ? ex.getStackTrace()[0] : null);
        log.error("unexpected {} at {} (reference {})", ex.getClass().getName(), origin, reference);
        ResponseEntity<Object> response = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be completed. Reference: " + reference, List.of());
        return response;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        // Spring's own detail repeats the Content-Type that was sent: name what is accepted instead
        String accepted = ex.getSupportedMediaTypes().stream()
                .filter(type -> !type.isWildcardType() && !type.isWildcardSubtype())
                .map(type -> type.getType() + "/" + type.getSubtype()).distinct()
                .collect(Collectors.joining(" or "));
        ResponseEntity<Object> problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "Content-Type: must be " + (accepted.isEmpty() ? "application/json" : accepted), List.of());
        return ResponseEntity.status(problem.getStatusCode()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
    }

    /** Invalid input of one field: 400 naming it. */
    private static ResponseEntity<Object> invalid(FieldProblem problem) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", describe(List.of(problem)), List.of(problem));
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        return cause(ex, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** No problem document repeats the request's URI as its instance: the URI may carry an injection attempt. */
    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                                  Class<? extends HttpMessageConverter<?>> selectedConverterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            problem.setInstance(null);   // Spring sets it to the request's URI just before this
        }
        return body;
    }

    /**
     * At most this many wrong fields are named, in the detail and in {@code errors}; the rest are counted. A body
     * with 50,000 unknown or wrong fields was answered with a 4.8 MB problem document.
     */
    static final int MAX_NAMED = 10;

    static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors.size() > MAX_NAMED ? List.copyOf(errors.subList(0, MAX_NAMED))
                    : errors);
            if (errors.size() > MAX_NAMED) {
                problem.setProperty("moreErrors", errors.size() - MAX_NAMED);
            }
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String describe(List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            return "The request is invalid.";
        }
        String named = problems.stream().limit(MAX_NAMED).map(p -> p.field() + ": " + p.message())
                .collect(Collectors.joining("; "));
        return problems.size() > MAX_NAMED ? named + "; and " + (problems.size() - MAX_NAMED) + " more" : named;
    }

    /** Jackson's words for a name given twice in one object ({@code JsonParser.Feature.STRICT_DUPLICATE_DETECTION}). */
    private static final Pattern DUPLICATE_FIELD =
            Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    /** Shown instead of a field name that is not a plain name: it may be an injection attempt. */
    private static final String HIDDEN = "(name not shown)";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

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
