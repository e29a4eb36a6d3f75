package nl.ipsexchange.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.mock.web.MockHttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/** What {@link SizedJsonHttpMessageConverter} hands the container: a small answer whole with its length. */
class SizedJsonHttpMessageConverterTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final SizedJsonHttpMessageConverter converter = new SizedJsonHttpMessageConverter(mapper);

    @Test
    void aSmallAnswerIsWrittenOnceWithItsLengthAndNotFlushedBeforeItIsWhole() throws IOException {
        Recorded response = new Recorded();

        converter.write(Map.of("clientId", "57f3a1b5"), MediaType.APPLICATION_JSON, response.message);

        byte[] expected = mapper.writeValueAsBytes(Map.of("clientId", "57f3a1b5"));
        assertThat(response.servlet.getContentLengthLong()).isEqualTo(expected.length);
        assertThat(response.content.toByteArray()).isEqualTo(expected);
        assertThat(response.writes).containsExactly(expected.length);
        assertThat(response.flushesBeforeWhole).isZero();
    }

    @Test
    void anAnswerLargerThanTheLimitStreamsWithoutALength() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add("row " + i + " of a long list of clients");
        }
        Recorded response = new Recorded();

        converter.write(rows, MediaType.APPLICATION_JSON, response.message);

        byte[] expected = mapper.writeValueAsBytes(rows);
        assertThat(expected.length).isGreaterThan(SizedJsonHttpMessageConverter.SIZED);
        assertThat(response.content.toByteArray()).isEqualTo(expected);
        assertThat(response.servlet.getHeader("Content-Length")).isNull();
        assertThat(response.writes.size()).isGreaterThan(1);
    }

    @Test
    void anAnswerThatFailsHalfwayHasWrittenNothing() {
        Recorded response = new Recorded();

        assertThatThrownBy(() -> converter.write(new FailsHalfway(), MediaType.APPLICATION_JSON, response.message))
                .isInstanceOf(HttpMessageNotWritableException.class);

        assertThat(response.writes).isEmpty();
        assertThat(response.servlet.getHeader("Content-Length")).isNull();
    }

    /** Jackson writes its first property and then fails on the second. */
    static final class FailsHalfway {
        public String getFirst() {
            return "written";
        }

        public String getSecond() {
            throw new IllegalStateException("fails while being written");
        }
    }

    /** A servlet response that records each write that reaches it, and flushes that come before the last byte. */
    private static final class Recorded {

        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();
        int flushesBeforeWhole;
        final MockHttpServletResponse servlet = new MockHttpServletResponse() {
            private final ServletOutputStream recording = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    writes.add(length);
                    content.write(bytes, offset, length);
                }

                @Override
                public void flush() {
                    if (getHeader("Content-Length") == null || content.size() < getContentLengthLong()) {
                        flushesBeforeWhole++;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };

            @Override
            public ServletOutputStream getOutputStream() {
                return recording;
            }
        };
        final ServletServerHttpResponse message = new ServletServerHttpResponse(servlet);
    }
}
