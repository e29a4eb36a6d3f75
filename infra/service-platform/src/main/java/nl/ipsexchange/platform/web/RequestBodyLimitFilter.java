package nl.ipsexchange.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * No request body larger than the limit is read: a declared length over it is answered with a 413 problem
 * document before anything is read, and a body without a declared length (chunked) stops being read at the limit
 * ({@link TooLarge}, answered with 413 by {@link InputProblems}). Without it a JSON body is read whole,
 * however large, before anything can refuse it.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    /** A body went past the limit while it was read. */
    public static final class TooLarge extends IOException {

        private final long limit;

        TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        /** What the 413 answer says. */
        public String detail() {
            return RequestBodyLimitFilter.detail(limit);
        }
    }

    private final long limit;

    public RequestBodyLimitFilter(long limit) {
        this.limit = limit;
    }

    /** The detail of the 413 answer. */
    static String detail(long limit) {
        String size = limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MB"
                : limit % 1024 == 0 ? limit / 1024 + " KB" : limit + " bytes";
        return "body: must be at most " + size;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > limit) {
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Request body too large\","
                    + "\"status\":413,\"detail\":\"" + detail(limit) + "\"}");
            return;
        }
        chain.doFilter(length < 0 ? new Limited(request, limit) : request, response);
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
