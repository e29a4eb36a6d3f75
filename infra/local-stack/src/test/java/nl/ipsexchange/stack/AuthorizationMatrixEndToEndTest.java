package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.testsupport.ApiClient;

/**
 * Every endpoint of every service against every role of that service, a user of another service, and no login:
 * allowed roles get through security (any answer but 401/403, never a 5xx), other roles get 403, no login gets 401.
 * {@link AuthorizationMatrix} is the specification; a new endpoint that is not in it fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixEndToEndTest {

    private static final String ID = "0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11";

    /**
     * Logging in at every endpoint as a user of another service is a failed login each time, from one address: the
     * login throttle (ADR 35, LoginAttackTest) would answer 429 after ten. It is not what this test is about.
     */
    private final FiveServices services = new FiveServices(
            service -> List.of("--ips.security.login-throttle.max-failures=100000"));

    @AfterAll
    void stop() {
        services.close();
    }

    @Test
    void everyEndpointOfEveryServiceIsInTheMatrix() {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Set<String> documented = new TreeSet<>();
            JsonNode paths = services.anonymous(service).get("/v3/api-docs").json().get("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                path.getValue().fieldNames().forEachRemaining(method ->
                        documented.add(method.toUpperCase() + " " + path.getKey()));
            }
            assertThat(documented).as(service.name())
                    .isEqualTo(new TreeSet<>(AuthorizationMatrix.MATRIX.get(service).keySet()));
        }
    }

    @Test
    void allowedRolesGetThroughOthersGet403WithoutLoginIs401() {
        List<String> violations = new ArrayList<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            String foreignUser = service == ServiceDefinition.AUDIT ? "mha.clinician" : "audit.auditor";
            for (Map.Entry<String, Set<String>> entry : AuthorizationMatrix.MATRIX.get(service).entrySet()) {
                String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
                String path = concrete(entry.getKey().substring(entry.getKey().indexOf(' ') + 1));
                check(violations, service, entry.getKey(), "no login", send(services.anonymous(service), method, path),
                        401);
                check(violations, service, entry.getKey(), foreignUser,
                        send(services.as(service, foreignUser), method, path), 401);
                for (Map.Entry<String, String> user : AuthorizationMatrix.USERS.get(service).entrySet()) {
                    ApiClient.Response response = send(services.as(service, user.getValue()), method, path);
                    if (entry.getValue().contains(user.getKey())) {
                        if (response.status() == 401 || response.status() == 403 || response.status() >= 500) {
                            violations.add(service.name() + " " + entry.getKey() + " as " + user.getValue()
                                    + ": allowed but got " + response.status());
                        }
                    } else {
                        check(violations, service, entry.getKey(), user.getValue(), response, 403);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void aRefusedAttemptToReadHealthDataIsRecordedWithUserRoleClientAndCategories() {
        Map<String, String> attempts = new LinkedHashMap<>(); // client id -> "service endpoint as user"
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            for (String endpoint : AuthorizationMatrix.HEALTH_READS.get(service)) {
                assertThat(AuthorizationMatrix.MATRIX.get(service)).containsKey(endpoint);
                for (Map.Entry<String, String> user : AuthorizationMatrix.USERS.get(service).entrySet()) {
                    if (AuthorizationMatrix.MATRIX.get(service).get(endpoint).contains(user.getKey())) {
                        continue;
                    }
                    String client = UUID.randomUUID().toString();
                    String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                            .replace("{clientId}", client).replace("{category}", "DIAGNOSIS");
                    assertThat(services.as(service, user.getValue()).get(path).status()).isEqualTo(403);
                    attempts.put(client, service.name() + " " + endpoint + " as " + user.getValue());
                }
            }
        }
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(8);
        ApiClient auditor = services.as(ServiceDefinition.AUDIT, "audit.auditor");
        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            String user = attempt.getValue().substring(attempt.getValue().lastIndexOf(' ') + 1);
            FiveServices.await(() -> auditor.get("/api/access-records?clientId=" + attempt.getKey()).json().size() == 1,
                    "the refused attempt reaches the audit trail: " + attempt.getValue());
            JsonNode record = auditor.get("/api/access-records?clientId=" + attempt.getKey()).json().get(0);
            assertThat(record.get("outcome").asText()).as(attempt.getValue()).isEqualTo("DENIED");
            assertThat(record.get("userId").asText()).as(attempt.getValue()).isEqualTo(user);
            assertThat(record.get("role").asText()).as(attempt.getValue()).isNotBlank();
            assertThat(record.get("action").asText()).as(attempt.getValue()).isEqualTo("VIEW");
            List<String> categories = new ArrayList<>();
            record.get("categories").forEach(category -> categories.add(category.asText()));
            assertThat(categories).as(attempt.getValue()).isNotEmpty()
                    .allMatch(c -> Set.of("HEALTH_SUMMARY", "DIAGNOSIS", "TREATMENT").contains(c));
            if (attempt.getValue().contains("/health/")) {
                assertThat(categories).as(attempt.getValue()).containsExactly("DIAGNOSIS");
            }
        }
    }

    @Test
    void everyPageAndFormOfEveryServiceAgainstEveryRoleAndNoLogin() {
        List<String> violations = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            RunningServiceView running = RunningServiceView.of(services, service);
            Map<String, PageSession> sessions = new HashMap<>();
            AuthorizationMatrix.USERS.get(service).values()
                    .forEach(user -> sessions.put(user, PageSession.loggedIn(running.baseUrl(), user)));
            for (String page : running.pages()) {
                seen.add(page);
                if (!AuthorizationMatrix.PAGES.containsKey(page)) {
                    violations.add(service.name() + " " + page + " is not in the page matrix");
                    continue;
                }
                String method = page.substring(0, page.indexOf(' '));
                String path = concrete(page.substring(page.indexOf(' ') + 1));
                PageSession.Page anonymous = sendPage(PageSession.anonymous(running.baseUrl()), method, path);
                if (!(anonymous.redirectsToLogin() || anonymous.status() == 401 || anonymous.status() == 403)) {
                    violations.add(service.name() + " " + page + " without login: " + anonymous.status());
                }
                for (String user : AuthorizationMatrix.USERS.get(service).values()) {
                    Set<String> allowed = AuthorizationMatrix.PAGES.get(page);
                    boolean may = allowed.contains("*") || allowed.contains(running.roleOf(user));
                    PageSession.Page answer = sendPage(sessions.get(user), method, path);
                    boolean refused = answer.status() == 403 || answer.redirectsToLogin() || answer.status() == 401;
                    if (may && (refused || answer.status() >= 500)) {
                        violations.add(service.name() + " " + page + " as " + user + ": allowed but got "
                                + answer.status() + " " + answer.location());
                    } else if (!may && answer.status() != 403) {
                        violations.add(service.name() + " " + page + " as " + user + ": expected 403, got "
                                + answer.status() + " " + answer.location());
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(seen).as("every page of the matrix exists").containsAll(AuthorizationMatrix.PAGES.keySet());
    }

    @Test
    void everyUserSeesTheirNavigationLinksInTheirOrder() {
        Map<String, List<String>> shown = new TreeMap<>();
        Map<String, List<String>> expected = new TreeMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            String baseUrl = RunningServiceView.of(services, service).baseUrl();
            AuthorizationMatrix.USERS.get(service).forEach((who, user) -> {
                // every page includes the same header fragment; the home page is the one every user may see
                PageSession.Page home = PageSession.loggedIn(baseUrl, user).get("/");
                assertThat(home.status()).as(user).isEqualTo(200);
                shown.put(service.name() + " " + who, navigation(home.body()));
                expected.put(service.name() + " " + who, AuthorizationMatrix.NAVIGATION.get(service).get(who));
            });
        }
        assertThat(shown).isEqualTo(expected);
    }

    /** The main navigation's links, {@code "label path"} in the page's order. */
    private static List<String> navigation(String body) {
        Matcher nav = Pattern.compile("<nav aria-label=\"Main\">(.*?)</nav>", Pattern.DOTALL).matcher(body);
        assertThat(nav.find()).as("a main navigation").isTrue();
        Matcher link = Pattern.compile("<a href=\"([^\"]*)\"[^>]*>([^<]*)</a>").matcher(nav.group(1));
        List<String> links = new ArrayList<>();
        while (link.find()) {
            links.add(link.group(2).strip() + " " + link.group(1));
        }
        return links;
    }

    private static PageSession.Page sendPage(PageSession session, String method, String path) {
        return "GET".equals(method) ? session.get(path) : session.post(path, Map.of());
    }

    /** A running service's pages (its mapped non-API handlers) and its users' roles. */
    private record RunningServiceView(String baseUrl, ApplicationContext context) {

        static RunningServiceView of(FiveServices services, ServiceDefinition service) {
            var running = services.running().stream().filter(r -> r.definition() == service).findFirst()
                    .orElseThrow();
            return new RunningServiceView(running.baseUrl(), running.context());
        }

        Set<String> pages() {
            Set<String> pages = new TreeSet<>();
            var mapping = context.getBean("requestMappingHandlerMapping",
                    RequestMappingHandlerMapping.class);
            mapping.getHandlerMethods().forEach((info, handler) -> {
                if (handler.getBeanType().isAnnotationPresent(RestController.class)) {
                    return; // the API, in the OpenAPI document and the matrix above
                }
                for (String pattern : info.getPatternValues()) {
                    if (pattern.startsWith("/error") || pattern.startsWith("/login") || pattern.startsWith("/v3/")
                            || pattern.startsWith("/swagger")) {
                        continue;
                    }
                    info.getMethodsCondition().getMethods().forEach(method -> pages.add(method.name() + " " + pattern));
                }
            });
            return pages;
        }

        String roleOf(String user) {
            return context.getBean(UserDetailsService.class)
                    .loadUserByUsername(user).getAuthorities().stream()
                    .map(a -> a.getAuthority()).filter(a -> a.startsWith("ROLE_"))
                    .map(a -> a.substring("ROLE_".length())).findFirst().orElseThrow();
        }
    }

    private static void check(List<String> violations, ServiceDefinition service, String endpoint, String who,
                              ApiClient.Response response, int expected) {
        if (response.status() != expected || !response.isProblem()) {
            violations.add(service.name() + " " + endpoint + " as " + who + ": expected a " + expected
                    + " problem, got " + response.status() + " " + response.contentType());
        }
    }

    private static String concrete(String template) {
        String path = template.replace("{category}", "HEALTH_SUMMARY").replace("{date}", "2026-03-05").replaceAll("\\{[^}]+}", ID);
        if (path.endsWith("/anomalies")) {
            return path + "?type=WITHOUT_CONSENT";
        }
        if (path.startsWith("/trail/")) {
            return path + "?clientId=" + ID;
        }
        if (path.endsWith("/AuditEvent")) {
            return path + "?patient=" + ID;
        }
        return path;
    }

    private static ApiClient.Response send(ApiClient client, String method, String path) {
        return switch (method) {
            case "GET" -> client.get(path);
            case "PUT" -> client.put(path, "{}");
            default -> client.post(path, "{}");
        };
    }
}
