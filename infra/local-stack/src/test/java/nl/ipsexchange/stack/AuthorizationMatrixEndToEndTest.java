package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.testsupport.ApiClient;

/**
 * Every endpoint of every service against every role of that service, a user of another service, and no login:
 * allowed roles get through security (any answer but 401/403, never a 5xx), other roles get 403, no login gets 401.
 * The matrix below is the specification; a new endpoint that is not in it fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixEndToEndTest {

    private static final String ID = "0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11";

    /** Users per service, by a short name used in the matrix. */
    private static final Map<ServiceDefinition, Map<String, String>> USERS = Map.of(
            ServiceDefinition.MENTAL_HEALTH_AGENCY, Map.of("C", "mha.clinician", "S", "mha.specialist",
                    "D", "mha.director", "AD", "mha.admin"),
            ServiceDefinition.BENEFITS_AGENCY, Map.of("LE", "benefits.labour-expert", "PH", "benefits.physician",
                    "MG", "benefits.manager", "AD", "benefits.admin"),
            ServiceDefinition.MUNICIPALITY, Map.of("CM", "municipality.case-manager", "PA", "municipality.adviser",
                    "AD", "municipality.admin"),
            ServiceDefinition.INSURER, Map.of("CA", "insurer.adviser", "AD", "insurer.admin"),
            ServiceDefinition.AUDIT, Map.of("A", "audit.auditor", "AD", "audit.admin"));

    /** service -> "METHOD path" -> the roles allowed. */
    private static final Map<ServiceDefinition, Map<String, Set<String>>> MATRIX = new LinkedHashMap<>();

    static {
        Map<String, Set<String>> mha = new LinkedHashMap<>();
        for (String endpoint : List.of("POST /api/clients", "GET /api/clients", "GET /api/clients/{clientId}",
                "PUT /api/clients/{clientId}/employment", "POST /api/clients/{clientId}/consents",
                "GET /api/clients/{clientId}/consents", "POST /api/clients/{clientId}/consents/{consentId}/revoke",
                "POST /api/referrals", "GET /api/trajectories/{trajectoryId}",
                "POST /api/trajectories/{trajectoryId}/intake-sessions",
                "POST /api/trajectories/{trajectoryId}/funding-application",
                "POST /api/trajectories/{trajectoryId}/employer-contacts",
                "POST /api/trajectories/{trajectoryId}/placements",
                "POST /api/trajectories/{trajectoryId}/placements/{placementId}/end",
                "POST /api/trajectories/{trajectoryId}/job-coaching", "POST /api/trajectories/{trajectoryId}/close",
                "GET /api/information-requests")) {
            mha.put(endpoint, Set.of("C", "S"));
        }
        mha.put("PUT /api/clients/{clientId}/health/{category}", Set.of("C"));
        mha.put("POST /api/information-requests/{requestId}/decision", Set.of("C"));
        mha.put("POST /api/fidelity-reviews", Set.of("D", "S"));
        mha.put("GET /api/fidelity-reviews", Set.of("D", "S", "C"));
        mha.put("GET /api/status", Set.of("D"));
        mha.put("GET /api/status/measures", Set.of("D"));
        mha.put("GET /api/meetings/next", Set.of("C", "S"));
        mha.put("POST /api/meetings/{date}/decisions", Set.of("C", "S"));
        MATRIX.put(ServiceDefinition.MENTAL_HEALTH_AGENCY, mha);

        Map<String, Set<String>> benefits = new LinkedHashMap<>();
        benefits.put("GET /api/clients/{clientId}", Set.of("LE", "PH"));
        benefits.put("GET /api/clients/{clientId}/health/{category}", Set.of("LE", "PH"));
        benefits.put("GET /api/funding-applications", Set.of("LE", "PH", "MG"));
        benefits.put("POST /api/funding-applications/{applicationId}/approve", Set.of("LE", "MG"));
        benefits.put("POST /api/funding-applications/{applicationId}/reject", Set.of("LE", "MG"));
        benefits.put("GET /api/trajectories/{trajectoryId}/payments", Set.of("LE", "PH", "MG"));
        benefits.put("POST /api/information-requests", Set.of("LE", "PH"));
        benefits.put("GET /api/information-requests", Set.of("LE", "PH"));
        benefits.put("GET /api/status", Set.of("MG"));
        benefits.put("GET /api/status/measures", Set.of("MG"));
        benefits.put("GET /api/meetings/next", Set.of("LE", "PH"));
        benefits.put("POST /api/meetings/{date}/decisions", Set.of("LE", "PH"));
        MATRIX.put(ServiceDefinition.BENEFITS_AGENCY, benefits);

        Map<String, Set<String>> municipality = new LinkedHashMap<>();
        municipality.put("GET /api/clients/{clientId}", Set.of("CM"));
        municipality.put("GET /api/clients/{clientId}/health/{category}", Set.of("CM"));
        municipality.put("GET /api/funding-applications", Set.of("CM", "PA"));
        municipality.put("POST /api/funding-applications/{applicationId}/approve", Set.of("CM", "PA"));
        municipality.put("POST /api/funding-applications/{applicationId}/reject", Set.of("CM", "PA"));
        municipality.put("GET /api/trajectories/{trajectoryId}/payments", Set.of("CM", "PA"));
        municipality.put("POST /api/information-requests", Set.of("CM"));
        municipality.put("GET /api/information-requests", Set.of("CM"));
        municipality.put("GET /api/status", Set.of("PA"));
        municipality.put("GET /api/status/measures", Set.of("PA"));
        municipality.put("GET /api/meetings/next", Set.of("CM"));
        municipality.put("POST /api/meetings/{date}/decisions", Set.of("CM"));
        MATRIX.put(ServiceDefinition.MUNICIPALITY, municipality);

        Map<String, Set<String>> insurer = new LinkedHashMap<>();
        insurer.put("GET /api/clients/{clientId}", Set.of("CA"));
        insurer.put("GET /api/clients/{clientId}/health/{category}", Set.of("CA"));
        insurer.put("GET /api/trajectories/{trajectoryId}/payments", Set.of("CA"));
        insurer.put("POST /api/information-requests", Set.of("CA"));
        insurer.put("GET /api/information-requests", Set.of("CA"));
        insurer.put("GET /api/status", Set.of("CA"));
        insurer.put("GET /api/status/measures", Set.of("CA"));
        MATRIX.put(ServiceDefinition.INSURER, insurer);

        Map<String, Set<String>> audit = new LinkedHashMap<>();
        for (String endpoint : List.of("GET /api/access-records", "GET /api/access-records/verification",
                "GET /api/access-records/anomalies", "GET /fhir/AuditEvent",
                "GET /api/clients/{clientId}/access-report", "GET /api/status", "GET /api/status/measures")) {
            audit.put(endpoint, Set.of("A"));
        }
        MATRIX.put(ServiceDefinition.AUDIT, audit);

        // every service: its technical administrator, and no one else, sees and resolves parked messages
        for (Map<String, Set<String>> service : MATRIX.values()) {
            for (String endpoint : List.of("GET /api/admin/parked-messages",
                    "GET /api/admin/parked-messages/resolutions", "POST /api/admin/parked-messages/{eventId}/retry",
                    "POST /api/admin/parked-messages/{eventId}/discard")) {
                service.put(endpoint, Set.of("AD"));
            }
        }
    }

    private final FiveServices services = new FiveServices();

    @AfterAll
    void stop() {
        services.close();
    }

    @Test
    void everyEndpointOfEveryServiceIsInTheMatrix() {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Set<String> documented = new TreeSet<>();
            JsonNode paths = services.anonymous(service).get("/v3/api-docs").json().get("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                path.getValue().fieldNames().forEachRemaining(method ->
                        documented.add(method.toUpperCase() + " " + path.getKey()));
            }
            assertThat(documented).as(service.name()).isEqualTo(new TreeSet<>(MATRIX.get(service).keySet()));
        }
    }

    @Test
    void allowedRolesGetThroughOthersGet403WithoutLoginIs401() {
        List<String> violations = new ArrayList<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            String foreignUser = service == ServiceDefinition.AUDIT ? "mha.clinician" : "audit.auditor";
            for (Map.Entry<String, Set<String>> entry : MATRIX.get(service).entrySet()) {
                String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
                String path = concrete(entry.getKey().substring(entry.getKey().indexOf(' ') + 1));
                check(violations, service, entry.getKey(), "no login", send(services.anonymous(service), method, path),
                        401);
                check(violations, service, entry.getKey(), foreignUser,
                        send(services.as(service, foreignUser), method, path), 401);
                for (Map.Entry<String, String> user : USERS.get(service).entrySet()) {
                    ApiClient.Response response = send(services.as(service, user.getValue()), method, path);
                    if (entry.getValue().contains(user.getKey())) {
                        if (response.status() == 401 || response.status() == 403 || response.status() >= 500) {
                            violations.add(service.name() + " " + entry.getKey() + " as " + user.getValue()
                                    + ": allowed but got " + response.status());
                        }
                    } else {
                        check(violations, service, entry.getKey(), user.getValue(), response, 403);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static void check(List<String> violations, ServiceDefinition service, String endpoint, String who,
                              ApiClient.Response response, int expected) {
        if (response.status() != expected || !response.isProblem()) {
            violations.add(service.name() + " " + endpoint + " as " + who + ": expected a " + expected
                    + " problem, got " + response.status() + " " + response.contentType());
        }
    }

    private static String concrete(String template) {
        String path = template.replace("{category}", "HEALTH_SUMMARY").replace("{date}", "2026-03-05").replaceAll("\\{[^}]+}", ID);
        if (path.endsWith("/anomalies")) {
            return path + "?type=WITHOUT_CONSENT";
        }
        if (path.endsWith("/AuditEvent")) {
            return path + "?patient=" + ID;
        }
        return path;
    }

    private static ApiClient.Response send(ApiClient client, String method, String path) {
        return switch (method) {
            case "GET" -> client.get(path);
            case "PUT" -> client.put(path, "{}");
            default -> client.post(path, "{}");
        };
    }
}
