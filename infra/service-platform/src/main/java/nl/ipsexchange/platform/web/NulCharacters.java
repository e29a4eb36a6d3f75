package nl.ipsexchange.platform.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * No text with a NUL character (U+0000) gets past the edge: PostgreSQL refuses it in text columns, so it came back as
 * a 500 from every operation that stores or searches it. Refused here, once, as a 400 problem document naming where:
 * in a query or form parameter or the path ({@link Filter}, before security and everything else) and in a JSON
 * body's strings ({@link Deserializer}, answered by {@link InputProblems} naming the field).
 */
public final class NulCharacters {

    /** What the answer says of the value. */
    public static final String MESSAGE = "must not contain a NUL character (U+0000)";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]{1,64}");

    private NulCharacters() {
    }

    static boolean in(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    /** A string in a JSON body holds a NUL. */
    public static final class InBody extends InvalidFormatException {

        InBody(JsonParser parser) {
            super(parser, MESSAGE, null, String.class);
        }
    }

    /** Every string of a JSON body, as Jackson reads it, except one with a NUL. */
    public static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (in(value)) {
                throw new InBody(parser);
            }
            return value;
        }
    }

    /** The URL's path and parameters (the query's, and a form's). */
    public static final class Filter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String where = where(request);
            if (where != null) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                String detail = where + ": " + MESSAGE;
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"" + detail + "\",\"errors\":[{\"field\":\"" + where + "\",\"message\":\""
                        + MESSAGE + "\"}]}");
                return;
            }
            chain.doFilter(request, response);
        }

        /** The name of the first parameter with a NUL, "URL" for the path, or null. */
        private static String where(HttpServletRequest request) {
            String uri = request.getRequestURI();
            if (uri != null && (uri.contains("%00") || in(uri))) {
                return "URL";
            }
            String query = request.getQueryString();
            if (query != null && query.contains("%00")) {
                for (String pair : query.split("&")) {
                    int equals = pair.indexOf('=');
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                    if (in(name) || in(value)) {
                        return shown(name);
                    }
                }
            }
            // a form's fields: only a form body is read here (the login form, a page's form); JSON is Jackson's
            String contentType = request.getContentType();
            if (contentType != null && contentType.toLowerCase(Locale.ROOT)
                    .startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
                for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                    for (String value : parameter.getValue()) {
                        if (in(parameter.getKey()) || in(value)) {
                            return shown(parameter.getKey());
                        }
                    }
                }
            }
            return null;
        }

        private static String decode(String encoded) {
            try {
                return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return encoded.contains("%00") ? "\0" : encoded;
            }
        }

        /** A parameter's name is repeated only when it is a plain name: it may be an injection attempt. */
        private static String shown(String name) {
            return PLAIN_NAME.matcher(name).matches() ? name : "a query parameter";
        }
    }
}
