package nl.ipsexchange.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.IpsProperties;

class SecurityConfigurationTest {

    private static final String DEMO_HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("demo");

    private final SecurityConfiguration security = new SecurityConfiguration();

    @Test
    void demoUsersExistOnlyInTheDemoProfile() {
        IpsProperties properties = benefitsAgencyWith(user("benefits.physician", Role.INSURANCE_PHYSICIAN, DEMO_HASH));

        assertThatThrownBy(() -> security.userDetailsService(properties, new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo profile is not active");

        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        UserDetails physician = security.userDetailsService(properties, demo).loadUserByUsername("benefits.physician");
        assertThat(physician.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_INSURANCE_PHYSICIAN");
        assertThat(security.passwordEncoder().matches("demo", physician.getPassword())).isTrue();
        assertThat(security.passwordEncoder().matches("not-demo", physician.getPassword())).isFalse();
    }

    @Test
    void withoutTheDemoProfileThereAreNoUsersAtAll() {
        UserDetailsService users = security.userDetailsService(benefitsAgencyWith(), new MockEnvironment());
        assertThatThrownBy(() -> users.loadUserByUsername("benefits.physician"))
                .isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void aPlainPasswordIsRefused() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThatThrownBy(() -> security.userDetailsService(
                benefitsAgencyWith(user("benefits.manager", Role.BENEFITS_MANAGER, "demo")), demo))
                .hasMessageContaining("must have a {bcrypt} hash");
    }

    @Test
    void aRoleOfAnotherAgencyIsRefused() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThatThrownBy(() -> security.userDetailsService(
                benefitsAgencyWith(user("intruder", Role.CLINICIAN, DEMO_HASH)), demo))
                .hasMessageContaining("does not belong to this service's agency");
    }

    private static IpsProperties benefitsAgencyWith(IpsProperties.DemoUser... users) {
        IpsProperties properties = new IpsProperties();
        properties.getService().setAgency(Agency.BENEFITS);
        properties.getSecurity().getDemoUsers().addAll(List.of(users));
        return properties;
    }

    private static IpsProperties.DemoUser user(String name, Role role, String hash) {
        IpsProperties.DemoUser user = new IpsProperties.DemoUser();
        user.setUsername(name);
        user.setRole(role);
        user.setPasswordHash(hash);
        return user;
    }
}
