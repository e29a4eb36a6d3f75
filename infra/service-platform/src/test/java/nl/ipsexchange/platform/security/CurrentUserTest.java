package nl.ipsexchange.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.audit.AccessRecorder;

/**
 * Who is calling comes from any authentication that carries a name and {@code ROLE_*} authorities: the demo users'
 * form or Basic login, or (replacing them) an OpenID Connect provider's token with its own authorities beside ours.
 */
class CurrentUserTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aTokenFromAnotherUserStoreWithOurRoleAuthorityIsThatRole() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(
                "4f1c9e7a-oidc-subject", null, "SCOPE_openid", "ROLE_SOMETHING_ELSE", "ROLE_CLINICIAN"));

        assertThat(CurrentUser.role()).isEqualTo(Role.CLINICIAN);
        assertThat(CurrentUser.actor()).isEqualTo(new AccessRecorder.Actor(
                "4f1c9e7a-oidc-subject", "CLINICIAN"));
    }

    @Test
    void withoutARoleOfOursThereIsNoRoleAndSoNoHealthDataOrEndpoint() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(
                "someone", null, "SCOPE_openid"));

        assertThat(CurrentUser.role()).isNull();
        assertThat(CurrentUser.actor().role()).isNull();
    }

    @Test
    void withoutAnyAuthenticationTheActorIsAnonymous() {
        assertThat(CurrentUser.role()).isNull();
        assertThat(CurrentUser.actor().userId()).isEqualTo("anonymous");
    }
}
