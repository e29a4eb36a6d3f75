package nl.ipsexchange.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.lang.Nullable;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a JSON answer of up to {@link #SIZED} bytes with its {@code Content-Length}, in one piece.
 * <p>
 * Spring's Jackson converter flushes the response when it has written the body. Tomcat then has to send the headers
 * before it knows the body's length, so every JSON answer went out chunked: the headers and body in one write, and the
 * closing empty chunk in a second write when the request ended (two system calls and two packets per answer; ADR 26).
 * This converter serializes into memory first and sets the length, so the flush sends the whole answer and nothing is
 * left for the end of the request. A body larger than {@link #SIZED} bytes is passed on as it is written, chunked as
 * before, so no answer is held in memory twice over. A body that fails to serialize has written nothing yet: the
 * client gets a whole problem document instead of a truncated answer.
 */
public class SizedJsonHttpMessageConverter extends MappingJackson2HttpMessageConverter {

    /** Answers up to this many bytes are sent with their length; larger ones stream. */
    static final int SIZED = 64 * 1024;

    public SizedJsonHttpMessageConverter(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    protected void writeInternal(Object object, @Nullable Type type, HttpOutputMessage outputMessage)
            throws IOException {
        SizedBody body = new SizedBody(outputMessage);
        super.writeInternal(object, type, new HttpOutputMessage() {
            @Override
            public OutputStream getBody() {
                return body;
            }

            @Override
            public HttpHeaders getHeaders() {
                return outputMessage.getHeaders();
            }
        });
        body.finish();
    }

    /** Keeps what is written until the end, or until it is larger than {@link #SIZED}; flushes do not pass. */
    private static final class SizedBody extends OutputStream {

        private final HttpOutputMessage response;
        private ByteArrayOutputStream kept = new ByteArrayOutputStream(512);
        private OutputStream through;

        SizedBody(HttpOutputMessage response) {
            this.response = response;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (through == null && kept.size() + length > SIZED) {
                through = response.getBody();
                kept.writeTo(through);
                kept = null;
            }
            if (through != null) {
                through.write(bytes, offset, length);
            } else {
                kept.write(bytes, offset, length);
            }
        }

        /** Jackson flushes its generator at the end; a kept body is sent whole by {@link #finish()}. */
        @Override
        public void flush() {
        }

        /** Jackson closes its generator; the response's stream is the container's to close. */
        @Override
        public void close() {
        }

        void finish() throws IOException {
            if (through == null) {
                response.getHeaders().setContentLength(kept.size());
                kept.writeTo(response.getBody());
            }
        }
    }
}
