package nl.ipsexchange.status;

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
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.security.SecurityConfiguration;
import nl.ipsexchange.platform.web.NavigationConfiguration;
import nl.ipsexchange.platform.web.PagesController;
import nl.ipsexchange.platform.web.ProblemDetailsAdvice;
import nl.ipsexchange.platform.web.WebInputConfiguration;
import nl.ipsexchange.testsupport.MovableClock;

/**
 * The status context behind the web and security layer every service has (as the platform's PlatformWebApplication,
 * without Axon or Kafka), on a real Tomcat and a new database with status's tables: for tests of what its API and page
 * answer. Today is 2 March 2026 (Europe/Amsterdam); a programme director reads the status, a clinician may not.
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
        CompositeMeterRegistryAutoConfiguration.class, HealthContributorAutoConfiguration.class,
        HealthEndpointAutoConfiguration.class})
@EnableConfigurationProperties(IpsProperties.class)
@Import({SecurityConfiguration.class, WebInputConfiguration.class, ProblemDetailsAdvice.class, PagesController.class,
        NavigationConfiguration.class, StatusConfiguration.class})
public class StatusWebApplication {

    public static final String PASSWORD = "right-password";
    public static final String DIRECTOR = "director";
    public static final String CLINICIAN = "clinician";

    @Bean
    public DataSource dataSource() {
        return StatusDatabase.migrated("statusweb").runtime();
    }

    @Bean
    public MovableClock clock() {
        return new MovableClock(Instant.parse("2026-03-02T09:00:00Z"), ZoneId.of("Europe/Amsterdam"));
    }

    /** The users, as the demo profile has them: a hashed password and a role of the mental health agency. */
    @Bean
    public static BeanPostProcessor users() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof IpsProperties properties && properties.getSecurity().getDemoUsers().isEmpty()) {
                    properties.getService().setAgency(Agency.MENTAL_HEALTH);
                    properties.getSecurity().getDemoUsers().addAll(List.of(user(DIRECTOR, Role.PROGRAMME_DIRECTOR,
                            hash), user(CLINICIAN, Role.CLINICIAN, hash)));
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
}
