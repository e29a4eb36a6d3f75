package nl.ipsexchange.platform;

import java.time.LocalDate;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.servlet.ServletManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.embedded.EmbeddedWebServerFactoryCustomizerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import nl.ipsexchange.testsupport.MovableClock;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.security.SecurityConfiguration;
import nl.ipsexchange.platform.web.NavigationConfiguration;
import nl.ipsexchange.platform.web.NotFoundException;
import nl.ipsexchange.platform.web.PagesController;
import nl.ipsexchange.platform.web.ProblemDetailsAdvice;
import nl.ipsexchange.platform.web.WebInputConfiguration;

/**
 * The web and security layer every service has (security, input rules, problem documents, pages, the error
 * controller, actuator with Prometheus), on a real Tomcat and a fresh platform database, without Axon or Kafka:
 * for tests of what a service answers at its door. Its clock can be moved.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
        EmbeddedWebServerFactoryCustomizerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        ValidationAutoConfiguration.class, SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class, ThymeleafAutoConfiguration.class, EndpointAutoConfiguration.class,
        WebEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class,
        ServletManagementContextAutoConfiguration.class, MetricsAutoConfiguration.class,
        CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
        HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class})
@EnableConfigurationProperties(IpsProperties.class)
@Import({SecurityConfiguration.class, WebInputConfiguration.class, ProblemDetailsAdvice.class, PagesController.class,
        NavigationConfiguration.class, PlatformWebApplication.Endpoints.class, PlatformWebApplication.Pages.class})
public class PlatformWebApplication {

    /** The password of every user here. */
    public static final String PASSWORD = "right-password";
    public static final String CLINICIAN = "clinician";
    public static final String ADMINISTRATOR = "admin";

    /** Settings a test of this application starts it with (the users are the demo profile's). */
    public static final String[] PROPERTIES = {
        "spring.profiles.active=demo",
        "ips.service.name=web-test",
        "ips.service.agency=MENTAL_HEALTH",
        "server.port=0"};

    @Bean
    public DataSource dataSource() {
        return PlatformDatabase.fresh("web");
    }

    @Bean
    public MovableClock clock() {
        return new MovableClock(Instant.parse("2026-03-02T09:00:00Z"), ZoneId.of("Europe/Amsterdam"));
    }

    /** The users, as the demo profile has them: a hashed password and a role of the agency. */
    @Bean
    public static BeanPostProcessor users() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof IpsProperties properties && properties.getSecurity().getDemoUsers().isEmpty()) {
                    properties.getService().setAgency(Agency.MENTAL_HEALTH);
                    properties.getSecurity().getDemoUsers().addAll(List.of(user(CLINICIAN, Role.CLINICIAN, hash),
                            user(ADMINISTRATOR, Role.ADMINISTRATOR, hash)));
                }
                return bean;
            }
        };
    }

    private static IpsProperties.DemoUser user(String name, Role role, String hash) {
        IpsProperties.DemoUser user = new IpsProperties.DemoUser();
        user.setUsername(name);
        user.setRole(role);
        user.setPasswordHash(hash);
        return user;
    }

    /** A few operations with text in a body, a query and a path. */
    @RestController
    public static class Endpoints {

        public record Thing(@NotBlank String name, List<@NotBlank String> tags) {
        }

        @PostMapping("/api/things")
        @PreAuthorize("isAuthenticated()")
        public ResponseEntity<Void> create(@Valid @RequestBody Thing thing) {
            return ResponseEntity.noContent().build();
        }

        @GetMapping("/api/things")
        @PreAuthorize("isAuthenticated()")
        public ResponseEntity<String> search(@RequestParam(required = false) String userId) {
            return ResponseEntity.ok("[]");
        }

        @GetMapping("/api/things/{name}")
        @PreAuthorize("isAuthenticated()")
        public ResponseEntity<String> one(@PathVariable String name) {
            return ResponseEntity.ok("{}");
        }
    }

    /** A page that takes a date and an id, as the services' pages do, to show how their errors reach a browser. */
    @Controller
    public static class Pages {

        @GetMapping("/things-page/{name}")
        @PreAuthorize("isAuthenticated()")
        public String page(@PathVariable String name, @RequestParam LocalDate from) {
            if (name.equals("missing")) {
                throw new NotFoundException("no such thing");
            }
            return "platform/home";
        }
    }
}
