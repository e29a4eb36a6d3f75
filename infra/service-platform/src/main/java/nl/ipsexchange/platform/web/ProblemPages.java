package nl.ipsexchange.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A browser is answered with a page, never with JSON: an error in a request for a page (not under {@code /api/}, and
 * asking for HTML before JSON) is turned by {@link ProblemDetailsAdvice} into its problem document as for the API,
 * and that document is shown as the error page ({@code error.html}): the same status, title, detail and wrong fields,
 * one home for what each error means. API requests are answered by the advice as they are.
 */
public final class ProblemPages implements HandlerExceptionResolver {

    static final String VIEW = "error";

    private final HandlerExceptionResolver problems;
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param problems the resolver that runs {@link ProblemDetailsAdvice} (Spring's exception handler resolver) */
    public ProblemPages(HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        if (!wantsPage(request)) {
            return problems.resolveException(request, response, handler, ex);
        }
        CapturedResponse captured = new CapturedResponse(response);
        ModelAndView resolved = problems.resolveException(request, captured, handler, ex);
        if (resolved == null) {
            return null;
        }
        if (captured.body().length == 0) {
            captured.passOn();   // answered without a document (a view of the controller's own, a 204): as it is
            return resolved;
        }
        return page(captured.status(), captured.body());
    }

    /** Whether the request is for a page: not the API, and HTML is asked for at least as much as JSON. */
    static boolean wantsPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.equals("/api")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            double html = 0;
            double json = 0;
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (type.getType().equals("text") && type.getSubtype().equals("html")) {
                    html = Math.max(html, type.getQualityValue());
                } else if (type.getSubtype().endsWith("json")) {
                    json = Math.max(json, type.getQualityValue());
                }
            }
            return html > 0 && html >= json;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private ModelAndView page(int status, byte[] document) {
        HttpStatus httpStatus = HttpStatus.resolve(status);
        if (httpStatus == null) {
            httpStatus = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("status", httpStatus.value());
        model.put("title", httpStatus.getReasonPhrase());
        List<Map<String, String>> errors = new ArrayList<>();
        try {
            JsonNode problem = mapper.readTree(document);
            text(problem, "title").ifPresent(title -> model.put("title", title));
            text(problem, "detail").ifPresent(detail -> model.put("detail", detail));
            for (JsonNode error : problem.path("errors")) {
                Map<String, String> named = new LinkedHashMap<>();
                named.put("field", error.path("field").asText(""));
                named.put("detail", error.path("detail").asText(""));
                errors.add(named);
            }
        } catch (IOException e) {
            // not a problem document: the status alone says what happened
        }
        model.put("errors", errors);
        return new ModelAndView(VIEW, model, httpStatus);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** The response as the advice writes it, kept here: the page is written instead. */
    private static final class CapturedResponse extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status = HttpStatus.INTERNAL_SERVER_ERROR.value();
        private boolean statusSet;
        private boolean errorSent;
        private ServletOutputStream stream;
        private PrintWriter writer;

        CapturedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            statusSet = true;
        }

        @Override
        public void sendError(int sc) {
            status = sc;
            errorSent = true;
        }

        @Override
        public void sendError(int sc, String msg) {
            sendError(sc);
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setContentType(String type) {
            // the page sets its own
        }

        @Override
        public void setHeader(String name, String value) {
            if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setContentLength(int len) {
        }

        @Override
        public void setContentLengthLong(long len) {
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                    }

                    @Override
                    public void write(int b) {
                        body.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        body.write(b, off, len);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), true);
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        /** Gives the response the status that was set on it, for an answer that is not a problem document. */
        void passOn() {
            try {
                if (errorSent) {
                    ((HttpServletResponse) getResponse()).sendError(status);
                } else if (statusSet) {
                    ((HttpServletResponse) getResponse()).setStatus(status);
                }
            } catch (IOException e) {
                throw new IllegalStateException("the error could not be sent", e);
            }
        }

        int status() {
            return status;
        }

        byte[] body() {
            if (writer != null) {
                writer.flush();
            }
            return body.toByteArray();
        }
    }
}
