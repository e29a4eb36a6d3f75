package nl.ipsexchange.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.platform.audit.AccessNotRecordedException;

/**
 * The problem for each exception the services throw on purpose (a refused rule, something not found, an access
 * that could not be recorded), also when a command or another exception wraps it; anything else is a 500 with a
 * reference that operators find in the log, which shows no message and no stack trace.
 */
final class ExceptionProblems {

    /** Logged under the advice's name, as before the advice was split. */
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private ExceptionProblems() {
    }

    static ResponseEntity<Object> of(BadRequestException ex) {
        return Problems.invalidRequest(ex.getMessage());
    }

    static ResponseEntity<Object> of(InvalidFieldsException ex) {
        return Problems.problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage(), ex.problems());
    }

    static ResponseEntity<Object> of(NotFoundException ex) {
        return Problems.notFound(ex.getMessage());
    }

    static ResponseEntity<Object> of(ForbiddenException ex) {
        return Problems.problem(HttpStatus.FORBIDDEN, "Forbidden", ex.getMessage(), List.of());
    }

    static ResponseEntity<Object> of(ConflictException ex) {
        return Problems.conflict(ex.getMessage());
    }

    static ResponseEntity<Object> of(RuleViolationException ex) {
        return switch (ex.kind()) {
            case INVALID -> Problems.invalidRule(ex.getMessage());
            case REFUSED -> Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Refused", ex.getMessage(), List.of());
            case CONFLICT -> Problems.conflict(ex.getMessage());
            case NOT_FOUND -> Problems.notFound(ex.getMessage());
        };
    }

    /**
     * An access whose record could not be written is not served: 503, try later. The detail names no client and
     * no data, and the cause (which may quote the record) is logged by type only.
     */
    static ResponseEntity<Object> of(AccessNotRecordedException ex) {
        Throwable cause = ex.getCause() == null ? ex : ex.getCause();
        log.error("an access could not be recorded and was not served: {}", cause.getClass().getName());
        HttpHeaders retry = new HttpHeaders();
        retry.set(HttpHeaders.RETRY_AFTER, "30");
        return Problems.withHeaders(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "Access not recorded",
                "The access could not be recorded, so it is not served. Try again later.", List.of()), retry);
    }

    /** A command that failed: answered as what failed it, when that is known. */
    static ResponseEntity<Object> of(CommandExecutionException ex) throws Exception {
        Throwable cause = ex.getCause();
        if (cause instanceof Exception inner && !(cause instanceof CommandExecutionException)) {
            return known(inner);
        }
        return unexpected(ex);
    }

    /**
     * Any other exception, answered as the first known one in its causes, else by its own kind, else a 500.
     * Spring Security's refusals are not answered here: they are rethrown, for it to answer 401 or 403.
     */
    static ResponseEntity<Object> known(Exception ex) throws Exception {
        if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
            throw ex;
        }
        for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof AccessNotRecordedException notRecorded) {
                return of(notRecorded);
            }
            if (cause instanceof RuleViolationException violation) {
                return of(violation);
            }
            if (cause instanceof AggregateNotFoundException) {
                return Problems.noSuchResource();
            }
            if (cause instanceof DuplicateKeyException || cause instanceof AggregateStreamCreationException) {
                return Problems.conflict("This already exists.");
            }
            if (cause instanceof ConcurrencyException) {
                // still racing another change of the same record after the gateway's retries
                return Problems.conflict("This was being changed by someone else at the same moment. Try again.");
            }
        }
        if (ex instanceof BadRequestException bad) {
            return of(bad);
        }
        if (ex instanceof NotFoundException missing) {
            return of(missing);
        }
        if (ex instanceof ConflictException conflict) {
            return of(conflict);
        }
        if (ex instanceof ForbiddenException forbidden) {
            return of(forbidden);
        }
        return unexpected(ex);
    }

    private static ResponseEntity<Object> unexpected(Exception ex) {
        String reference = UUID.randomUUID().toString();
        // no message (it may quote data) and no stack trace: the type and where it was thrown are enough to start
        StackTraceElement origin = Arrays.stream(ex.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("nl.ipsexchange"))
                .findFirst()
                .orElse(ex.getStackTrace().length > 0 ? ex.getStackTrace()[0] : null);
        log.error("unexpected {} at {} (reference {})", ex.getClass().getName(), origin, reference);
        return Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be completed. Reference: " + reference, List.of());
    }
}
