package nl.ipsexchange.platform.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
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

import jakarta.validation.ConstraintViolationException;

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.platform.audit.AccessNotRecordedException;

/**
 * Every error as an RFC 9457 problem document whose {@code detail} names what is wrong. Never echoes the
 * rejected value (it may be health data or an injection attempt), a field name that is not a plain name, or the
 * request's URI, and never shows a stack trace; an unexpected error is a 500 with a reference that operators find
 * in the log.
 *
 * <p>This class only routes each exception to its answer: what was wrong with the input is told by
 * {@link InputProblems}, the services' own exceptions and the unexpected ones by {@link ExceptionProblems}, and the
 * documents themselves are written by {@link Problems}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler implements ResponseBodyAdvice<Object> {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return InputProblems.notValid(ex);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        return InputProblems.notValid(ex);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return InputProblems.unreadable(ex);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        // Spring's own detail repeats the Content-Type that was sent: name what is accepted instead
        return InputProblems.unsupported(ex, headers);
    }

    /** No such path: Spring's own detail repeats the path, which may carry an injection attempt. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return Problems.noSuchResource();
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return Problems.noSuchResource();
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<Object> constraintViolated(ConstraintViolationException ex) {
        return InputProblems.notValid(ex);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        return InputProblems.wrongType(ex);
    }

    @ExceptionHandler(BadRequestException.class)
    public ResponseEntity<Object> badRequest(BadRequestException ex) {
        return ExceptionProblems.of(ex);
    }

    @ExceptionHandler(InvalidFieldsException.class)
    public ResponseEntity<Object> invalidFields(InvalidFieldsException ex) {
        return ExceptionProblems.of(ex);
    }

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<Object> notFound(NotFoundException ex) {
        return ExceptionProblems.of(ex);
    }

    @ExceptionHandler(ForbiddenException.class)
    public ResponseEntity<Object> forbidden(ForbiddenException ex) {
        return ExceptionProblems.of(ex);
    }

    @ExceptionHandler(ConflictException.class)
    public ResponseEntity<Object> conflict(ConflictException ex) {
        return ExceptionProblems.of(ex);
    }

    @ExceptionHandler(AccessNotRecordedException.class)
    public ResponseEntity<Object> accessNotRecorded(AccessNotRecordedException ex) {
        return ExceptionProblems.of(ex);
    }

    @ExceptionHandler(RuleViolationException.class)
    public ResponseEntity<Object> ruleViolated(RuleViolationException ex) {
        return ExceptionProblems.of(ex);
    }

    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<Object> commandFailed(CommandExecutionException ex) throws Exception {
        return ExceptionProblems.of(ex);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> other(Exception ex) throws Exception {
        return ExceptionProblems.known(ex);
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
}
