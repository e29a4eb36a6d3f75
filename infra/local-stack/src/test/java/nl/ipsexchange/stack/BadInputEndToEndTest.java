package nl.ipsexchange.stack;

import static nl.ipsexchange.stack.FiveServices.await;
import static nl.ipsexchange.stack.ServiceDefinition.AUDIT;
import static nl.ipsexchange.stack.ServiceDefinition.BENEFITS_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.INSURER;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MUNICIPALITY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.testsupport.ApiClient;

/**
 * Bad input across the whole API (issue 7): cases generated from every service's OpenAPI document, so a new endpoint
 * is covered without touching this test. Every operation is called as a user who may use it (the
 * {@link AuthorizationMatrix}), on real ids (a client with health data, consents, trajectories, a placement, an
 * information request, funding applications, meeting dates) and on garbage ids, with malformed JSON, every field of
 * its body with wrong types, unknown enum values, unknown fields, huge strings and bodies, NUL characters (in
 * paths, queries and text fields), CR/LF, {@code ${jndi:...}} and {@code <script>} strings, wrong content types, and
 * bad query parameters.
 *
 * <p>Every answer is a 4xx problem document that names what is wrong (the field or parameter where there is one)
 * and shows no stack trace, no injected value and no health data; a huge body is a 413 or 400; nothing changes in any
 * service's database (row counts of every table) or API; and nothing the five services log (they run in this JVM:
 * a Logback appender on the root logger) during the set-up or the bad input holds an injected marker or the health
 * data stored for the client. The number of requests per category is printed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputEndToEndTest {

    /** In every injected value: found in a log line or an answer, it is an echo of hostile input. */
    private static final String MARKER = "IPSMARKER-" + UUID.randomUUID().toString().substring(0, 8);
    /** The client's diagnosis: health data that must not appear in any log line or error answer. */
    private static final String HEALTH = "IPSHEALTH-" + UUID.randomUUID().toString().substring(0, 8)
            + " recurrent psychotic episodes";
    private static final String CANARY = "IPSCANARY-" + UUID.randomUUID();
    private static final String JNDI = "${jndi:ldap://x/a}" + MARKER;
    private static final String CRLF = "line\r\nX-Injected: " + MARKER + "\r\n\r\n";
    private static final String SCRIPT = "<script>alert('" + MARKER + "')</script>";
    private static final List<String> INJECTIONS = List.of(CRLF, JNDI, SCRIPT);
    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    private static final int TWO_MB = 2 * 1024 * 1024;
    private static final int TWENTY_MB = 20 * 1024 * 1024;

    private static final String MALFORMED = "malformed JSON";
    private static final String WRONG_TYPES = "wrong types";
    private static final String UNKNOWN_ENUMS = "unknown enum values";
    private static final String UNKNOWN_FIELDS = "unknown fields";
    private static final String INJECTED_STRINGS = "CR/LF, ${jndi:...} and <script> strings";
    private static final String HUGE = "huge bodies and strings";
    private static final String CONTENT_TYPES = "wrong Content-Type";
    private static final String GARBAGE_IDS = "garbage path ids";
    private static final String QUERIES = "bad query parameters";
    private static final String NUL = "NUL characters (path, query, body)";
    /** PostgreSQL refuses U+0000 in text: a NUL that reached it was a 500 in several operations (issue 27). */
    private static final String WITH_NUL = "Jan\u0000" + MARKER;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final FiveServices services = new FiveServices();
    private final LogCapture logs = new LogCapture();
    /** Per service, the real value for each path parameter name. */
    private final Map<ServiceDefinition, Map<String, String>> real = new LinkedHashMap<>();
    private final Map<String, Integer> sent = new LinkedHashMap<>();
    private final Map<String, String> samples = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private long cpuSeconds;

    @BeforeAll
    void captureLogs() {
        logs.start();
        // the capture sees what a service logs at INFO, also from the loggers logback-test.xml quiets
        LoggerFactory.getLogger("org.springframework.web.servlet.DispatcherServlet").info("canary {}", CANARY);
    }

    @AfterAll
    void stop() {
        logs.stop();
        services.close();
    }

    @Test
    void badInputIsAlwaysA4xxProblemThatNamesWhatIsWrongAndChangesAndLeaksNothing() throws Exception {
        setUp();
        Map<String, String> before = state();

        List<Operation> operations = new ArrayList<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            operations.addAll(operations(service));
        }
        long started = System.nanoTime();
        long cpuStarted = cpuNanos();
        ExecutorService senders = Executors.newFixedThreadPool(3);   // the services answer in parallel too
        try {
            for (Operation operation : operations) {
                List<Case> cases = cases(operation);
                List<Future<Reply>> replies = new ArrayList<>();
                for (Case badCase : cases) {
                    replies.add(senders.submit(() -> send(badCase)));
                }
                for (int i = 0; i < cases.size(); i++) {
                    Case badCase = cases.get(i);
                    Reply reply = replies.get(i).get();
                    sent.merge(badCase.category(), 1, Integer::sum);
                    samples.putIfAbsent(badCase.category(), badCase.what() + " -> " + reply.status() + " "
                            + abbreviate(reply.body()));
                    check(badCase, reply);
                }
            }
        } finally {
            senders.shutdownNow();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        cpuSeconds = Duration.ofNanos(cpuNanos() - cpuStarted).toSeconds();

        services.awaitCaughtUp();
        Map<String, String> after = state();
        for (String key : before.keySet()) {
            if (!before.get(key).equals(after.get(key))) {
                violations.add("changed by bad input: " + key + " was " + abbreviate(before.get(key)) + ", now "
                        + abbreviate(after.get(key)));
            }
        }
        logs.stop();
        logs.leaks().forEach(line -> violations.add("logged: " + abbreviate(line)));
        report(operations, seconds);
        assertThat(logs.sawCanary()).as("the log capture works").isTrue();
        assertThat(violations).isEmpty();
    }

    @Test
    void errorAskedForDirectlyIsA404ProblemOnEveryService() {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            for (ApiClient client : List.of(services.anonymous(service),
                    services.as(service, service.demoAdministrator()))) {
                ApiClient.Response answer = client.get("/error");
                assertThat(answer.status()).as(service.name() + " " + answer.body()).isEqualTo(404);
                assertThat(answer.isProblem()).as(service.name()).isTrue();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ set-up

    /** Real ids through the API: two clients with consents, trajectories and funding applications, and more. */
    private void setUp() {
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        String municipal = client(clinician, "111222333", "SOCIAL_ASSISTANCE");
        String disability = client(clinician, "123456782", "DISABILITY");
        assertThat(clinician.put("/api/clients/" + municipal + "/health/DIAGNOSIS",
                JSON.createObjectNode().put("text", HEALTH).toString()).status()).isEqualTo(204);
        String consent = consent(clinician, municipal, "MUNICIPALITY",
                "\"IDENTIFICATION\",\"BENEFITS\",\"EMPLOYMENT\",\"DIAGNOSIS\"");
        consent(clinician, disability, "BENEFITS", "\"IDENTIFICATION\",\"BENEFITS\",\"EMPLOYMENT\"");
        // the funder takes an application in only under a consent it knows of
        await(() -> services.count(MUNICIPALITY, "select count(*) from consent_replica where client_id = '"
                + municipal + "'") > 0 && services.count(BENEFITS_AGENCY, "select count(*) from consent_replica "
                + "where client_id = '" + disability + "'") > 0, "the funders know the consents");
        String municipalTrajectory = trajectory(clinician, municipal);
        String disabilityTrajectory = trajectory(clinician, disability);
        ApiClient.Response placed = clinician.post("/api/trajectories/" + municipalTrajectory + "/placements", """
                {"employer":"Hoveniersbedrijf Groen","jobTitle":"gardener","competitive":true,"hoursPerWeek":20,
                 "monthlyGrossWage":1500.00,"startDate":"%s"}""".formatted(TODAY.minusDays(7)));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);

        ApiClient labourExpert = services.as(BENEFITS_AGENCY, "benefits.labour-expert");
        ApiClient.Response asked = labourExpert.post("/api/information-requests", """
                {"clientId":"%s","categories":["EMPLOYMENT"],"purpose":"FUNDING_DECISION"}""".formatted(disability));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        String request = asked.json().get("requestId").asText();
        await(() -> clinician.get("/api/information-requests").body().contains(request),
                "the mental health agency has the information request");
        await(() -> services.as(MUNICIPALITY, "municipality.case-manager").get("/api/funding-applications").body()
                .contains(municipalTrajectory), "the municipality has the funding application");
        await(() -> labourExpert.get("/api/funding-applications").body().contains(disabilityTrajectory),
                "the benefits agency has the funding application");
        await(() -> services.count(MUNICIPALITY, "select count(*) from shared_client_data where client_id = '"
                + municipal + "'") > 0, "the municipality holds the consented data");

        real.put(MENTAL_HEALTH_AGENCY, Map.of("clientId", municipal, "consentId", consent,
                "trajectoryId", municipalTrajectory, "placementId", placed.json().get("placementId").asText(),
                "requestId", request, "date", meetingDate(clinician)));
        real.put(BENEFITS_AGENCY, Map.of("clientId", disability, "trajectoryId", disabilityTrajectory,
                "applicationId", disabilityTrajectory, "date", meetingDate(labourExpert)));
        real.put(MUNICIPALITY, Map.of("clientId", municipal, "trajectoryId", municipalTrajectory,
                "applicationId", municipalTrajectory,
                "date", meetingDate(services.as(MUNICIPALITY, "municipality.case-manager"))));
        real.put(INSURER, Map.of("clientId", municipal, "trajectoryId", municipalTrajectory));
        real.put(AUDIT, Map.of("clientId", municipal));
        services.awaitCaughtUp();
    }

    private static String client(ApiClient clinician, String bsn, String benefit) {
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"Client %s","bsn":"%s","dateOfBirth":"1988-08-08","benefit":"%s","municipality":"Houten"}"""
                .formatted(bsn, bsn, benefit));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("clientId").asText();
    }

    private static String consent(ApiClient clinician, String client, String recipient, String categories) {
        ApiClient.Response given = clinician.post("/api/clients/" + client + "/consents", """
                {"recipients":["%s"],"categories":[%s],"purposes":["FUNDING_DECISION"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(recipient, categories, TODAY, TODAY.plusYears(2)));
        assertThat(given.status()).as(given.body()).isEqualTo(201);
        return given.json().get("consentId").asText();
    }

    private static String trajectory(ApiClient clinician, String client) {
        ApiClient.Response referred = clinician.post("/api/referrals", """
                {"clientId":"%s","wishesToWork":true,"jobPreferences":"outdoor work","referredOn":"%s",
                 "team":"IPS team Utrecht"}"""
                .formatted(client, TODAY.minusMonths(2)));
        assertThat(referred.status()).as(referred.body()).isEqualTo(201);
        String trajectory = referred.json().get("trajectoryId").asText();
        ApiClient.Response applied = clinician.post("/api/trajectories/" + trajectory + "/funding-application", "{}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
        return trajectory;
    }

    private static String meetingDate(ApiClient practitioner) {
        return practitioner.get("/api/meetings/next").json().get("date").asText();
    }

    /**
     * What bad input must not change: the row count of every table of every service, and what the API shows of the
     * clients, consents, trajectories, requests, applications and reviews. Read once it has stopped changing.
     */
    private Map<String, String> state() {
        Map<String, String> previous = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            Map<String, String> current = readState();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
            sleep(1_000);
        }
        throw new AssertionError("the services' state does not settle: " + previous);
    }

    private Map<String, String> readState() {
        Map<String, String> state = new LinkedHashMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            for (String table : services.rows(service, "select table_name from information_schema.tables "
                    + "where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name")) {
                if (table.equals("trail_verification") || table.equals("trail_verification_head")) {
                    continue; // the audit service verifies its trail on a schedule (ADR 24), whatever is sent
                }
                state.put(service.name() + " table " + table,
                        services.query(service, "select count(*) from " + table));
            }
        }
        Map<String, String> mha = real.get(MENTAL_HEALTH_AGENCY);
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        for (String path : List.of("/api/clients", "/api/clients/" + mha.get("clientId") + "/consents",
                "/api/trajectories/" + mha.get("trajectoryId"), "/api/information-requests?all=true",
                "/api/fidelity-reviews")) {
            state.put("GET " + path, clinician.get(path).body());
        }
        state.put("GET benefits /api/funding-applications",
                services.as(BENEFITS_AGENCY, "benefits.labour-expert").get("/api/funding-applications").body());
        state.put("GET municipality /api/funding-applications",
                services.as(MUNICIPALITY, "municipality.case-manager").get("/api/funding-applications").body());
        return state;
    }

    // ------------------------------------------------------------------------------------------------ the cases

    /** One operation of the OpenAPI document, with who may call it. */
    private record Operation(ServiceDefinition service, String method, String template, String user,
                             List<Parameter> path, List<Parameter> query, JsonNode body, boolean bodyRequired,
                             JsonNode components) {

        String name() {
            return service.name() + " " + method + " " + template;
        }
    }

    private record Parameter(String name, boolean required, JsonNode schema) {
    }

    /**
     * One bad request. {@code names}: the answer must name one of these (in its detail, title or errors); empty when
     * there is no one thing to name. {@code may2xx}: the input is hostile but well-formed (a search for a text),
     * so an answer that shows nothing of it is fine too.
     */
    private record Case(String category, Operation operation, String what, String pathAndQuery, String contentType,
                        byte[] body, List<String> names, boolean may2xx, boolean huge) {
    }

    private List<Operation> operations(ServiceDefinition service) {
        JsonNode document = services.anonymous(service).get("/v3/api-docs").json();
        JsonNode components = document.path("components");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                String verb = method.getKey().toUpperCase(Locale.ROOT);
                JsonNode operation = method.getValue();
                List<Parameter> pathParameters = new ArrayList<>();
                List<Parameter> queryParameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    JsonNode resolved = resolve(parameter, components);
                    Parameter p = new Parameter(resolved.get("name").asText(), resolved.path("required").asBoolean(),
                            resolve(resolved.path("schema"), components));
                    ("path".equals(resolved.path("in").asText()) ? pathParameters : queryParameters).add(p);
                }
                JsonNode body = null;
                boolean bodyRequired = false;
                if (operation.has("requestBody")) {
                    JsonNode requestBody = resolve(operation.get("requestBody"), components);
                    body = resolve(requestBody.path("content").path("application/json").path("schema"), components);
                    bodyRequired = requestBody.path("required").asBoolean();
                }
                operations.add(new Operation(service, verb, path.getKey(),
                        AuthorizationMatrix.allowedUser(service, verb + " " + path.getKey()), pathParameters,
                        queryParameters, body, bodyRequired, components));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode node, JsonNode components) {
        JsonNode resolved = node;
        while (resolved != null && resolved.has("$ref")) {
            String[] ref = resolved.get("$ref").asText().replaceFirst("^#/components/", "").split("/");
            resolved = components.path(ref[0]).path(ref[1]);
        }
        return resolved;
    }

    private List<Case> cases(Operation operation) {
        List<Case> cases = new ArrayList<>();
        pathCases(operation, cases);
        queryCases(operation, cases);
        if (operation.body() != null) {
            bodyCases(operation, cases);
        }
        return cases;
    }

    // ------------------------------------------------------------------------------------------------ path ids

    private void pathCases(Operation operation, List<Case> cases) {
        for (Parameter parameter : operation.path()) {
            String name = parameter.name();
            List<String[]> values = new ArrayList<>();   // {encoded value, description}
            values.add(new String[] {"not-a-uuid", "not-a-uuid"});
            values.add(new String[] {"%0d%0aSet-Cookie:x", "CR/LF header injection"});
            values.add(new String[] {encode(CRLF), "CR/LF with the marker"});
            values.add(new String[] {encode("${jndi:dns:" + MARKER + "}"), "${jndi:dns:...}"});
            values.add(new String[] {encode(JNDI), "${jndi:ldap://...} (encoded slashes)"});
            values.add(new String[] {encode(SCRIPT), "<script>"});
            values.add(new String[] {"9".repeat(3000), "a 3000-character id"});
            values.add(new String[] {"a".repeat(200) + MARKER, "a 200-character id with the marker"});
            JsonNode schema = parameter.schema();
            if (schema.has("enum")) {
                values.add(new String[] {"NOT_A_VALUE_" + MARKER, "unknown enum value"});
                values.add(new String[] {schema.get("enum").get(0).asText().toLowerCase(Locale.ROOT),
                        "enum value in lower case"});
            }
            if ("date".equals(schema.path("format").asText())) {
                values.add(new String[] {"2026-02-30", "an impossible date"});
                values.add(new String[] {"01-02-2026", "a date not as yyyy-MM-dd"});
                values.add(new String[] {"-999999999-01-01", "a date in a year no one means"});
                values.add(new String[] {"0000-01-01", "year 0"});
            }
            for (String[] value : values) {
                String path = concretePath(operation, name, value[0]);
                byte[] body = operation.body() == null ? null : bytes("{}");
                cases.add(new Case(GARBAGE_IDS, operation, name + " = " + value[1], path + requiredQuery(operation,
                        null), body == null ? null : "application/json", body, List.of(name, "URL"), false, false));
            }
            byte[] body = operation.body() == null ? null : bytes("{}");
            cases.add(new Case(NUL, operation, name + " with a NUL", concretePath(operation, name,
                    encode(realValue(operation, parameter) + WITH_NUL)) + requiredQuery(operation, null),
                    body == null ? null : "application/json", body, List.of(name, "URL"), false, false));
        }
    }

    /** The operation's path with real ids, except {@code garbled} set to the (encoded) {@code value}. */
    private String concretePath(Operation operation, String garbled, String value) {
        String path = operation.template();
        for (Parameter parameter : operation.path()) {
            String replacement = parameter.name().equals(garbled) ? value : encode(realValue(operation, parameter));
            path = path.replace("{" + parameter.name() + "}", replacement);
        }
        return path;
    }

    private String realValue(Operation operation, Parameter parameter) {
        String value = real.get(operation.service()).get(parameter.name());
        if (value != null) {
            return value;
        }
        JsonNode schema = parameter.schema();
        if (schema.has("enum")) {
            for (JsonNode candidate : schema.get("enum")) {
                if (List.of("DIAGNOSIS", "HEALTH_SUMMARY").contains(candidate.asText())) {
                    return candidate.asText();
                }
            }
            return schema.get("enum").get(0).asText();
        }
        if ("date".equals(schema.path("format").asText())) {
            return TODAY.toString();
        }
        skipped.add(operation.name() + ": no real value for {" + parameter.name() + "}, used a random UUID");
        return UUID.randomUUID().toString();
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** The operation's required query parameters with valid values, except {@code garbled}; "" or "?...". */
    private String requiredQuery(Operation operation, String garbled) {
        StringBuilder query = new StringBuilder();
        for (Parameter parameter : operation.query()) {
            if (parameter.required() && !parameter.name().equals(garbled)) {
                query.append(query.isEmpty() ? "?" : "&").append(parameter.name()).append('=')
                        .append(encode(validQueryValue(operation, parameter)));
            }
        }
        return query.toString();
    }

    private String validQueryValue(Operation operation, Parameter parameter) {
        JsonNode schema = parameter.schema();
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        return switch (type(schema)) {
            case "integer", "number" -> schema.has("default") ? schema.get("default").asText() : "1";
            case "boolean" -> "false";
            default -> "date".equals(schema.path("format").asText()) ? TODAY.toString()
                    : real.get(operation.service()).getOrDefault("clientId", "x");
        };
    }

    private void queryCases(Operation operation, List<Case> cases) {
        String path = concretePath(operation, null, null);
        byte[] body = operation.body() == null ? null : bytes("{}");
        String contentType = body == null ? null : "application/json";
        for (Parameter parameter : operation.query()) {
            String name = parameter.name();
            String others = requiredQuery(operation, name);
            JsonNode schema = parameter.schema();
            List<String[]> values = new ArrayList<>();   // {value, description, may2xx}
            if (schema.has("enum")) {
                values.add(new String[] {"NOT_A_VALUE_" + MARKER, "unknown enum value", "false"});
                values.add(new String[] {schema.get("enum").get(0).asText().toLowerCase(Locale.ROOT),
                        "enum value in lower case", "false"});
                INJECTIONS.forEach(injection -> values.add(new String[] {injection, "injection", "false"}));
            } else {
                switch (type(schema)) {
                    case "integer", "number" -> {
                        values.add(new String[] {"abc" + MARKER, "not a number", "false"});
                        values.add(new String[] {"1.5", "a fraction", "integer".equals(type(schema)) ? "false"
                                : "true"});
                        values.add(new String[] {"99999999999999999999", "out of range", "false"});
                        if (schema.has("minimum")) {
                            values.add(new String[] {String.valueOf(schema.get("minimum").asLong() - 1),
                                    "below the minimum", "false"});
                        }
                        INJECTIONS.forEach(injection -> values.add(new String[] {injection, "injection", "false"}));
                    }
                    case "boolean" -> {
                        values.add(new String[] {"maybe" + MARKER, "not a boolean", "false"});
                        INJECTIONS.forEach(injection -> values.add(new String[] {injection, "injection", "false"}));
                    }
                    default -> {
                        if ("date".equals(schema.path("format").asText())) {
                            values.add(new String[] {"2026-02-30", "an impossible date", "false"});
                            values.add(new String[] {"01-02-2026", "a date not as yyyy-MM-dd", "false"});
                            values.add(new String[] {"2026-03-01T10:00:00Z", "a timestamp", "false"});
                            values.add(new String[] {"-4714-01-01", "a date in a year no one means", "false"});
                            values.add(new String[] {"+99999-01-01", "a date beyond the year 9999", "false"});
                            INJECTIONS.forEach(injection -> values.add(new String[] {injection, "injection",
                                    "false"}));
                        } else if ("uuid".equals(schema.path("format").asText())) {
                            values.add(new String[] {"not-a-uuid-" + MARKER, "not a UUID", "false"});
                            INJECTIONS.forEach(injection -> values.add(new String[] {injection, "injection",
                                    "false"}));
                        } else {
                            // free text (a search): hostile text may be searched for, and must not come back
                            INJECTIONS.forEach(injection -> values.add(new String[] {injection, "injection",
                                    "true"}));
                            if (schema.has("maxLength")) {
                                values.add(new String[] {MARKER + "x".repeat(schema.get("maxLength").asInt()),
                                        "longer than maxLength", "false"});
                            }
                            values.add(new String[] {MARKER + "y".repeat(3000), "3000 characters",
                                    schema.has("maxLength") ? "false" : "true"});
                        }
                    }
                }
            }
            for (String[] value : values) {
                String query = others + (others.isEmpty() ? "?" : "&") + name + "=" + encode(value[0]);
                cases.add(new Case(QUERIES, operation, name + " = " + value[1], path + query, contentType, body,
                        List.of(name), Boolean.parseBoolean(value[2]), false));
            }
            cases.add(new Case(NUL, operation, name + " with a NUL", path + others + (others.isEmpty() ? "?" : "&")
                    + name + "=" + encode(validQueryValue(operation, parameter) + WITH_NUL), contentType, body,
                    List.of(name), false, false));
            if (parameter.required()) {
                cases.add(new Case(QUERIES, operation, name + " missing", path + others, contentType, body,
                        List.of(name), false, false));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ bodies

    private void bodyCases(Operation operation, List<Case> cases) {
        String path = concretePath(operation, null, null) + requiredQuery(operation, null);
        JsonNode schema = operation.body();
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), resolve(field.getValue(), operation.components()));
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        String first = fields.isEmpty() ? "field" : fields.keySet().iterator().next();
        List<String> malformed = List.of("JSON", "body");

        // malformed JSON, broken before any value could be read and found wrong: what is wrong is the JSON itself
        List<String[]> broken = new ArrayList<>(List.of(
                new String[] {"{" + (fields.isEmpty() ? "" : "\"" + first + "\":"), "truncated"},
                new String[] {MARKER + " is not JSON at all", "not JSON"},
                new String[] {"[{\"" + first + "\":\"" + MARKER + "\"}]", "an array instead of an object"},
                new String[] {"\"" + MARKER + "\"", "a string instead of an object"},
                new String[] {"null", "null"},
                new String[] {"{}{\"" + MARKER + "\":1}", "trailing content after the object"},
                new String[] {"{'" + first + "': '" + MARKER + "'}", "single quotes"},
                new String[] {"{,\"" + MARKER + "\":1}", "a stray comma"}));
        if (operation.bodyRequired()) {
            broken.add(new String[] {"", "an empty body"});
        }
        for (String[] body : broken) {
            cases.add(new Case(MALFORMED, operation, body[1], path, "application/json", bytes(body[0]), malformed,
                    false, false));
        }
        byte[] invalidUtf8 = concat(bytes("{\"" + MARKER), new byte[] {(byte) 0xC3, 0x28}, bytes("\":1}"));
        cases.add(new Case(MALFORMED, operation, "invalid UTF-8", path, "application/json", invalidUtf8, malformed,
                false, false));

        // wrong content types
        for (String[] type : List.of(
                new String[] {"text/plain", "{}"},
                new String[] {"application/xml", "<request>" + MARKER + "</request>"},
                new String[] {"application/x-www-form-urlencoded", first + "=" + MARKER},
                new String[] {"multipart/form-data; boundary=" + MARKER, "--" + MARKER + "\r\nnot a part\r\n"},
                new String[] {"application/json; charset=" + MARKER, "{}"},
                new String[] {MARKER + " is not a media type", "{}"},
                new String[] {null, "{}"})) {
            cases.add(new Case(CONTENT_TYPES, operation, type[0] == null ? "no Content-Type" : "Content-Type "
                    + type[0], path, type[0], bytes(type[1]), List.of("Content-Type", "content type", "media type"),
                    false, false));
        }
        // JSON only: YAML (whose library the OpenAPI one brings) read a body past the JSON rules
        cases.add(new Case(CONTENT_TYPES, operation, "Content-Type application/yaml", path, "application/yaml",
                bytes(first + ": " + MARKER + "\n" + first + ": again\n"), List.of("Content-Type"), false, false));

        // a field given twice: which value was meant is not for the service to guess
        if (!fields.isEmpty()) {
            String once = "\"" + first + "\":" + sample(fields.get(first));
            cases.add(new Case(MALFORMED, operation, first + " given twice", path, "application/json",
                    bytes("{" + once + "," + once + "}"), List.of(first, "body"), false, false));
        }

        // unknown fields
        cases.add(new Case(UNKNOWN_FIELDS, operation, "unexpectedField", path, "application/json",
                bytes("{\"unexpectedField\":1}"), List.of("unexpectedField"), false, false));
        cases.add(new Case(UNKNOWN_FIELDS, operation, "a field named ${jndi:...}", path, "application/json",
                bytes(object(JNDI, NODES.numberNode(1))), List.of(), false, false));

        // huge
        cases.add(new Case(HUGE, operation, "a 20 MB body", path, "application/json",
                hugeString(fields.isEmpty() ? "field" : first, TWENTY_MB),
                List.of("body"), false, true));
        cases.add(new Case(HUGE, operation, "nested 100000 deep", path, "application/json",
                bytes("{\"" + first + "\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"),
                List.of(first, "body"), false, true));

        for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
            fieldCases(operation, path, field.getKey(), field.getValue(), required, cases);
        }
    }

    /** A value of the field's type, as JSON text: what is wrong in a case that uses it is elsewhere. */
    private static String sample(JsonNode schema) {
        if (schema.has("enum")) {
            return "\"" + schema.get("enum").get(0).asText() + "\"";
        }
        return switch (type(schema)) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            case "array" -> "[]";
            case "object" -> "{}";
            default -> switch (schema.path("format").asText()) {
                case "date" -> "\"" + TODAY + "\"";
                case "date-time" -> "\"2026-03-01T10:00:00Z\"";
                case "uuid" -> "\"" + UUID.randomUUID() + "\"";
                default -> "\"a\"";
            };
        };
    }

    private void fieldCases(Operation operation, String path, String name, JsonNode schema, List<String> required,
                            List<Case> cases) {
        List<String> named = List.of(name);
        String type = type(schema);
        String format = schema.path("format").asText();
        List<JsonNode> wrong = new ArrayList<>();
        if (schema.has("enum")) {
            wrong.add(NODES.numberNode(1));
            wrong.add(NODES.objectNode().put("value", MARKER));
            for (JsonNode value : List.of(NODES.textNode("NOT_A_VALUE_" + MARKER), NODES.textNode(JNDI),
                    NODES.textNode(schema.get("enum").get(0).asText().toLowerCase(Locale.ROOT)))) {
                cases.add(fieldCase(UNKNOWN_ENUMS, operation, path, name, value, named));
            }
        } else {
            switch (type) {
                case "string" -> {
                    wrong.add(NODES.objectNode().put("value", MARKER));
                    wrong.add(NODES.arrayNode().add(MARKER));
                    if ("date".equals(format) || "date-time".equals(format) || "uuid".equals(format)) {
                        wrong.add(NODES.textNode("2026-02-30"));
                        wrong.add(NODES.textNode("01-02-2026 " + MARKER));
                        wrong.add(NODES.textNode(JNDI));
                        wrong.add(NODES.booleanNode(true));
                    } else {
                        injectionCases(operation, path, name, schema, required, cases);
                        cases.add(fieldCase(NUL, operation, path, name, NODES.textNode(WITH_NUL), named));
                        // a string is a string: not a number or a boolean turned into one
                        wrong.add(NODES.numberNode(12.5));
                        wrong.add(NODES.booleanNode(true));
                    }
                    if ("date".equals(format)) {
                        // dates that cannot travel (year 0, beyond 9999, far before) or that no one means; a number
                        // that Jackson would read as a day count
                        for (String date : List.of("0000-01-01", "+99999-01-01", "-999999999-01-01", "+999999999-12-31",
                                "1899-12-31", "2200-01-01")) {
                            wrong.add(NODES.textNode(date));
                        }
                        wrong.add(NODES.numberNode(1990));
                    }
                    cases.add(new Case(HUGE, operation, name + " = a 2 MB string", path, "application/json",
                            hugeString(name, TWO_MB), List.of(name, "body"), false, true));
                }
                case "integer", "number" -> {
                    wrong.add(NODES.textNode("abc " + MARKER));
                    wrong.add(NODES.textNode("2"));
                    wrong.add(NODES.booleanNode(true));
                    wrong.add(NODES.objectNode().put("value", MARKER));
                    wrong.add(NODES.arrayNode().add(1));
                    wrong.add(numberNode("1e999999999"));
                    wrong.add(numberNode("-1e999999999"));
                    if ("number".equals(type)) {
                        // hours and euros: two decimals at most (a coaching session of 1.123456789 h was billed)
                        wrong.add(numberNode("1.123456789"));
                    }
                    if ("integer".equals(type)) {
                        wrong.add(numberNode("1.5"));
                        wrong.add(numberNode("99999999999999999999"));
                    }
                }
                case "boolean" -> {
                    wrong.add(NODES.numberNode(1));
                    wrong.add(NODES.numberNode(0));
                    wrong.add(NODES.textNode("maybe " + MARKER));
                    wrong.add(NODES.objectNode().put("value", MARKER));
                }
                case "array" -> {
                    JsonNode items = resolve(schema.path("items"), operation.components());
                    wrong.add(NODES.textNode(MARKER));
                    wrong.add(NODES.objectNode().put("value", MARKER));
                    wrong.add(NODES.arrayNode().add(NODES.objectNode().put("value", MARKER)));
                    wrong.add(NODES.arrayNode().addNull());
                    if ("string".equals(type(items)) && !items.has("enum")) {
                        cases.add(fieldCase(NUL, operation, path, name, NODES.arrayNode().add(WITH_NUL), named));
                    }
                    if (items.has("enum")) {
                        for (JsonNode value : List.of(NODES.arrayNode().add("NOT_A_VALUE_" + MARKER),
                                NODES.arrayNode().add(items.get("enum").get(0).asText()).add(JNDI))) {
                            cases.add(fieldCase(UNKNOWN_ENUMS, operation, path, name, value, named));
                        }
                    }
                }
                case "object" -> {
                    wrong.add(NODES.textNode(MARKER));
                    wrong.add(NODES.arrayNode().add(1));
                    ObjectNode injectedKey = NODES.objectNode();
                    injectedKey.put(JNDI, 3);
                    cases.add(fieldCase(INJECTED_STRINGS, operation, path, name, injectedKey, named));
                    ObjectNode crlfKey = NODES.objectNode();
                    crlfKey.put(CRLF, 3);
                    cases.add(fieldCase(INJECTED_STRINGS, operation, path, name, crlfKey, named));
                    ObjectNode deep = NODES.objectNode();
                    deep.putObject("NOT_AN_ITEM_" + MARKER).put("value", MARKER);
                    wrong.add(deep);
                }
                default -> skipped.add(operation.name() + ": field " + name + " of unknown type " + schema);
            }
        }
        for (JsonNode value : wrong) {
            cases.add(fieldCase(WRONG_TYPES, operation, path, name, value, named));
        }
    }

    /**
     * CR/LF, {@code ${jndi:...}} and {@code <script>} in a free-text field. Such text is not wrong in itself (a
     * reason may quote anything), so the body is made wrong elsewhere: another required field is left out, or, when
     * the field is the only one that matters, the text is longer than allowed.
     */
    private void injectionCases(Operation operation, String path, String name, JsonNode schema,
                                List<String> required, List<Case> cases) {
        boolean otherRequired = required.stream().anyMatch(field -> !field.equals(name));
        for (String injection : INJECTIONS) {
            if (otherRequired) {
                cases.add(fieldCase(INJECTED_STRINGS, operation, path, name, NODES.textNode(injection),
                        required.stream().filter(field -> !field.equals(name)).toList()));
            } else if (schema.has("maxLength")) {
                cases.add(fieldCase(INJECTED_STRINGS, operation, path, name,
                        NODES.textNode(injection + "x".repeat(schema.get("maxLength").asInt())), List.of(name)));
            } else {
                skipped.add(operation.name() + ": " + name + " may hold any text and nothing else is required");
                return;
            }
        }
    }

    private static Case fieldCase(String category, Operation operation, String path, String field, JsonNode value,
                                  List<String> names) {
        String shown = value.isTextual() && value.asText().length() > 60
                ? "a " + value.asText().length() + "-character string" : abbreviate(value.toString());
        return new Case(category, operation, field + " = " + shown, path, "application/json",
                bytes(object(field, value)), names, false, category.equals(HUGE));
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {   // OpenAPI 3.1: ["string", "null"]
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isMissingNode() && (schema.has("properties") || schema.has("additionalProperties"))) {
            return "object";
        }
        return type.asText();
    }

    private static JsonNode numberNode(String literal) {
        return NODES.numberNode(new BigDecimal(literal));
    }

    /** {@code {"field":"<marker>sss...s"}} of about {@code size} bytes. */
    private static byte[] hugeString(String field, int size) {
        byte[] filler = new byte[size];
        Arrays.fill(filler, (byte) 's');
        return concat(bytes("{\"" + field + "\":\"" + MARKER), filler, bytes("\"}"));
    }

    private static String object(String field, JsonNode value) {
        ObjectNode object = NODES.objectNode();
        object.set(field, value);
        return object.toString();
    }

    // ------------------------------------------------------------------------------------------------ sending

    /** An answer; status -1 when the connection failed before there was one. */
    private record Reply(int status, String contentType, String body, Map<String, List<String>> headers,
                         String failure) {
    }

    private Reply send(Case badCase) {
        Operation operation = badCase.operation();
        String base = services.running().stream().filter(s -> s.definition().equals(operation.service()))
                .findFirst().orElseThrow().baseUrl();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + badCase.pathAndQuery()))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (operation.user() + ":demo").getBytes(StandardCharsets.UTF_8)));
        if (badCase.contentType() != null) {
            request.header("Content-Type", badCase.contentType());
        }
        request.method(operation.method(), badCase.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(badCase.body()));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers().map(), null);
        } catch (IOException e) {
            return new Reply(-1, null, "", Map.of(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void check(Case badCase, Reply reply) {
        String where = badCase.operation().name() + " [" + badCase.category() + ": " + badCase.what() + "] as "
                + badCase.operation().user() + ": ";
        if (reply.failure() != null) {
            violations.add(where + "no answer (" + reply.failure() + ")");
            return;
        }
        boolean fine2xx = badCase.may2xx() && reply.status() >= 200 && reply.status() < 300;
        if (!fine2xx) {
            if (reply.status() < 400 || reply.status() >= 500) {
                violations.add(where + "expected a 4xx, got " + reply.status() + " " + abbreviate(reply.body()));
            } else if (badCase.huge() && reply.status() != 413 && reply.status() != 400) {
                violations.add(where + "expected 413 or 400, got " + reply.status());
            }
            if (reply.contentType() == null || !reply.contentType().startsWith("application/problem+json")) {
                violations.add(where + "not a problem document: " + reply.status() + " " + reply.contentType() + " "
                        + abbreviate(reply.body()));
            } else {
                checkProblem(where, badCase, reply);
            }
        }
        for (String leak : List.of(MARKER, "${jndi", HEALTH.substring(0, 18), "at nl.", "\tat ", "Exception",
                "<script>")) {
            if (reply.body() != null && reply.body().contains(leak)) {
                violations.add(where + "the answer contains '" + leak + "': " + abbreviate(reply.body()));
            }
        }
        reply.headers().forEach((header, values) -> {
            if (header.toLowerCase(Locale.ROOT).startsWith("x-injected") || header.equalsIgnoreCase("set-cookie")
                    || values.stream().anyMatch(value -> value.contains(MARKER))) {
                violations.add(where + "header injected: " + header + ": " + values);
            }
        });
    }

    private void checkProblem(String where, Case badCase, Reply reply) {
        JsonNode problem;
        try {
            problem = JSON.readTree(reply.body());
        } catch (IOException e) {
            violations.add(where + "the problem document is not JSON: " + abbreviate(reply.body()));
            return;
        }
        String detail = problem.path("detail").asText("");
        String title = problem.path("title").asText("");
        if (detail.isBlank() && title.isBlank()) {
            violations.add(where + "the problem has neither detail nor title: " + abbreviate(reply.body()));
        }
        if (badCase.names().isEmpty()) {
            return;
        }
        StringBuilder said = new StringBuilder(title).append(' ').append(detail);
        problem.path("errors").forEach(error -> said.append(' ').append(error.path("field").asText()));
        String text = said.toString().toLowerCase(Locale.ROOT);
        if (badCase.names().stream().noneMatch(name -> text.contains(name.toLowerCase(Locale.ROOT)))) {
            violations.add(where + "the answer does not name " + String.join(" or ", badCase.names()) + ": "
                    + reply.status() + " " + abbreviate(reply.body()));
        }
    }

    private void report(List<Operation> operations, long seconds) {
        StringBuilder out = new StringBuilder("\nBad input across the API: ").append(operations.size())
                .append(" operations of ").append(ServiceDefinition.ALL.size()).append(" services");
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            out.append(service == ServiceDefinition.ALL.get(0) ? " (" : ", ").append(service.name()).append(' ')
                    .append(operations.stream().filter(o -> o.service().equals(service)).count());
        }
        out.append("), requests sent in ").append(seconds).append(" s (").append(cpuSeconds)
                .append(" s of CPU for the five services and this test together):\n");
        sent.forEach((category, count) -> out.append(String.format("  %-42s %5d%n", category, count)));
        out.append(String.format("  %-42s %5d%n", "total", sent.values().stream().mapToInt(Integer::intValue).sum()));
        out.append("Operations without input to corrupt: ").append(operations.stream()
                .filter(o -> o.path().isEmpty() && o.query().isEmpty() && o.body() == null)
                .map(Operation::name).toList()).append('\n');
        out.append("Log events captured: ").append(logs.events()).append('\n');
        skipped.stream().distinct().forEach(line -> out.append("Not generated: ").append(line).append('\n'));
        samples.forEach((category, sample) -> out.append("A ").append(category).append(" case: ").append(sample)
                .append('\n'));
        if (!violations.isEmpty()) {
            out.append(violations.size()).append(" violations:\n");
            violations.forEach(v -> out.append("  ").append(v).append('\n'));
        }
        System.out.println(out);
    }

    // ------------------------------------------------------------------------------------------------ logs

    /**
     * Everything the five services log (they run in this JVM) while the test runs: the rendered message, its
     * arguments, every throwable's message in the chain and the MDC. Lines with a marker or the health text are kept.
     */
    private static final class LogCapture extends AppenderBase<ILoggingEvent> {

        private static final List<String> QUIETED = List.of("org.springframework", "org.axonframework");

        private final Queue<String> leaks = new ConcurrentLinkedQueue<>();
        private final AtomicLong events = new AtomicLong();
        private final Map<String, Level> levels = new LinkedHashMap<>();
        private volatile boolean canary;

        @Override
        public void start() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            setContext(context);
            setName("bad-input-capture");
            // logback-test.xml quiets these to WARN; a service logs them at INFO (ips-platform.yml)
            for (String name : QUIETED) {
                Logger logger = context.getLogger(name);
                levels.put(name, logger.getLevel());
                logger.setLevel(Level.INFO);
            }
            super.start();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this);
        }

        @Override
        public void stop() {
            if (!isStarted()) {
                return;
            }
            LoggerContext context = (LoggerContext) getContext();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this);
            levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
            super.stop();
        }

        @Override
        protected void append(ILoggingEvent event) {
            events.incrementAndGet();
            StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ')
                    .append(event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    text.append(' ').append(argument);
                }
            }
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                text.append(' ').append(cause.getClassName()).append(": ").append(cause.getMessage());
                for (IThrowableProxy suppressed : cause.getSuppressed()) {
                    text.append(" suppressed ").append(suppressed.getMessage());
                }
            }
            text.append(' ').append(event.getMDCPropertyMap());
            String line = text.toString();
            if (line.contains(CANARY)) {
                canary = true;
            }
            if (line.contains(MARKER) || line.contains(HEALTH.substring(0, 18)) || line.contains("${jndi")) {
                leaks.add(line);
            }
        }

        List<String> leaks() {
            return List.copyOf(leaks);
        }

        long events() {
            return events.get();
        }

        boolean sawCanary() {
            return canary;
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String flat = text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "... (" + flat.length() + " characters)";
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
