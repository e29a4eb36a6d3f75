package nl.ipsexchange.platform.security;

import static nl.ipsexchange.platform.PlatformWebApplication.ADMINISTRATOR;
import static nl.ipsexchange.platform.PlatformWebApplication.CLINICIAN;
import static nl.ipsexchange.platform.PlatformWebApplication.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import nl.ipsexchange.testsupport.MovableClock;
import nl.ipsexchange.platform.PlatformWebApplication;
import nl.ipsexchange.platform.WebClient;

/**
 * Failed logins at the door of a service (ADR 35), on a real Tomcat and database: each is logged and recorded, ten
 * within the window throttle the account and the address, a throttled login is refused even with the right password
 * (also one the password cache knows), and the block ends after its bounded period, moved on with the clock.
 */
@SpringBootTest(classes = PlatformWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=demo", "ips.service.name=web-test"})
@AutoConfigureObservability(tracing = false)
class LoginThrottlingTest {

    private static final String WRONG = "wrong-password";
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MovableClock clock;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger securityLog = (Logger) LoggerFactory.getLogger(SecurityEvents.class);

    @BeforeEach
    void freshDoor() {
        jdbc.update("delete from login_throttle");
        jdbc.update("delete from security_event");
        clock.set(START);
        logged.start();
        securityLog.addAppender(logged);
    }

    @AfterEach
    void stopCapture() {
        securityLog.detachAppender(logged);
    }

    private WebClient from(String address) {
        return new WebClient(port, address);
    }

    @Test
    void afterTenFailuresTheAccountIsRefusedWith429EvenWithTheRightPasswordUntilTheBlockIsOver() {
        WebClient attacker = from("203.0.113.10");
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(attacker.get("/api/things", CLINICIAN, WRONG).statusCode()).as("attempt " + attempt)
                    .isEqualTo(401);
        }
        for (int attempt = 11; attempt <= 51; attempt++) {
            HttpResponse<String> refused = attacker.get("/api/things", CLINICIAN, WRONG);
            assertThat(refused.statusCode()).as("attempt " + attempt).isEqualTo(429);
        }
        HttpResponse<String> right = from("198.51.100.20").get("/api/things", CLINICIAN, PASSWORD);
        assertThat(right.statusCode()).as("the right password from elsewhere, while throttled").isEqualTo(429);
        assertThat(right.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(right.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(right.body()).contains("\"status\":429").contains("Too many failed logins");

        clock.advance(Duration.ofSeconds(61));
        assertThat(from("198.51.100.20").get("/api/things", CLINICIAN, PASSWORD).statusCode())
                .as("the right password once the block is over").isEqualTo(200);
    }

    @Test
    void everyFailureIsRecordedAndLoggedWithNameAndAddressButNeverThePasswordAndTheAdministratorSeesThem() {
        WebClient attacker = from("203.0.113.11");
        for (int attempt = 1; attempt <= 12; attempt++) {
            attacker.get("/api/things", CLINICIAN, WRONG + attempt);
        }

        List<Map<String, Object>> events = jdbc.queryForList("select kind, username, source_address, channel "
                + "from security_event order by id");
        assertThat(events).hasSize(12);
        assertThat(events.subList(0, 10)).allSatisfy(event -> assertThat(event).containsAllEntriesOf(Map.of(
                "kind", "LOGIN_FAILED", "username", CLINICIAN, "source_address", "203.0.113.11", "channel", "API")));
        assertThat(events.subList(10, 12)).allSatisfy(event -> assertThat(event)
                .containsEntry("kind", "LOGIN_THROTTLED"));
        assertThat(logged.list).hasSize(12);
        assertThat(logged.list.get(0).getFormattedMessage())
                .isEqualTo("login failed: user 'clinician' from 203.0.113.11 (API)");
        assertThat(logged.list).allSatisfy(line -> assertThat(line.getFormattedMessage()).doesNotContain(WRONG));
        assertThat(jdbc.queryForList("select t::text from security_event t", String.class))
                .allSatisfy(row -> assertThat(row).doesNotContain(WRONG));

        HttpResponse<String> shown = from("198.51.100.24").get("/api/admin/security-events", ADMINISTRATOR, PASSWORD);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).startsWith("[{\"occurredAt\":\"2026-03-02T09:00:00Z\",\"kind\":\"LOGIN_THROTTLED\","
                + "\"username\":\"clinician\",\"sourceAddress\":\"203.0.113.11\",\"channel\":\"API\"}")
                .doesNotContain(WRONG);
    }

    @Test
    void tenFailuresFromOneAddressThrottleEveryAccountFromThatAddressOnly() {
        WebClient sprayer = from("203.0.113.12");
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(sprayer.get("/api/things", "user" + attempt, WRONG).statusCode()).isEqualTo(401);
        }
        assertThat(sprayer.get("/api/things", ADMINISTRATOR, PASSWORD).statusCode()).isEqualTo(429);
        assertThat(from("198.51.100.21").get("/api/things", ADMINISTRATOR, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownAndKnownUsersGetTheSameAnswersWhenWrongAndWhenThrottled() {
        HttpResponse<String> known = from("203.0.113.13").get("/api/things", CLINICIAN, WRONG);
        HttpResponse<String> unknown = from("203.0.113.14").get("/api/things", "no-such-user", WRONG);
        assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(unknown.headers().firstValue("WWW-Authenticate"))
                .isEqualTo(known.headers().firstValue("WWW-Authenticate"));

        for (int attempt = 2; attempt <= 11; attempt++) {
            known = from("203.0.113.13").get("/api/things", CLINICIAN, WRONG);
            unknown = from("203.0.113.14").get("/api/things", "no-such-user", WRONG);
        }
        assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(429);
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(unknown.headers().firstValue("Retry-After")).isEqualTo(known.headers().firstValue("Retry-After"));
    }

    @Test
    void aThrottledAccountDoesNotGetInThroughThePasswordCache() {
        WebClient user = from("198.51.100.22");
        assertThat(user.get("/api/things", CLINICIAN, PASSWORD).statusCode()).as("verified, so cached").isEqualTo(200);
        WebClient attacker = from("203.0.113.15");
        for (int attempt = 1; attempt <= 10; attempt++) {
            attacker.get("/api/things", CLINICIAN, WRONG);
        }
        assertThat(user.get("/api/things", CLINICIAN, PASSWORD).statusCode()).isEqualTo(429);
    }

    @Test
    void eachBlockInARowIsLongerUpToTheBoundAndFailuresOutsideTheWindowDoNotAddUp() {
        WebClient attacker = from("203.0.113.16");
        for (int attempt = 1; attempt <= 9; attempt++) {
            attacker.get("/api/things", CLINICIAN, WRONG);
        }
        clock.advance(Duration.ofMinutes(16));
        for (int attempt = 1; attempt <= 9; attempt++) {
            assertThat(attacker.get("/api/things", CLINICIAN, WRONG).statusCode()).isEqualTo(401);
        }
        attacker.get("/api/things", CLINICIAN, WRONG);
        List<String> blocks = new ArrayList<>();
        for (int block = 1; block <= 6; block++) {
            HttpResponse<String> refused = attacker.get("/api/things", CLINICIAN, PASSWORD);
            assertThat(refused.statusCode()).isEqualTo(429);
            String seconds = refused.headers().firstValue("Retry-After").orElseThrow();
            blocks.add(seconds);
            clock.advance(Duration.ofSeconds(Long.parseLong(seconds)));
            for (int attempt = 1; attempt <= 10; attempt++) {
                attacker.get("/api/things", CLINICIAN, WRONG);
            }
        }
        assertThat(blocks).containsExactly("60", "120", "240", "480", "900", "900");
    }

    @Test
    void theLoginFormIsThrottledTooAndTheLoginPageSaysSo() {
        WebClient browser = from("203.0.113.17");
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(browser.logIn(CLINICIAN, WRONG).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
        }
        HttpResponse<String> throttled = browser.logIn(CLINICIAN, PASSWORD);
        assertThat(throttled.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?throttled"));
        assertThat(browser.send(browser.request("/login?throttled").header("Accept", "text/html").GET()).body())
                .contains("Too many failed logins for this account or from this address. Try again later.");
        assertThat(jdbc.queryForList("select distinct channel from security_event", String.class))
                .containsExactly("FORM");

        clock.advance(Duration.ofMinutes(1));
        assertThat(from("198.51.100.23").logIn(CLINICIAN, PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("/login"));
    }
}
