package nl.ipsexchange.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may call what: every endpoint of every service ({@code "METHOD path"} as in the OpenAPI document) with the
 * roles allowed to use it. {@link AuthorizationMatrixEndToEndTest} checks the services against it; other end-to-end
 * tests use it to call an endpoint as a user who is allowed to.
 */
final class AuthorizationMatrix {

    /** Users per service, by a short name used in the matrix. */
    static final Map<ServiceDefinition, Map<String, String>> USERS = Map.of(
            ServiceDefinition.MENTAL_HEALTH_AGENCY, Map.of("C", "mha.clinician", "S", "mha.specialist",
                    "D", "mha.director", "R", "mha.reviewer", "AD", "mha.admin"),
            ServiceDefinition.BENEFITS_AGENCY, Map.of("LE", "benefits.labour-expert", "PH", "benefits.physician",
                    "MG", "benefits.manager", "AD", "benefits.admin"),
            ServiceDefinition.MUNICIPALITY, Map.of("CM", "municipality.case-manager", "PA", "municipality.adviser",
                    "AD", "municipality.admin"),
            ServiceDefinition.INSURER, Map.of("CA", "insurer.adviser", "AD", "insurer.admin"),
            ServiceDefinition.AUDIT, Map.of("A", "audit.auditor", "AD", "audit.admin"));

