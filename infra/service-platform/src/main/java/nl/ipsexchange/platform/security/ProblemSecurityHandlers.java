package nl.ipsexchange.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * 401 and 403 as problem documents, like every other error (a refused CSRF token too, without the path); a
 * throttled login as 429 with {@code Retry-After} (ADR 35); and a request the firewall refuses (an encoded line
 * break, slash or other suspicious sequence in its URL) as a 400 problem that does not repeat the URL.
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler,
        RequestRejectedHandler {

    /** Said to every throttled login, whether the account, the address or both are throttled, known user or not. */
    static final String THROTTLED = "Too many failed logins for this account or from this address. Try again later.";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        if (authException instanceof LoginThrottledException throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
            write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins", THROTTLED);
            return;
        }
        if (authException instanceof LoginUncheckedException) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            write(response, HttpStatus.SERVICE_UNAVAILABLE, "Login unavailable",
                    "Logins cannot be checked right now. Try again shortly.");
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"IPS Exchange\"");
        write(response, HttpStatus.UNAUTHORIZED, "Authentication required",
                "Log in to use this resource.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException accessDeniedException) throws IOException {
        if (accessDeniedException instanceof CsrfException) {
            write(response, HttpStatus.FORBIDDEN, "Forbidden", CSRF);
            return;
        }
        write(response, HttpStatus.FORBIDDEN, "Forbidden", "Your role is not allowed to use this resource.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException requestRejectedException) throws IOException {
        write(response, HttpStatus.BAD_REQUEST, "Bad Request",
                "The request's URL holds characters or sequences that are not allowed.");
    }

    static final String CSRF = "The request carries no valid CSRF token: load the page again and resend the form.";

    /**
     * The pages' refusals: a browser gets the error page (Spring's handler, through {@code /error}), any other
     * client a problem document; neither repeats the path.
     */
    public AccessDeniedHandler forPages() {
        AccessDeniedHandler page = new AccessDeniedHandlerImpl();
        return (request, response, denied) -> {
            if (wantsHtml(request)) {
                page.handle(request, response, denied);
            } else {
                handle(request, response, denied);
            }
        };
    }

    /** A browser asks for HTML by name; an API client asks for JSON, anything or nothing. */
    static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (!type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML)) {
                    return true;
                }
            }
        } catch (InvalidMediaTypeException garbled) {
            // not a browser's header
        }
        return false;
    }

    private static void write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
