package nl.ipsexchange.platform.web;

import static nl.ipsexchange.platform.PlatformWebApplication.ADMINISTRATOR;
import static nl.ipsexchange.platform.PlatformWebApplication.CLINICIAN;
import static nl.ipsexchange.platform.PlatformWebApplication.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.platform.PlatformWebApplication;
import nl.ipsexchange.platform.WebClient;

/**
 * What every service answers at its door (issue 27), on a real Tomcat: a NUL character anywhere is a 400 naming
 * where, {@code /error} asked for directly is a 404, the headers every answer carries, a refused CSRF token, the
 * metrics only for the administrator, and problem documents of bounded size.
 */
@SpringBootTest(classes = PlatformWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=demo", "ips.service.name=web-test"})
@AutoConfigureObservability(tracing = false)
class WebAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;

    private WebClient client;

    @BeforeEach
    void client() {
        jdbc.update("delete from login_throttle");
        client = new WebClient(port, "198.51.100.40");
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
    }

    // ------------------------------------------------------------------------------------------------ NUL

    @Test
    void aNulInABodysTextFieldIsA400NamingTheField() throws Exception {
        HttpResponse<String> answer = client.postJson("/api/things", CLINICIAN, PASSWORD,
                "{\"name\":\"Jan\\u0000de Vries\"}");
        assertProblem(answer, 400);
        assertThat(json(answer).get("detail").asText())
                .isEqualTo("name: must not contain a NUL character (U+0000)");
        assertThat(json(answer).at("/errors/0/field").asText()).isEqualTo("name");

        HttpResponse<String> inAList = client.postJson("/api/things", CLINICIAN, PASSWORD,
                "{\"name\":\"Jan\",\"tags\":[\"ok\",\"\\u0000\"]}");
        assertProblem(inAList, 400);
        assertThat(json(inAList).at("/errors/0/field").asText()).isEqualTo("tags[1]");
    }

    @Test
    void aNulInAQueryParameterIsA400NamingTheParameter() throws Exception {
        HttpResponse<String> answer = client.get("/api/things?userId=abc%00def", CLINICIAN, PASSWORD);
        assertProblem(answer, 400);
        assertThat(json(answer).get("detail").asText())
                .isEqualTo("userId: must not contain a NUL character (U+0000)");

        HttpResponse<String> anonymous = client.send(client.request("/api/things?clientId=%00").GET());
        assertProblem(anonymous, 400);
        assertThat(json(anonymous).at("/errors/0/field").asText()).isEqualTo("clientId");
    }

    @Test
    void aNulInThePathIsA400() throws Exception {
        HttpResponse<String> answer = client.get("/api/things/abc%00def", CLINICIAN, PASSWORD);
        assertProblem(answer, 400);
        assertThat(answer.body()).doesNotContain("abc");
    }

    @Test
    void aNulInTheLoginFormIsA400AndNoServerError() throws Exception {
        HttpResponse<String> answer = client.send(client.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=clin%00ician&password=x")));
        assertProblem(answer, 400);
        assertThat(json(answer).get("detail").asText()).startsWith("username:");
    }

    // ------------------------------------------------------------------------------------------------ /error

    @Test
    void errorAskedForDirectlyIsA404ProblemAnonymousOrLoggedIn() throws Exception {
        assertProblem(client.send(client.request("/error").header("Accept", "application/json").GET()), 404);
        HttpResponse<String> loggedIn = client.get("/error", CLINICIAN, PASSWORD);
        assertProblem(loggedIn, 404);
        assertThat(json(loggedIn).get("detail").asText()).isEqualTo("No such resource.");
        assertThat(client.send(client.request("/error").POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ headers

    @Test
    void everyAnswerSaysNoReferrer() {
        assertThat(client.get("/api/things", CLINICIAN, PASSWORD).headers().firstValue("Referrer-Policy"))
                .hasValue("no-referrer");
        assertThat(client.send(client.request("/api/things").GET()).headers().firstValue("Referrer-Policy"))
                .as("a 401").hasValue("no-referrer");
        assertThat(client.send(client.request("/login").GET()).headers().firstValue("Referrer-Policy"))
                .as("the login page").hasValue("no-referrer");
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecureAndHstsIsSentWithoutOnlyLax() {
        HttpResponse<String> tls = client.send(client.request("/login").header("X-Forwarded-Proto", "https").GET());
        assertThat(tls.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .contains("JSESSIONID=").contains("SameSite=Lax").contains("Secure").contains("HttpOnly"));
        assertThat(tls.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(hsts ->
                assertThat(hsts).startsWith("max-age="));

        HttpResponse<String> plain = new WebClient(port, "198.51.100.41").send(
                new WebClient(port, "198.51.100.41").request("/login").GET());
        assertThat(plain.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .contains("SameSite=Lax").doesNotContain("Secure"));
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ CSRF

    @Test
    void aFormWithoutItsCsrfTokenIsA403ProblemWithoutThePathOrAPageForABrowser() throws Exception {
        HttpResponse<String> api = client.send(client.request("/logout?next=MARKER")
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("x=1")));
        assertProblem(api, 403);
        assertThat(json(api).get("detail").asText()).contains("CSRF");
        assertThat(api.body()).doesNotContain("logout").doesNotContain("MARKER");

        HttpResponse<String> browser = client.send(client.request("/logout?next=MARKER")
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("x=1")));
        assertThat(browser.statusCode()).isEqualTo(403);
        assertThat(browser.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(browser.body()).doesNotContain("MARKER");
    }

    // ------------------------------------------------------------------------------------------------ metrics

    @Test
    void prometheusMetricsAreOnlyForTheAdministrator() {
        assertProblem(client.send(client.request("/actuator/prometheus").header("Accept", "text/plain").GET()), 401);
        assertThat(client.send(client.request("/actuator/prometheus").header("Accept", "text/plain")
                .header("Authorization", WebClient.basic(CLINICIAN, PASSWORD)).GET()).statusCode()).isEqualTo(403);
        HttpResponse<String> scraped = client.send(client.request("/actuator/prometheus")
                .header("Accept", "text/plain").header("Authorization", WebClient.basic(ADMINISTRATOR, PASSWORD))
                .GET());
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(client.send(client.request("/actuator/health").GET()).statusCode()).as("health stays open")
                .isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------ size

    @Test
    void aProblemNamesAtMostTenFieldsAndCountsTheRest() throws Exception {
        String tags = String.join(",", Collections.nCopies(50_000, "\"\""));
        HttpResponse<String> answer = client.postJson("/api/things", CLINICIAN, PASSWORD,
                "{\"name\":\"Jan\",\"tags\":[" + tags + "]}");
        assertProblem(answer, 400);
        assertThat(answer.body().length()).isLessThan(3_000);
        JsonNode problem = json(answer);
        assertThat(problem.get("errors")).hasSize(10);
        assertThat(problem.get("moreErrors").asInt()).isEqualTo(49_990);
        assertThat(problem.get("detail").asText()).endsWith("; and 49990 more");

        StringBuilder unknown = new StringBuilder("{\"name\":\"Jan\"");
        for (int i = 0; i < 50_000; i++) {
            unknown.append(",\"f").append(i).append("\":1");
        }
        HttpResponse<String> unknownFields = client.postJson("/api/things", CLINICIAN, PASSWORD,
                unknown.append('}').toString());
        assertProblem(unknownFields, 400);
        assertThat(unknownFields.body().length()).isLessThan(1_000);
        assertThat(List.of(json(unknownFields).get("detail").asText())).containsExactly("f0: is not a known field");
    }
}
