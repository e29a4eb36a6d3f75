package nl.ipsexchange.platform.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.IpsProperties;

/**
 * The security baseline of every service: everything under {@code /api} needs a login (HTTP Basic), each
 * endpoint names the roles allowed ({@code @PreAuthorize}, checked by an architecture test), 401 without a
 * login, 403 for a role that is not allowed, both as problem documents. Health, metrics and the OpenAPI
 * document are open, for orchestrators and API clients.
 *
 * <p>Users come from a {@link UserDetailsService}: here the demo users, allowed only in the {@code demo}
 * profile and only with hashed passwords and roles of this service's agency. Another user store (an OpenID
 * Connect provider) replaces this bean without touching a controller, as long as it grants {@code ROLE_*}
 * authorities named after {@link Role}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    public static final String DEMO_PROFILE = "demo";

    /** The API: HTTP Basic, stateless, problem documents. */
    @Bean
    @org.springframework.core.annotation.Order(1)
    public SecurityFilterChain ipsSecurityFilterChain(HttpSecurity http) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        http.securityMatcher("/api/**", "/fhir/**", "/actuator", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**",
                        "/error")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error").permitAll()
                        .requestMatchers("/api/**", "/fhir/**").authenticated()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/fhir/**"))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** The pages: form login with a session, CSRF protection, everything else behind the login. */
    @Bean
    @org.springframework.core.annotation.Order(2)
    public SecurityFilterChain ipsPagesFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * Spring Security observes nothing: without this it still wraps every filter, the authentication manager and the
     * authorization manager in observations that {@code management.observations.enable.spring.security: false} only
     * leaves unrecorded (about 3 % of a registration's request thread in the benchmark's profile).
     */
    @Bean
    public org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * The chains' paths ({@code /api/**}, {@code /login}) are matched as path patterns, without asking Spring MVC's
     * handler mappings on every request (Spring Security 6.5's opt-in, the default from 7).
     */
    @Bean
    public org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean pathPatternMatchers() {
        return new org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** A request the firewall refuses (e.g. a CR/LF in its URL): a 400 problem document, not the error page. */
    @Bean
    public org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
        return new ProblemSecurityHandlers();
    }

    @Bean
    public org.springframework.web.servlet.config.annotation.WebMvcConfigurer authorizeBeforeBinding(
            ObjectProvider<nl.ipsexchange.platform.audit.AccessRecorder> recorder,
            ObjectProvider<org.springframework.transaction.support.TransactionTemplate> transactions) {
        return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
            @Override
            public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                registry.addInterceptor(new AuthorizeBeforeBinding(recorder, transactions));
            }
        };
    }

    /** bcrypt (by its {@code {bcrypt}} prefix), with successful verifications remembered for five minutes. */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return new VerifiedPasswordCache(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                java.time.Duration.ofMinutes(5));
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
