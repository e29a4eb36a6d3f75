package nl.ipsexchange.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import nl.ipsexchange.kernel.RuleViolationException;

/**
 * What a service answers to bad input, with the platform's advice, body rules and JSON settings (those of
 * {@code ips-platform.yml}): a 400/413/415 problem that names what is wrong and repeats nothing of the input.
 */
class BadInputProblemsTest {

    private static final int LIMIT = 1024;

    @RestController
    static class Endpoints {

        record Body(@NotBlank String name, Boolean flag, LocalDate date, BigDecimal hours, Integer count) {
        }

        record Search(@Size(max = 5, message = "must be at most 5 characters") String userId) {
        }

        @PostMapping("/body")
        ResponseEntity<Void> body(@Valid @RequestBody Body body) {
            return ResponseEntity.noContent().build();
        }

        @GetMapping("/period")
        ResponseEntity<String> period(@RequestParam @DateTimeFormat(
                iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                      @RequestParam(required = false) LocalDate to) {
            return ResponseEntity.ok(from + ".." + to);
        }

        @PostMapping("/optional")
        ResponseEntity<Void> optional(@RequestBody(required = false) Body body) {
            return ResponseEntity.noContent().build();
        }

        /** As method validation of a {@code @Validated} controller does it. */
        @GetMapping("/search")
        ResponseEntity<Void> search(@RequestParam String userId) {
            Set<ConstraintViolation<Search>> violations = Validation.buildDefaultValidatorFactory().getValidator()
                    .validate(new Search(userId));
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            return ResponseEntity.noContent().build();
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoints())
            .setControllerAdvice(new ProblemDetailsAdvice(), new JsonNullBodyAdvice())
            .setMessageConverters(new MappingJackson2HttpMessageConverter(mapper()))
            .addFilters(new RequestBodyLimitFilter(LIMIT))
            .setConversionService(conversionService())
            .build();

    /** Spring's formatters for queries and paths, then the platform's, in the order a running service has them. */
    private static FormattingConversionService conversionService() {
        var service = new DefaultFormattingConversionService();
        new WebInputConfiguration().jsonAndInputDates().addFormatters(service);
        return service;
    }

    private static ObjectMapper mapper() {
        Jackson2ObjectMapperBuilder builder = Jackson2ObjectMapperBuilder.json().featuresToEnable(
                DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        new WebInputConfiguration().strictJson().customize(builder);
        return builder.build();
    }

    private ResultActions postJson(String path, byte[] body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions postJson(String path, String body) throws Exception {
        return postJson(path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A rule's refusal names its field as a form's problems do, so a page can link the error to the field. */
    @Test
    void aRulesRefusalThatNamesItsFieldIsA400NamingThatField() {
        ProblemDetail named = (ProblemDetail) ExceptionProblems.of(
                RuleViolationException.invalid("team: Team Noord is not one of the agency's IPS teams")).getBody();
        ProblemDetail unnamed = (ProblemDetail) ExceptionProblems.of(
                RuleViolationException.invalid("The trajectory is closed.")).getBody();

        assertThat(named.getStatus()).isEqualTo(400);
        assertThat(named.getDetail()).isEqualTo("team: Team Noord is not one of the agency's IPS teams");
        assertThat(named.getProperties()).containsEntry("errors",
                List.of(new FieldProblem("team", "Team Noord is not one of the agency's IPS teams")));
        assertThat(unnamed.getStatus()).isEqualTo(400);
        assertThat(unnamed.getDetail()).isEqualTo("The trajectory is closed.");
        assertThat(unnamed.getProperties()).isNull();
    }

    @Test
    void aSyntaxErrorInsideAFieldIsMalformedJsonNotAWrongField() throws Exception {
        postJson("/body", "{\"name\":\"abc").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Malformed JSON"));
        byte[] invalidUtf8 = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};
        postJson("/body", invalidUtf8).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Malformed JSON"));
    }

    @Test
    void anythingButOneJsonObjectIsRefusedAsSuch() throws Exception {
        for (String body : new String[] {"{\"name\":\"a\"} {\"name\":\"b\"}", "[{\"name\":\"a\"}]", "\"a\""}) {
            postJson("/body", body).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value("body: must be one JSON object"));
        }
    }

    @Test
    void aNullBodyIsNotTakenForNoBody() throws Exception {
        postJson("/optional", "null").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("body: must be a JSON object, not null"));
        mvc.perform(post("/optional")).andExpect(status().isNoContent());
    }

    @Test
    void aNumberIsNotABoolean() throws Exception {
        postJson("/body", "{\"name\":\"a\",\"flag\":1}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("flag: must be true or false"));
        postJson("/body", "{\"name\":\"a\",\"flag\":true}").andExpect(status().isNoContent());
    }

    @Test
    void jsonIsReadAsWrittenNotConverted() throws Exception {
        for (String[] wrong : new String[][] {
                {"{\"name\":12.5}", "name: must be a string"},
                {"{\"name\":1990}", "name: must be a string"},
                {"{\"name\":true}", "name: must be a string"},
                {"{\"name\":\"a\",\"hours\":\"2\"}", "hours: must be a number"},
                {"{\"name\":\"a\",\"hours\":true}", "hours: must be a number"},
                {"{\"name\":\"a\",\"count\":\"2\"}", "count: must be a whole number"},
                {"{\"name\":\"a\",\"date\":1990}", "date: " + InputDates.EXPECTED},
                {"{\"name\":\"a\",\"date\":[1990,4,1]}", "date: " + InputDates.EXPECTED}}) {
            postJson("/body", wrong[0]).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(wrong[1]));
        }
        postJson("/body", "{\"name\":\"a\",\"hours\":2.5,\"count\":2,\"date\":\"1990-04-01\"}")
                .andExpect(status().isNoContent());
    }

    @Test
    void aFieldGivenTwiceIsRefusedNotTheLastOneTaken() throws Exception {
        postJson("/body", "{\"name\":\"a\",\"name\":\"b\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("name: is given more than once"));
        postJson("/body", "{\"name\":\"a\",\"flag\":true,\"flag\":false}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("flag: is given more than once"));
        postJson("/body", "{\"name\":\"a\",\"${x}\":1,\"${x}\":2}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("body: ")));
    }

    @Test
    void aDateIsADayOfTheYears1900To2199InTheFormYyyyMmDd() throws Exception {
        for (String wrong : new String[] {"0000-01-01", "1899-12-31", "2200-01-01", "+99999-01-01",
                "-4714-01-01", "-999999999-01-01", "+999999999-12-31", "2026-02-30", "2026-1-1", "01-02-2026",
                "2026-01-01T00:00:00", " 2026-01-01", ""}) {
            postJson("/body", "{\"name\":\"a\",\"date\":\"" + wrong + "\"}").andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value("date: " + InputDates.EXPECTED));
            if (wrong.isEmpty()) {
                continue; // an empty parameter is a missing one, also a 400
            }
            mvc.perform(get("/period").param("from", wrong)).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value("from: " + InputDates.EXPECTED));
            mvc.perform(get("/period").param("from", "2026-01-01").param("to", wrong))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value("to: " + InputDates.EXPECTED));
        }
        for (String right : new String[] {"1900-01-01", "2026-12-04", "2199-12-31"}) {
            postJson("/body", "{\"name\":\"a\",\"date\":\"" + right + "\"}").andExpect(status().isNoContent());
            mvc.perform(get("/period").param("from", right).param("to", right)).andExpect(status().isOk())
                    .andExpect(content().string("\"" + right + ".." + right + "\""));
        }
    }

    @Test
    void anUnknownFieldIsNamedOnlyWhenItsNameIsAPlainName() throws Exception {
        postJson("/body", "{\"nickname\":\"a\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("nickname: is not a known field"));
        String answer = postJson("/body", "{\"${jndi:ldap://x/a}\":1}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("body: has a field that is not known (its name is not "
                        + "repeated)"))
                .andReturn().getResponse().getContentAsString();
        assertThat(answer).doesNotContain("jndi");
    }

    @Test
    void aWrongContentTypeIsNotRepeated() throws Exception {
        String answer = mvc.perform(post("/body").contentType("text/plain;charset=UTF-8;evil=yes").content("{}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Content-Type: must be application/json"))
                .andReturn().getResponse().getContentAsString();
        assertThat(answer).doesNotContain("evil", "text/plain");
    }

    @Test
    void aParameterConstraintIsA400NamingTheParameter() throws Exception {
        mvc.perform(get("/search").param("userId", "much too long")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("userId: must be at most 5 characters"));
    }

    @Test
    void noProblemRepeatsTheRequestUri() throws Exception {
        mvc.perform(post("/body").contentType(MediaType.APPLICATION_JSON).content("{}").queryParam("q", "${jndi}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.instance").doesNotExist());
    }

    @Test
    void anUnknownPathIsA404ThatDoesNotRepeatThePath() throws Exception {
        // what Spring raises for a path no controller or resource serves; its own detail repeats the path
        ResponseEntity<Object> answer = new ProblemDetailsAdvice().handleException(
                new NoResourceFoundException(
                        HttpMethod.GET, "api/${jndi:ldap://x}"),
                new ServletWebRequest(new MockHttpServletRequest()));
        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getDetail()).isEqualTo("No such resource.");
        assertThat(String.valueOf(problem)).doesNotContain("jndi");
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        postJson("/body", "{\"name\":\"" + "x".repeat(LIMIT) + "\"}").andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("body: must be at most 1 KB"));
    }

    @Test
    void aBodyWithoutALengthStopsBeingReadAtTheLimitAndIsA413() throws Exception {
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/body") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        chunked.setContent(new byte[LIMIT + 1]);
        assertThatThrownBy(() -> new RequestBodyLimitFilter(LIMIT).doFilter(chunked, new MockHttpServletResponse(),
                (request, response) -> request.getInputStream().readAllBytes()))
                .isInstanceOf(RequestBodyLimitFilter.TooLarge.class);

        ResponseEntity<Object> answer = new ProblemDetailsAdvice().handleHttpMessageNotReadable(
                new HttpMessageNotReadableException("I/O error", new RequestBodyLimitFilter.TooLarge(LIMIT),
                        new MockHttpInputMessage(new byte[0])), null, null, null);
        assertThat(answer.getStatusCode().value()).isEqualTo(413);
    }
}
