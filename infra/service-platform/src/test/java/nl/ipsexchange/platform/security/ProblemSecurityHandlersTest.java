package nl.ipsexchange.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;

class ProblemSecurityHandlersTest {

    @Test
    void aRequestTheFirewallRefusesIsA400ProblemThatDoesNotRepeatTheUrl() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/clients/%0d%0aSet-Cookie:x");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new ProblemSecurityHandlers().handle(request, response,
                new RequestRejectedException("The request was rejected because the URL contained \"%0d\""));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":400", "URL")
                .doesNotContain("Set-Cookie", "%0d");
        assertThat(response.getHeader("Set-Cookie")).isNull();
    }
}
