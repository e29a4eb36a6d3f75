package nl.ipsexchange.stack;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session with a service's pages, without a browser: form login, the session cookie, the CSRF token of
 * the session; redirects are not followed, so that a redirect to the login page can be seen as what it is.
 */
final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    /** A page's answer: status, the redirect target if any, and the body. */
    record Page(int status, String location, String body) {

        boolean redirectsToLogin() {
            return (status == 302 || status == 303) && location != null && location.contains("/login");
        }
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private String csrf;

    private PageSession(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    static PageSession anonymous(String baseUrl) {
        PageSession session = new PageSession(baseUrl);
        session.csrf = session.tokenOf(session.get("/login"));
        return session;
    }

    /** Logged in through the login form, as a browser would. */
    static PageSession loggedIn(String baseUrl, String user) {
        PageSession session = anonymous(baseUrl);
        Page login = session.post("/login", Map.of("username", user, "password", "demo"));
        if (!(login.status() == 302 && login.location() != null && !login.location().contains("error"))) {
            throw new AssertionError(user + " could not log in at " + baseUrl + ": " + login.status() + " "
                    + login.location());
        }
        // the token changes with the login; every page with a form (the log-out form) carries the new one
        session.csrf = session.tokenOf(session.get("/"));
        return session;
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** A form post with the session's CSRF token, as the page's own form sends it. */
    Page post(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        if (csrf != null) {
            form = form.isEmpty() ? "_csrf=" + encode(csrf) : form + "&_csrf=" + encode(csrf);
        }
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tokenOf(Page page) {
        Matcher matcher = CSRF.matcher(page.body());
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token on the page (" + page.status() + ")");
        }
        return matcher.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
