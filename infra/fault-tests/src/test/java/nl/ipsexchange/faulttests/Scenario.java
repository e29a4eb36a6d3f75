package nl.ipsexchange.faulttests;

import static nl.ipsexchange.stack.ServiceDefinition.BENEFITS_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MUNICIPALITY;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.stack.ServiceDefinition;
import nl.ipsexchange.testsupport.ApiClient;

/**
 * The scripted trajectories of the fault suite: four variants, each a fixed sequence of API calls with fixed business
 * values, so that every trajectory of a variant must end in the same projections, with or without faults. Dates are
 * effective dates in the past, so that payment lines fall due at once.
 *
 * <p>Every step says how to send it, which answer means "accepted", and how to find out from the service's own
 * database whether it took effect when its answer was lost (the connection was cut, it timed out, a 5xx): such a step
 * is not sent again when its effect is there, so that a step's effect exists exactly once.
 */
final class Scenario {

    static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    static final LocalDate REFERRED = TODAY.minusMonths(5);
    static final LocalDate START = TODAY.minusMonths(4);
    static final LocalDate JOB_START = TODAY.minusMonths(3);
    static final LocalDate CLOSED = START.plusMonths(2);

    /** The shapes of trajectory; case {@code i} of the load is of variant {@code i % 4}. */
    enum Variant {
        /** Social assistance: the municipality funds; a competitive job earns the placement bonus. */
        MUNICIPAL_PLACEMENT,
        /** Disability benefit: the benefits agency funds, job coaching, its physician reads the health summary. */
        DISABILITY_COACHING,
        /** Social assistance, closed two months after the start: three-months line cancelled, final line moved. */
        MUNICIPAL_CLOSED,
        /** Neither benefit and no consent at all: no funder, nothing leaves the mental health agency. */
        NO_FUNDER_NO_CONSENT
    }

    /** One step: how to send it, what answer accepts it, how to find its effect when the answer was lost. */
    record Step(String kind, ServiceDefinition at, boolean read, BooleanSupplier ready,
                Supplier<ApiClient.Response> send, IntPredicate expected, BooleanSupplier effectPresent,
                Consumer<ApiClient.Response> onAccepted) {
    }

    /** One scripted trajectory and how far it has got. */
    static final class Case {
        final int index;
        final Variant variant;
        final String bsn;
        final List<Step> steps = new ArrayList<>();
        volatile String clientId;
        volatile String trajectoryId;
        int next;
        /** The last attempt's answer was lost: look for its effect before sending again. */
        boolean answerLost;
        /** The next step waits for an effect of an earlier one at another service. */
        boolean waiting;
        long notBeforeNanos;
        String lastProblem;

        Case(int index, Variant variant, String bsn) {
            this.index = index;
            this.variant = variant;
            this.bsn = bsn;
        }

        boolean finished() {
            return next >= steps.size();
        }

        String clientId() {
            return clientId;
        }

        String trajectoryId() {
            return trajectoryId;
        }

        @Override
        public String toString() {
            return "case " + index + " (" + variant + ", client " + clientId + ", trajectory " + trajectoryId
                    + ", step " + (finished() ? "done" : steps.get(next).kind()) + ")";
        }
    }

    private final FaultStack stack;
    private final Progress progress;
    private int bsnSeed;

    Scenario(FaultStack stack, Progress progress, int firstBsn) {
        this.stack = stack;
        this.progress = progress;
        this.bsnSeed = firstBsn;
    }

