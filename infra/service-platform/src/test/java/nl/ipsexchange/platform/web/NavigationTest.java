package nl.ipsexchange.platform.web;

import static nl.ipsexchange.platform.PlatformWebApplication.ADMINISTRATOR;
import static nl.ipsexchange.platform.PlatformWebApplication.CLINICIAN;
import static nl.ipsexchange.platform.PlatformWebApplication.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.PlatformWebApplication;
import nl.ipsexchange.platform.WebClient;

/**
 * The header of every page lists the {@link NavigationLink} beans the service's modules contribute (ADR 0043): by
 * their order, then path, whatever order the beans were made in; each to the users with one of its roles, a link
 * without roles to everyone. The platform's own are its home page first and its parked messages last.
 */
@SpringBootTest(classes = {PlatformWebApplication.class, NavigationTest.Contributed.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=demo", "ips.service.name=web-test"})
class NavigationTest {

    /** Links as contexts and services contribute them, declared out of order. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Contributed {

        @Bean
        NavigationLink meetingLink() {
            return NavigationLink.forRoles(500, "/meeting", "Practitioner meeting", Role.CLINICIAN,
                    Role.LABOUR_EXPERT);
        }

        @Bean
        NavigationLink helpLink() {
            return NavigationLink.forEveryone(300, "/help", "Help");
        }

        @Bean
        NavigationLink statusLink() {
            return NavigationLink.forRoles(100, "/status", "Status", Role.PROGRAMME_DIRECTOR, Role.AUDITOR);
        }

        @Bean
        NavigationLink aboutLink() {
            return NavigationLink.forEveryone(300, "/about", "About");
        }

        @Bean
        WorkQueue requestsQueue() {
            return WorkQueue.forRoles(210, "/requests", "1 request waits for an answer",
                    "%d requests wait for an answer", WAITING::get, Role.CLINICIAN);
        }

        @Bean
        NavigationLink clientsLink() {
            return NavigationLink.forRoles(200, "/clients", "Clients", Role.CLINICIAN, Role.IPS_SPECIALIST);
        }
    }

    /** How many requests the contributed work queue finds waiting. */
    private static final AtomicLong WAITING = new AtomicLong();

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void noThrottledLogins() {
        jdbc.update("delete from login_throttle");
    }

    @Test
    void everyUserSeesTheLinksOfTheirRolesInTheirOrder() {
        assertThat(navigationOf(CLINICIAN)).containsExactly("Home /", "Clients /clients", "About /about",
                "Help /help", "Practitioner meeting /meeting");
        assertThat(navigationOf(ADMINISTRATOR)).containsExactly("Home /", "About /about", "Help /help",
                "Parked messages /admin/parked-messages");
    }

    @Test
    void theHomePageListsTheSamePagesAsTheHeaderButItself() {
        assertThat(linksOf(CLINICIAN, "<ul id=\"pages\">(.*?)</ul>")).containsExactly("Clients /clients",
                "About /about", "Help /help", "Practitioner meeting /meeting");
        assertThat(linksOf(ADMINISTRATOR, "<ul id=\"pages\">(.*?)</ul>")).containsExactly("About /about",
                "Help /help", "Parked messages /admin/parked-messages");
    }

    @Test
    void aLinkIsForTheRolesItNamesOrForEveryone() {
        NavigationLink meeting = NavigationLink.forRoles(500, "/meeting", "Practitioner meeting", Role.CLINICIAN,
                Role.LABOUR_EXPERT);

        assertThat(meeting.isFor(new TestingAuthenticationToken("c", null, "ROLE_CLINICIAN"))).isTrue();
        assertThat(meeting.isFor(new TestingAuthenticationToken("l", null, "OTHER", "ROLE_LABOUR_EXPERT")))
                .isTrue();
        assertThat(meeting.isFor(new TestingAuthenticationToken("s", null, "ROLE_IPS_SPECIALIST"))).isFalse();
        assertThat(meeting.isFor(new TestingAuthenticationToken("n", null, "CLINICIAN")))
                .as("a role is a ROLE_ authority").isFalse();
        assertThat(meeting.isFor(new AnonymousAuthenticationToken("key", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isFalse();
        assertThat(meeting.isFor(null)).isFalse();
        assertThat(NavigationLink.forEveryone(0, "/", "Home").isFor(null)).isTrue();
    }

    @Test
    void twoLinksToOnePathOrALinkWithoutAPathOrLabelAreRefused() {
        assertThatThrownBy(() -> new Navigation(List.of(NavigationLink.forEveryone(0, "/", "Home"),
                NavigationLink.forEveryone(10, "/", "Start")))).hasMessageContaining("two navigation links to /");
        assertThatThrownBy(() -> new NavigationLink(0, "funding", "Funding", Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NavigationLink(0, "/funding", " ", Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHomePageShowsTheWorkThatWaitsForTheUsersRoleAndNothingWhenNoneWaits() {
        WAITING.set(2);
        assertThat(linksOf(CLINICIAN, "<ul id=\"work\">(.*?)</ul>"))
                .containsExactly("2 requests wait for an answer /requests");
        WAITING.set(1);
        assertThat(linksOf(CLINICIAN, "<ul id=\"work\">(.*?)</ul>"))
                .containsExactly("1 request waits for an answer /requests");
        assertThat(homeOf(ADMINISTRATOR)).as("not the administrator's work")
                .doesNotContain("id=\"work\"").contains("Nothing waits for you.");
        WAITING.set(0);
        assertThat(homeOf(CLINICIAN)).doesNotContain("id=\"work\"").contains("Nothing waits for you.");
    }

    /** The home page's main navigation as the user sees it: {@code "label path"} in the page's order. */
    private List<String> navigationOf(String user) {
        return linksOf(user, "<nav aria-label=\"Main\">(.*?)</nav>");
    }

    /** The links in the part of the user's home page that {@code part} finds: {@code "label path"} in order. */
    private List<String> linksOf(String user, String part) {
        String home = homeOf(user);
        Matcher nav = Pattern.compile(part, Pattern.DOTALL).matcher(home);
        assertThat(nav.find()).as(home).isTrue();
        Matcher link = Pattern.compile("<a href=\"([^\"]*)\"[^>]*>([^<]*)</a>").matcher(nav.group(1));
        List<String> links = new ArrayList<>();
        while (link.find()) {
            links.add(link.group(2).strip() + " " + link.group(1));
        }
        return links;
    }

    private String homeOf(String user) {
        WebClient browser = new WebClient(port, "198.51.100.41");
        assertThat(browser.logIn(user, PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> home = browser.send(browser.request("/").header("Accept", "text/html").GET());
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        return home.body();
    }
}
