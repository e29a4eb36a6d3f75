package nl.ipsexchange.platform.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The API's problem documents (RFC 9457): a status, a title per kind of error, a {@code detail} that names what is
 * wrong, and for invalid input the wrong fields in {@code errors}, at most {@link #MAX_NAMED} of them.
 */
final class Problems {

    /**
     * At most this many wrong fields are named, in the detail and in {@code errors}; the rest are counted. A body
     * with 50,000 unknown or wrong fields was answered with a 4.8 MB problem document.
     */
    static final int MAX_NAMED = 10;

    /** A rule's message that names its field: {@code "field: what is wrong"}. */
    private static final Pattern NAMED_FIELD = Pattern.compile("([A-Za-z][A-Za-z0-9_.]*): (.+)", Pattern.DOTALL);

    private Problems() {
    }

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

    /** Invalid input: 400 naming every wrong field (up to {@link #MAX_NAMED}). */
    static ResponseEntity<Object> invalid(List<FieldProblem> problems) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", describe(problems), problems);
    }

    /** Invalid input of one field: 400 naming it. */
    static ResponseEntity<Object> invalid(FieldProblem problem) {
        return invalid(List.of(problem));
    }

    /**
     * A rule's refusal of invalid input: when its message names the field ({@code "field: what is wrong"}, the
     * aggregates' convention), 400 naming that field as a form's problems are named, so a page can link its error to
     * the field; otherwise 400 with the message as detail.
     */
    static ResponseEntity<Object> invalidRule(String message) {
        Matcher named = NAMED_FIELD.matcher(message == null ? "" : message);
        return named.matches() ? invalid(new FieldProblem(named.group(1), named.group(2)))
                : invalidRequest(message);
    }

    /** 400 with this detail and no field named. */
    static ResponseEntity<Object> invalidRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, List.of());
    }

    static ResponseEntity<Object> notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, "Not found", detail, List.of());
    }

    /** No such path or resource, without repeating the path: it may carry an injection attempt. */
    static ResponseEntity<Object> noSuchResource() {
        return notFound("No such resource.");
    }

    static ResponseEntity<Object> conflict(String detail) {
        return problem(HttpStatus.CONFLICT, "Conflict", detail, List.of());
    }

    /** The same problem with these headers, and as a problem document whatever the headers say. */
    static ResponseEntity<Object> withHeaders(ResponseEntity<Object> problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatusCode()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
    }

    private static String describe(List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            return "The request is invalid.";
        }
        String named = problems.stream().limit(MAX_NAMED).map(p -> p.field() + ": " + p.message())
                .collect(Collectors.joining("; "));
        return problems.size() > MAX_NAMED ? named + "; and " + (problems.size() - MAX_NAMED) + " more" : named;
    }
}