    /** The case's script. */
    Case newCase(int index, Variant variant) {
        Case c = new Case(index, variant, nextBsn());
        ApiClient clinician = stack.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        ApiClient specialist = stack.as(MENTAL_HEALTH_AGENCY, "mha.specialist");
        String benefit = switch (variant) {
            case MUNICIPAL_PLACEMENT, MUNICIPAL_CLOSED -> "SOCIAL_ASSISTANCE";
            case DISABILITY_COACHING -> "DISABILITY";
            case NO_FUNDER_NO_CONSENT -> "NONE";
        };

        c.steps.add(new Step("register client", MENTAL_HEALTH_AGENCY, false, null,
                () -> clinician.post("/api/clients", """
                        {"name":"Fault Client %d","bsn":"%s","dateOfBirth":"1984-04-04","benefit":"%s",
                         "municipality":"Utrecht"}""".formatted(c.index, c.bsn, benefit)),
                status -> status == 201,
                () -> {
                    List<String> id = stack.column(MENTAL_HEALTH_AGENCY,
                            "select client_id from client_register where bsn = ?", c.bsn);
                    id.forEach(found -> c.clientId = found);
                    return !id.isEmpty();
                },
                answer -> c.clientId = answer.json().get("clientId").asText()));
        // Health and employment information only where someone reads health data; the municipal variants share
        // what the registration holds, so their consents may be given at once (also while the broker is down).
        boolean healthData = variant == Variant.DISABILITY_COACHING || variant == Variant.NO_FUNDER_NO_CONSENT;
        if (healthData) {
            c.steps.add(mhaCommand(c, "record health information", c::clientId, "HealthInformationRecordedEvent", 1,
                    () -> clinician.put("/api/clients/" + c.clientId + "/health/HEALTH_SUMMARY",
                            "{\"text\":\"needs a quiet workplace\"}"), 204, null));
            c.steps.add(mhaCommand(c, "record employment information", c::clientId,
                    "EmploymentInformationRecordedEvent", 1,
                    () -> clinician.put("/api/clients/" + c.clientId + "/employment",
                            "{\"jobPreferences\":\"outdoor work\",\"disclosureToEmployer\":false}"), 204, null));
        }

        String funder = switch (variant) {
            case MUNICIPAL_PLACEMENT, MUNICIPAL_CLOSED -> "MUNICIPALITY";
            case DISABILITY_COACHING -> "BENEFITS";
            case NO_FUNDER_NO_CONSENT -> null;
        };
        if (funder != null) {
            String categories = variant == Variant.DISABILITY_COACHING
                    ? "\"IDENTIFICATION\",\"BENEFITS\",\"EMPLOYMENT\",\"HEALTH_SUMMARY\""
                    : "\"IDENTIFICATION\",\"BENEFITS\",\"EMPLOYMENT\"";
            // The relay shares the client's data as it is when it relays. With health and employment information
            // recorded after the registration, the consent is given once the relay has handled those events, so that
            // every run shares the same: a relay delayed by a fault would otherwise find the consent already given and
            // share the data once more (allowed, as the consent permits it then, but not the same as without faults).
            BooleanSupplier clientRelayed = !healthData ? null : () -> progress.relayed(MENTAL_HEALTH_AGENCY,
                    "integration-publisher", c.clientId, stack.count(MENTAL_HEALTH_AGENCY,
                            "select coalesce(max(global_index), 0) from domain_event_entry where aggregate_identifier = ?",
                            c.clientId));
            c.steps.add(consent(c, clinician, 1, clientRelayed, """
                    {"recipients":["%s"],"categories":[%s],"purposes":["FUNDING_DECISION"],
                     "validFrom":"%s","validUntil":"%s"}""".formatted(funder, categories, TODAY, TODAY.plusYears(3))));
            c.steps.add(consent(c, clinician, 2, null, """
                    {"recipients":["INSURER"],"categories":["BENEFITS"],"purposes":["BILLING"],
                     "validFrom":"%s","validUntil":"%s"}""".formatted(TODAY, TODAY.plusYears(3))));
        }

        c.steps.add(new Step("refer", MENTAL_HEALTH_AGENCY, false, null,
                () -> clinician.post("/api/referrals", """
                        {"clientId":"%s","wishesToWork":true,"jobPreferences":"outdoor work","referredOn":"%s",
                         "specialist":"mha.specialist","team":"IPS team Utrecht"}""".formatted(c.clientId, REFERRED)),
                status -> status == 201,
                () -> {
                    List<String> id = stack.column(MENTAL_HEALTH_AGENCY,
                            "select trajectory_id from trajectory where client_id = ?", c.clientId);
                    id.forEach(found -> c.trajectoryId = found);
                    return !id.isEmpty();
                },
                answer -> c.trajectoryId = answer.json().get("trajectoryId").asText()));
        int sessions = variant == Variant.MUNICIPAL_CLOSED ? 1 : 2;
        for (int session = 1; session <= sessions; session++) {
            String body = "{\"date\":\"" + REFERRED.plusDays(session) + "\",\"hours\":" + (session == 1 ? "1.5" : "2")
                    + "}";
            c.steps.add(mhaCommand(c, "record intake session", c::trajectoryId, "IntakeSessionRecordedEvent", session,
                    () -> specialist.post("/api/trajectories/" + c.trajectoryId + "/intake-sessions", body), 201,
                    null));
        }
        if (healthData) {
            c.steps.add(new Step("health read (clinician)", MENTAL_HEALTH_AGENCY, true, null,
                    () -> clinician.get("/api/clients/" + c.clientId),
                    status -> status == 200,
                    () -> views(MENTAL_HEALTH_AGENCY, c, "mha.clinician") > 0,
                    answer -> {
                        if (!answer.json().has("healthSummary")) {
                            throw new AssertionError("the clinician was not shown the health summary: "
                                    + answer.body());
                        }
                    }));
        }
        c.steps.add(new Step("apply for funding", MENTAL_HEALTH_AGENCY, false, null,
                () -> specialist.post("/api/trajectories/" + c.trajectoryId + "/funding-application", "{}"),
                status -> status == (funder == null ? 422 : 202),
                () -> events(MENTAL_HEALTH_AGENCY, c.trajectoryId, "FundingAppliedEvent")
                        + events(MENTAL_HEALTH_AGENCY, c.trajectoryId, "FundingApplicationRefusedEvent") > 0,
                answer -> { }));
        if (funder == null) {
            return c;
        }

        ServiceDefinition funderService = funder.equals("MUNICIPALITY") ? MUNICIPALITY : BENEFITS_AGENCY;
        ApiClient decider = stack.as(funderService, funderService == MUNICIPALITY ? "municipality.case-manager"
                : "benefits.labour-expert");
        c.steps.add(new Step("approve funding", funderService, false,
                () -> stack.count(funderService, "select count(*) from funding_application where application_id = ?",
                        c.trajectoryId) == 1,
                () -> decider.post("/api/funding-applications/" + c.trajectoryId + "/approve",
                        "{\"startDate\":\"" + START + "\"}"),
                status -> status == 200,
                () -> stack.count(funderService, "select count(*) from funding_application where application_id = ? "
                        + "and status = 'APPROVED'", c.trajectoryId) == 1,
                answer -> { }));
        if (variant == Variant.MUNICIPAL_CLOSED) {
            c.steps.add(mhaCommand(c, "close trajectory", c::trajectoryId, "TrajectoryClosedEvent", 1,
                    () -> specialist.post("/api/trajectories/" + c.trajectoryId + "/close",
                            "{\"date\":\"" + CLOSED + "\",\"reason\":\"the client moved away\"}"), 200, null));
            return c;
        }
        c.steps.add(mhaCommand(c, "record employer contact", c::trajectoryId, "EmployerContactRecordedEvent", 1,
                () -> specialist.post("/api/trajectories/" + c.trajectoryId + "/employer-contacts",
                        "{\"date\":\"" + START.plusDays(10) + "\",\"employer\":\"Hoveniersbedrijf Groen\"}"), 201, null));
        c.steps.add(mhaCommand(c, "record placement", c::trajectoryId, "PlacementStartedEvent", 1,
                () -> specialist.post("/api/trajectories/" + c.trajectoryId + "/placements", """
                        {"employer":"Hoveniersbedrijf Groen","jobTitle":"gardener","competitive":true,"hoursPerWeek":20,
                         "monthlyGrossWage":1500.00,"startDate":"%s"}""".formatted(JOB_START)), 201, null));
        if (variant == Variant.DISABILITY_COACHING) {
            c.steps.add(mhaCommand(c, "record job coaching", c::trajectoryId, "JobCoachingRecordedEvent", 1,
                    () -> specialist.post("/api/trajectories/" + c.trajectoryId + "/job-coaching",
                            "{\"date\":\"" + JOB_START.plusDays(14) + "\",\"hours\":2}"), 201, null));
            ApiClient physician = stack.as(BENEFITS_AGENCY, "benefits.physician");
            c.steps.add(new Step("health read (insurance physician)", BENEFITS_AGENCY, true,
                    () -> stack.count(BENEFITS_AGENCY, "select count(*) from shared_client_data where client_id = ? "
                            + "and category = 'HEALTH_SUMMARY'", c.clientId) == 1,
                    () -> physician.get("/api/clients/" + c.clientId + "/health/HEALTH_SUMMARY"),
                    status -> status == 200,
                    () -> views(BENEFITS_AGENCY, c, "benefits.physician") > 0,
                    answer -> { }));
        }
        return c;
    }

