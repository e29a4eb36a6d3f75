package nl.ipsexchange.stack;

import static nl.ipsexchange.stack.ServiceDefinition.BENEFITS_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import nl.ipsexchange.platform.security.SecurityEvents;

/**
 * An attacker guessing passwords at the running stack (issue 27: fifty wrong passwords were answered at full speed,
 * the right one worked next, and nothing was logged). Now the eleventh guess and every one after it are refused
 * without a password check, with a 429 problem and Retry-After on the API and the login page's message in a browser;
 * the right password is refused too while the block lasts; every attempt is in the service's log and its security
 * events, with name and address and never the password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginAttackTest {

    private static final String GUESS = "guess-";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final FiveServices services = new FiveServices();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger securityLog = (Logger) LoggerFactory.getLogger(SecurityEvents.class);

    @BeforeAll
    void captureTheSecurityLog() {
        logged.start();
        securityLog.addAppender(logged);
    }

    @AfterAll
    void stop() {
        securityLog.detachAppender(logged);
        services.close();
    }

    @Test
    void fiftyOneWrongPasswordsOnTheApiAreThrottledFromTheEleventhAndEveryOneIsLoggedAndRecorded() {
        String base = baseUrl(MENTAL_HEALTH_AGENCY);
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int attempt = 1; attempt <= 51; attempt++) {
            last = get(base, "mha.clinician", GUESS + attempt, null);
            statuses.add(last.statusCode());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 51)).containsOnly(429);
        assertThat(last.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(last.body()).contains("Too many failed logins");

        HttpResponse<String> right = get(base, "mha.clinician", "demo", "198.51.100.7");
        assertThat(right.statusCode()).as("the right password from another address while throttled").isEqualTo(429);
        HttpResponse<String> other = get(base, "mha.director", "demo", null);
        assertThat(other.statusCode()).as("another account from the attacker's address").isEqualTo(429);

        List<Map<String, Object>> events = rows(MENTAL_HEALTH_AGENCY);
        assertThat(events).filteredOn(event -> "mha.clinician".equals(event.get("username"))).hasSize(52);
        assertThat(events).filteredOn(event -> "LOGIN_FAILED".equals(event.get("kind"))).hasSize(10);
        assertThat(services.rows(MENTAL_HEALTH_AGENCY, "select t::text from security_event t"))
                .allSatisfy(row -> assertThat(row).doesNotContain(GUESS).doesNotContain("demo"));
        assertThat(logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("'mha.clinician'"))).hasSize(52)
                .allSatisfy(line -> assertThat(line).doesNotContain(GUESS).doesNotContain("demo"));
    }

    @Test
    void theLoginFormIsThrottledToo() {
        PageSession browser = PageSession.anonymous(baseUrl(BENEFITS_AGENCY));
        List<String> locations = new ArrayList<>();
        for (int attempt = 1; attempt <= 11; attempt++) {
            locations.add(browser.post("/login", Map.of("username", "benefits.manager",
                    "password", GUESS + attempt)).location());
        }
        assertThat(locations.subList(0, 10)).allSatisfy(location -> assertThat(location).endsWith("/login?error"));
        assertThat(locations.get(10)).endsWith("/login?throttled");
        assertThat(browser.post("/login", Map.of("username", "benefits.manager", "password", "demo")).location())
                .endsWith("/login?throttled");
        assertThat(browser.get("/login?throttled").body()).contains("Too many failed logins");
        assertThat(rows(BENEFITS_AGENCY)).filteredOn(event -> "FORM".equals(event.get("channel"))).hasSize(12);
    }

    private String baseUrl(ServiceDefinition service) {
        return services.running().stream().filter(running -> running.definition().equals(service)).findFirst()
                .orElseThrow().baseUrl();
    }

    private List<Map<String, Object>> rows(ServiceDefinition service) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String row : services.rows(service, "select kind || '|' || username || '|' || channel "
                + "from security_event order by id")) {
            String[] parts = row.split("\\|");
            rows.add(Map.of("kind", parts[0], "username", parts[1], "channel", parts[2]));
        }
        return rows;
    }

    /** A GET of the API with HTTP Basic, directly or (with {@code forwardedFor}) through a local proxy. */
    private static HttpResponse<String> get(String base, String user, String password, String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/clients"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