    /** service -> "METHOD path" -> the roles allowed. */
    static final Map<ServiceDefinition, Map<String, Set<String>>> MATRIX = new LinkedHashMap<>();

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
                "PUT /api/trajectories/{trajectoryId}/team", "GET /api/information-requests")) {
            mha.put(endpoint, Set.of("C", "S"));
        }
        mha.put("PUT /api/clients/{clientId}/health/{category}", Set.of("C"));
        mha.put("POST /api/information-requests/{requestId}/decision", Set.of("C"));
        // reviews are recorded by the fidelity reviewer, not by the specialists whose funding they decide (ADR 0045)
        mha.put("POST /api/fidelity-reviews", Set.of("R"));
        mha.put("GET /api/fidelity-reviews", Set.of("D", "S", "C", "R"));
        mha.put("GET /api/teams", Set.of("D", "S", "C", "R"));
        mha.put("GET /api/status", Set.of("D"));
        mha.put("GET /api/status/measures", Set.of("D"));
        mha.put("GET /api/payment-statement", Set.of("C", "S"));
        mha.put("GET /api/meetings/next", Set.of("C", "S"));
        mha.put("POST /api/meetings/{date}/decisions", Set.of("C", "S"));
        MATRIX.put(ServiceDefinition.MENTAL_HEALTH_AGENCY, mha);

        Map<String, Set<String>> benefits = new LinkedHashMap<>();
        benefits.put("GET /api/clients/{clientId}", Set.of("LE", "PH"));
        benefits.put("GET /api/clients/{clientId}/health/{category}", Set.of("LE", "PH"));
        benefits.put("GET /api/funding-applications", Set.of("LE", "PH", "MG"));
        benefits.put("GET /api/funding-applications/{applicationId}", Set.of("LE", "PH", "MG"));
        benefits.put("POST /api/funding-applications/{applicationId}/approve", Set.of("LE", "MG"));
        benefits.put("POST /api/funding-applications/{applicationId}/reject", Set.of("LE", "MG"));
        benefits.put("GET /api/trajectories/{trajectoryId}/payments", Set.of("LE", "PH", "MG"));
        benefits.put("POST /api/funding-applications/{applicationId}/payments", Set.of("LE", "MG"));
        benefits.put("GET /api/payment-statement", Set.of("LE", "PH", "MG"));
        benefits.put("GET /api/covenant-versions", Set.of("LE", "PH", "MG"));
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
        municipality.put("GET /api/funding-applications/{applicationId}", Set.of("CM", "PA"));
        municipality.put("POST /api/funding-applications/{applicationId}/approve", Set.of("CM", "PA"));
        municipality.put("POST /api/funding-applications/{applicationId}/reject", Set.of("CM", "PA"));
        municipality.put("GET /api/trajectories/{trajectoryId}/payments", Set.of("CM", "PA"));
        municipality.put("POST /api/funding-applications/{applicationId}/payments", Set.of("CM", "PA"));
        municipality.put("GET /api/payment-statement", Set.of("CM", "PA"));
        municipality.put("GET /api/covenant-versions", Set.of("CM", "PA"));
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

        // every service: its technical administrator, and no one else, sees and resolves parked messages and sees the
        // failed logins (ADR 35)
        for (Map<String, Set<String>> service : MATRIX.values()) {
            for (String endpoint : List.of("GET /api/admin/parked-messages", "GET /api/admin/security-events",
                    "GET /api/admin/parked-messages/resolutions", "POST /api/admin/parked-messages/{eventId}/retry",
                    "POST /api/admin/parked-messages/{eventId}/discard")) {
                service.put(endpoint, Set.of("AD"));
            }
        }
    }

    /**
     * The endpoints that can show a client's health data ({@code @ReadsHealthData}): a refused attempt there leaves a
     * DENIED access record.
     */
    static final Map<ServiceDefinition, Set<String>> HEALTH_READS = Map.of(
            ServiceDefinition.MENTAL_HEALTH_AGENCY, Set.of("GET /api/clients/{clientId}"),
            ServiceDefinition.BENEFITS_AGENCY, Set.of("GET /api/clients/{clientId}",
                    "GET /api/clients/{clientId}/health/{category}"),
            ServiceDefinition.MUNICIPALITY, Set.of("GET /api/clients/{clientId}",
                    "GET /api/clients/{clientId}/health/{category}"),
            ServiceDefinition.INSURER, Set.of("GET /api/clients/{clientId}",
                    "GET /api/clients/{clientId}/health/{category}"),
            ServiceDefinition.AUDIT, Set.of());

    /**
     * Every page and form action ({@code "METHOD path"} as mapped) with the roles ({@code Role} names) allowed to use
     * it, whichever service has it; {@code *} is everyone logged in.
     */
    static final Map<String, Set<String>> PAGES = new LinkedHashMap<>();

    static {
        Set<String> mhaStaff = Set.of("CLINICIAN", "IPS_SPECIALIST");
        PAGES.put("GET /", Set.of("*"));
        PAGES.put("GET /status", Set.of("PROGRAMME_DIRECTOR", "BENEFITS_MANAGER", "PARTICIPATION_ADVISER",
                "CARE_ADVISER", "AUDITOR"));
        Set<String> practitioners = Set.of("CLINICIAN", "IPS_SPECIALIST", "LABOUR_EXPERT", "INSURANCE_PHYSICIAN",
                "CASE_MANAGER");
        PAGES.put("GET /meeting", practitioners);
        PAGES.put("POST /meeting/decisions", practitioners);
        PAGES.put("GET /funding", Set.of("LABOUR_EXPERT", "INSURANCE_PHYSICIAN", "BENEFITS_MANAGER", "CASE_MANAGER",
                "PARTICIPATION_ADVISER"));
        Set<String> deciders = Set.of("LABOUR_EXPERT", "BENEFITS_MANAGER", "CASE_MANAGER", "PARTICIPATION_ADVISER");
        PAGES.put("POST /funding/{applicationId}/approve", deciders);
        PAGES.put("POST /funding/{applicationId}/reject", deciders);
        PAGES.put("POST /funding/{applicationId}/payments", deciders);
        Set<String> paymentReaders = Set.of("LABOUR_EXPERT", "INSURANCE_PHYSICIAN", "BENEFITS_MANAGER",
                "CASE_MANAGER", "PARTICIPATION_ADVISER", "CARE_ADVISER");
        PAGES.put("GET /funding/statement", paymentReaders);
        PAGES.put("GET /funding/statement.csv", paymentReaders);
        PAGES.put("GET /admin/parked-messages", Set.of("ADMINISTRATOR"));
        PAGES.put("POST /admin/parked-messages/{eventId}/retry", Set.of("ADMINISTRATOR"));
        PAGES.put("POST /admin/parked-messages/{eventId}/discard", Set.of("ADMINISTRATOR"));
        PAGES.put("GET /trail", Set.of("AUDITOR"));
        PAGES.put("GET /trail/access-report", Set.of("AUDITOR"));
        PAGES.put("GET /trail/fhir", Set.of("AUDITOR"));
        PAGES.put("POST /trail/verification", Set.of("AUDITOR"));
        for (String page : List.of("GET /clients", "GET /clients/new", "POST /clients",
                "GET /clients/{clientId}", "GET /clients/{clientId}/consents", "POST /clients/{clientId}/consents",
                "POST /clients/{clientId}/consents/{consentId}/revoke", "POST /clients/{clientId}/referral",
                "GET /trajectories/{trajectoryId}", "POST /trajectories/{trajectoryId}/intake",
                "POST /trajectories/{trajectoryId}/apply", "POST /trajectories/{trajectoryId}/employer-contact",
                "POST /trajectories/{trajectoryId}/placement",
                "POST /trajectories/{trajectoryId}/placements/{placementId}/end",
                "POST /trajectories/{trajectoryId}/close", "GET /information-requests")) {
            PAGES.put(page, mhaStaff);
        }
        PAGES.put("POST /information-requests/{requestId}/decision", Set.of("CLINICIAN"));
        PAGES.put("GET /fidelity", Set.of("CLINICIAN", "IPS_SPECIALIST", "PROGRAMME_DIRECTOR", "FIDELITY_REVIEWER"));
    }

    /**
     * The main navigation of every page as each user sees it: {@code "label path"} in the order shown. Written down
     * before the links became beans contributed by the modules that have the pages (ADR 0043), so that the move is
     * shown to change no user's links, labels or order.
     */
    static final Map<ServiceDefinition, Map<String, List<String>>> NAVIGATION = Map.of(
            ServiceDefinition.MENTAL_HEALTH_AGENCY, Map.of(
                    "C", List.of("Home /", "Clients /clients", "Information requests /information-requests",
                            "Fidelity /fidelity", "Practitioner meeting /meeting"),
                    "S", List.of("Home /", "Clients /clients", "Information requests /information-requests",
                            "Fidelity /fidelity", "Practitioner meeting /meeting"),
                    "D", List.of("Home /", "Status /status", "Fidelity /fidelity"),
                    "R", List.of("Home /", "Fidelity /fidelity"),
                    "AD", List.of("Home /", "Parked messages /admin/parked-messages")),
            ServiceDefinition.BENEFITS_AGENCY, Map.of(
                    "LE", List.of("Home /", "Funding /funding", "Practitioner meeting /meeting"),
                    "PH", List.of("Home /", "Funding /funding", "Practitioner meeting /meeting"),
                    "MG", List.of("Home /", "Status /status", "Funding /funding"),
                    "AD", List.of("Home /", "Parked messages /admin/parked-messages")),
            ServiceDefinition.MUNICIPALITY, Map.of(
                    "CM", List.of("Home /", "Funding /funding", "Practitioner meeting /meeting"),
                    "PA", List.of("Home /", "Status /status", "Funding /funding"),
                    "AD", List.of("Home /", "Parked messages /admin/parked-messages")),
            ServiceDefinition.INSURER, Map.of(
                    "CA", List.of("Home /", "Status /status"),
                    "AD", List.of("Home /", "Parked messages /admin/parked-messages")),
            ServiceDefinition.AUDIT, Map.of(
                    "A", List.of("Home /", "Status /status", "Trail /trail"),
                    "AD", List.of("Home /", "Parked messages /admin/parked-messages")));

    private AuthorizationMatrix() {
    }

    /** A user allowed to call the endpoint ({@code "METHOD path"}); the first by user name, so always the same one. */
    static String allowedUser(ServiceDefinition service, String endpoint) {
        Set<String> roles = MATRIX.get(service).get(endpoint);
        if (roles == null) {
            throw new IllegalArgumentException(service.name() + " " + endpoint + " is not in the matrix");
        }
        return USERS.get(service).entrySet().stream()
                .filter(user -> roles.contains(user.getKey()))
                .map(Map.Entry::getValue)
                .sorted()
                .findFirst()
                .orElseThrow();
    }
}
