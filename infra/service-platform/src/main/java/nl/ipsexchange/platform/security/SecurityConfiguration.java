package nl.ipsexchange.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.audit.AccessRecorder;

/**
 * The security baseline of every service: everything under {@code /api} needs a login (HTTP Basic), each
 * endpoint names the roles allowed ({@code @PreAuthorize}, checked by an architecture test), 401 without a
 * login, 403 for a role that is not allowed, both as problem documents. Health and the OpenAPI document are
 * open, for orchestrators and API clients; metrics are for the service's {@code ADMINISTRATOR} (a scraper logs in
 * as one). Password logins are throttled and failures recorded ({@link ThrottledAuthenticationProvider}, ADR 35).
 *
 * <p>Users come from a {@link UserDetailsService}: here the demo users, allowed only in the {@code demo}
 * profile and only with hashed passwords and roles of this service's agency. Another user store (an OpenID
 * Connect provider) replaces this bean without touching a controller, as long as it grants {@code ROLE_*}
 * authorities named after {@link Role}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@Import(SecurityEventsController.class)
public class SecurityConfiguration {

    public static final String DEMO_PROFILE = "demo";

    /** The API: HTTP Basic, stateless, problem documents. Metrics only for the service's administrator. */
    @Bean
    @Order(1)
    public SecurityFilterChain ipsSecurityFilterChain(HttpSecurity http, Logins logins) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        http.securityMatcher("/api/**", "/fhir/**", "/actuator", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**",
                        "/error")
                .authenticationManager(logins.manager())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/v3/api-docs", "/v3/api-docs/**", "/error").permitAll()
                        .requestMatchers("/actuator/prometheus").hasRole(Role.ADMINISTRATOR.name())
                        .requestMatchers("/api/**", "/fhir/**").authenticated()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/fhir/**", "/error"))
                .headers(headers -> headers.referrerPolicy(SecurityConfiguration::noReferrer))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * The pages: form login with a session, CSRF protection, everything else behind the login. A login goes on to
     * the page that sent the user to it. A throttled login is sent back to the login page, which says so.
     */
    @Bean
    @Order(2)
    public SecurityFilterChain ipsPagesFilterChain(HttpSecurity http, Logins logins) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        http.authenticationManager(logins.manager())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                // after the login, back to the page asked for (the saved request), else home
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler((request, response, failure) -> response.sendRedirect(
                                request.getContextPath() + (failure instanceof LoginThrottledException
                                        ? "/login?throttled" : failure instanceof LoginUncheckedException
                                        ? "/login?unavailable" : "/login?error")))
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(problems.forPages()))
                .headers(headers -> headers.referrerPolicy(SecurityConfiguration::noReferrer)
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * No answer tells the next site where the user came from: URLs carry client ids. (HSTS is Spring's default:
     * written on requests that came in over TLS, also through a proxy that says so in {@code X-Forwarded-Proto}.)
     */
    private static void noReferrer(HeadersConfigurer<HttpSecurity>.ReferrerPolicyConfig referrer) {
        referrer.policy(ReferrerPolicy.NO_REFERRER);
    }

    /** How a password login is checked, throttled and recorded (ADR 35); the one authentication manager of both. */
    public record Logins(AuthenticationManager manager) {
    }

    @Bean
    public LoginThrottle loginThrottle(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock,
                                       IpsProperties properties) {
        return new LoginThrottle(jdbc, transactions, clock, properties.getSecurity().getLoginThrottle());
    }

    @Bean
    public SecurityEvents securityEvents(JdbcTemplate jdbc, Clock clock) {
        return new SecurityEvents(jdbc, clock);
    }

    @Bean
    public Logins logins(UserDetailsService users, PasswordEncoder passwordEncoder, LoginThrottle throttle,
                         SecurityEvents events) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new Logins(new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle, events)));
    }

    /**
     * Spring Security observes nothing: without this it still wraps every filter, the authentication manager and the
     * authorization manager in observations that {@code management.observations.enable.spring.security: false} only
     * leaves unrecorded (about 3 % of a registration's request thread in the benchmark's profile).
     */
    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The chains' paths ({@code /api/**}, {@code /login}) are matched as path patterns, without asking Spring MVC's
     * handler mappings on every request (Spring Security 6.5's opt-in, the default from 7).
     */
    @Bean
    public PathPatternRequestMatcherBuilderFactoryBean pathPatternMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** A request the firewall refuses (e.g. a CR/LF in its URL): a 400 problem document, not the error page. */
    @Bean
    public RequestRejectedHandler requestRejectedHandler() {
        return new ProblemSecurityHandlers();
    }

    @Bean
    public WebMvcConfigurer authorizeBeforeBinding(
            ObjectProvider<AccessRecorder> recorder,
            ObjectProvider<TransactionTemplate> transactions) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AuthorizeBeforeBinding(recorder, transactions));
            }
        };
    }

    /** bcrypt (by its {@code {bcrypt}} prefix), with successful verifications remembered for five minutes. */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return new VerifiedPasswordCache(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                Duration.ofMinutes(5));
    }

    @Bean
    public UserDetailsService userDetailsService(IpsProperties properties, Environment environment) {
        List<IpsProperties.DemoUser> demoUsers = properties.getSecurity().getDemoUsers();
        boolean demo = environment.acceptsProfiles(Profiles.of(DEMO_PROFILE));
        if (!demo && !demoUsers.isEmpty()) {
            throw new IllegalStateException("demo users are configured but the demo profile is not active "
                    + "(active profiles: " + Arrays.toString(environment.getActiveProfiles()) + ")");
        }
        List<UserDetails> users = new ArrayList<>();
        for (IpsProperties.DemoUser user : demoUsers) {
            users.add(demoUser(user, properties));
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails demoUser(IpsProperties.DemoUser user, IpsProperties properties) {
        if (user.getUsername() == null || user.getRole() == null || user.getPasswordHash() == null) {
            throw new IllegalStateException("a demo user needs a username, a role and a password hash");
        }
        if (!user.getPasswordHash().startsWith("{bcrypt}")) {
            throw new IllegalStateException("demo user " + user.getUsername() + " must have a {bcrypt} hash");
        }
        Role role = user.getRole();
        if (!role.belongsTo(properties.getService().getAgency())) {
            throw new IllegalStateException("demo user " + user.getUsername() + " has role " + role
                    + ", which does not belong to this service's agency");
        }
        return User.withUsername(user.getUsername())
                .password(user.getPasswordHash())
                .roles(role.name())
                .build();
    }
}
