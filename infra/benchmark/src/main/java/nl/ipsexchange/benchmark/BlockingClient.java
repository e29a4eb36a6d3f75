package nl.ipsexchange.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's HTTP client for its throughput phases: blocking, in the calling thread, over a kept-alive
 * connection per thread and server, each request written in one piece with {@code TCP_NODELAY}. It shares the two
 * cores with the five services, so its own CPU counts against them:
 * <ul>
 *   <li>the JDK's {@code HttpClient} hands every request to its selector and worker threads, and those hand-offs
 *   wait for a core (the HTTP floor: about 900..2,000 requests/s with it);</li>
 *   <li>{@code HttpURLConnection} did 4.1..6.3 ms per registration against this client's 3.2..4.0 ms on the warm local
 *   stack (one thread, rounds of 1,500, each client in its own JVM).</li>
 * </ul>
 * HTTP/1.1 only as far as the services answer: a status line, headers, and a body of a given length or in chunks.
 */
final class BlockingClient {

    /** An answer: status and body. */
    record Answer(int status, String body) {
    }

    /** This thread's open connections, by host and port. */
    private static final ThreadLocal<Map<String, Connection>> CONNECTIONS = ThreadLocal.withInitial(HashMap::new);

    private final String host;
    private final int port;
    /** This server's entry in a thread's open connections. */
    private final String key;
    private final String authorization;

    private BlockingClient(String baseUrl, String authorization) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.key = host + ":" + port;
        this.authorization = authorization;
    }

    /** As a demo user (password {@code demo}). */
    static BlockingClient as(String baseUrl, String user) {
        return new BlockingClient(baseUrl, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, String json) {
        return send("POST", path, json);
    }

    private Answer send(String method, String path, String json) {
        byte[] request = request(method, path, json);
        Map<String, Connection> open = CONNECTIONS.get();
        Connection reused = open.remove(key);
        try {
            if (reused != null) {
                try {
                    return exchange(reused, request, open, key);
                } catch (EOFException closedWhileIdle) {
                    // the server had closed the kept-alive connection before this request reached it (exchange closed
                    // our end): nothing was handled, so the request goes out once more on a new connection
                }
            }
            return exchange(new Connection(host, port), request, open, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] request(String method, String path, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Authorization: ").append(authorization).append("\r\n")
                .append("Accept: application/json\r\n");
        if (json != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream(head.length() + body.length);
        all.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        all.writeBytes(body);
        return all.toByteArray();
    }

    /** Writes the request, reads the answer; keeps the connection for the next request unless the server closes it. */
    private static Answer exchange(Connection connection, byte[] request, Map<String, Connection> open, String key)
            throws IOException {
        boolean kept = false;
        try {
            try {
                connection.out.write(request);
                connection.out.flush();
            } catch (IOException notWritten) {
                // a kept-alive connection the server had closed (reset): the request did not reach it
                throw new EOFException("connection closed by the server");
            }
            String statusLine = connection.line(true);
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = connection.line(false); !header.isEmpty(); header = connection.line(false)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring("content-length:".length()).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = chunkSize(connection); size > 0; size = chunkSize(connection)) {
                    body.writeBytes(connection.in.readNBytes(size));
                    connection.line(false);
                }
                connection.line(false);
            } else if (length > 0) {
                body.writeBytes(connection.in.readNBytes(length));
            }
            if (!close) {
                open.put(key, connection);
                kept = true;
            }
            return new Answer(status, body.toString(StandardCharsets.UTF_8));
        } finally {
            if (!kept) {
                connection.close();
            }
        }
    }

    private static int chunkSize(Connection connection) throws IOException {
        String line = connection.line(false);
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    /** One kept-alive connection. */
    private static final class Connection {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /**
         * A line without its CR LF. {@code first}: the status line, where an end of stream before any byte means the
         * server had closed the connection ({@link EOFException}, safe to retry on a new connection).
         */
        String line(boolean first) throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    if (first && line.isEmpty()) {
                        throw new EOFException("connection closed by the server");
                    }
                    throw new IOException("the answer ended early");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
