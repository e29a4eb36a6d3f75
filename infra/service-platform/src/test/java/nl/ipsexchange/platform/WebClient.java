package nl.ipsexchange.platform;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests to a service on this machine as if they came through a proxy from {@code address} (X-Forwarded-For,
 * which the service honours from a local proxy), with its own cookies: one browser or API client.
 */
public final class WebClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final String address;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

    public WebClient(int port, String address) {
        this.baseUrl = "http://localhost:" + port;
        this.address = address;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", address);
    }

    /** A GET of the API with HTTP Basic. */
    public HttpResponse<String> get(String path, String user, String password) {
        return send(request(path).header("Accept", "application/json")
                .header("Authorization", basic(user, password)).GET());
    }

    public HttpResponse<String> postJson(String path, String user, String password, String json) {
        return send(request(path).header("Accept", "application/json").header("Content-Type", "application/json")
                .header("Authorization", basic(user, password)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The login form as a browser sends it, with the token of the login page; the answer is a redirect. */
    public HttpResponse<String> logIn(String user, String password) {
        HttpResponse<String> page = send(request("/login").header("Accept", "text/html").GET());
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on the login page: " + page.body());
        }
        return send(request("/login").header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password="
                        + encode(password) + "&_csrf=" + encode(token.group(1)))));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
