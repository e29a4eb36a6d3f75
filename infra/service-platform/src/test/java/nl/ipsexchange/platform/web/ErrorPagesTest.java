package nl.ipsexchange.platform.web;

import static nl.ipsexchange.platform.PlatformWebApplication.CLINICIAN;
import static nl.ipsexchange.platform.PlatformWebApplication.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.platform.PlatformWebApplication;
import nl.ipsexchange.platform.WebClient;

/**
 * A browser is answered with a page, never with JSON (issue 30): unknown pages, bad ids and bad dates in a page's
 * address are error pages in plain words, with the wrong field named; the API keeps its problem documents.
 */
@SpringBootTest(classes = PlatformWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=demo", "ips.service.name=web-test"})
@AutoConfigureObservability(tracing = false)
class ErrorPagesTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;

    private WebClient client;

    @BeforeEach
    void client() {
        jdbc.update("delete from login_throttle");
        client = new WebClient(port, "198.51.100.50");
        assertThat(client.logIn(CLINICIAN, PASSWORD).statusCode()).isEqualTo(302);
    }

    private HttpResponse<String> browse(String path) {
        return client.send(client.request(path).header("Accept", BROWSER).GET());
    }

    private static void assertPage(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(answer.body()).startsWith("<!DOCTYPE html>").contains("Go to the home page")
                .doesNotContain("\"status\"").doesNotContain("Exception").doesNotContain("at nl.ipsexchange");
    }

    @Test
    void anUnknownPageIsAPageNotFoundThatDoesNotRepeatTheAddress() {
        HttpResponse<String> answer = browse("/no-such-page-MARKER");
        assertPage(answer, 404);
        assertThat(answer.body()).contains("Page not found").doesNotContain("MARKER");
    }

    @Test
    void anIdThatNamesNothingIsAPageNotFound() {
        HttpResponse<String> answer = browse("/things-page/missing?from=2026-01-01");
        assertPage(answer, 404);
        assertThat(answer.body()).contains("Page not found");
    }

    @ParameterizedTest(name = "from={0}")
    @ValueSource(strings = {"2026-13-01", "yesterday", "99999-01-01"})
    void aBadDateInAPagesAddressIsAPageNamingTheField(String from) {
        HttpResponse<String> answer = browse("/things-page/one?from=" + from);
        assertPage(answer, 400);
        assertThat(answer.body()).contains("There is a problem").contains("<strong>from</strong>")
                .doesNotContain(from);
    }

    @Test
    void aGoodRequestForThePageIsThePage() {
        HttpResponse<String> answer = browse("/things-page/one?from=2026-01-01");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Welcome");
    }

    @Test
    void theSameErrorAskedForAsJsonIsAProblemDocument() {
        HttpResponse<String> answer = client.send(client.request("/things-page/one?from=yesterday")
                .header("Accept", "application/json").GET());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"field\":\"from\"");
    }

    @Test
    void theApiAnswersABrowserWithItsProblemDocumentToo() {
        HttpResponse<String> answer = client.send(client.request("/api/no-such-thing/MARKER/x")
                .header("Accept", BROWSER).header("Authorization", WebClient.basic(CLINICIAN, PASSWORD)).GET());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void aRefusedFormOfSomeoneNotLoggedInDoesNotNameAnAnonymousUser() {
        HttpResponse<String> answer = client.send(new WebClient(port, "198.51.100.51").request("/logout")
                .header("Accept", BROWSER).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("x=1")));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).doesNotContain("anonymousUser").contains("Log in");
    }
}