    /** A command at the mental health agency whose effect is the {@code nth} event of a type on an aggregate. */
    private Step mhaCommand(Case c, String kind, Supplier<String> aggregate, String eventType, int nth,
                            Supplier<ApiClient.Response> send, int expected, BooleanSupplier ready) {
        return new Step(kind, MENTAL_HEALTH_AGENCY, false, ready, send, status -> status == expected,
                () -> events(MENTAL_HEALTH_AGENCY, aggregate.get(), eventType) >= nth, answer -> { });
    }

    private Step consent(Case c, ApiClient clinician, int nth, BooleanSupplier ready, String body) {
        return new Step("give consent", MENTAL_HEALTH_AGENCY, false, ready,
                () -> clinician.post("/api/clients/" + c.clientId + "/consents", body),
                status -> status == 201,
                () -> stack.count(MENTAL_HEALTH_AGENCY, "select count(*) from consent where client_id = ?",
                        c.clientId) >= nth,
                answer -> { });
    }

    /** Events of a type on one aggregate in the service's event store. */
    long events(ServiceDefinition service, String aggregate, String eventType) {
        return stack.count(service, "select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type like ?", aggregate, "%" + eventType);
    }

    /** Access records of a user's permitted views of the client, in the service's own event store. */
    long views(ServiceDefinition service, Case c, String user) {
        return stack.count(service, """
                select count(*) from domain_event_entry where payload_type like '%AccessRecordedEvent'
                and convert_from(payload, 'UTF8')::jsonb ->> 'clientId' = ?
                and convert_from(payload, 'UTF8')::jsonb ->> 'userId' = ?
                and convert_from(payload, 'UTF8')::jsonb ->> 'action' = 'VIEW'
                and convert_from(payload, 'UTF8')::jsonb ->> 'outcome' = 'PERMITTED'""", c.clientId, user);
    }

    /** The next valid citizen service number (the eleven test) from the seed on. */
    private String nextBsn() {
        while (true) {
            String candidate = String.format("%09d", bsnSeed++);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (candidate.charAt(i) - '0');
            }
            sum -= candidate.charAt(8) - '0';
            if (sum % 11 == 0) {
                return candidate;
            }
        }
    }
}
