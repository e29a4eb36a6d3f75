package nl.ipsexchange.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The benchmark's HTTP client for its throughput phases: blocking, in the calling thread, over kept-alive
 * connections. The JDK's {@code HttpClient} hands every request to its selector and worker threads; on two cores
 * shared with the five services those hand-offs wait for a core, so it measured the client as much as the service
 * (the HTTP floor: about 900..2,000 requests/s with it, depending on what else ran).
 */
final class BlockingClient {

    /** An answer: status and body. */
    record Answer(int status, String body) {
    }

    private final String baseUrl;
    private final String authorization;

    private BlockingClient(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
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
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            connection.setRequestProperty("Authorization", authorization);
            connection.setRequestProperty("Accept", "application/json");
            if (json != null) {
                byte[] body = json.getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            // read to the end and close, so that the connection goes back to the keep-alive cache
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String body = "";
            if (in != null) {
                try (in) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Answer(status, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
