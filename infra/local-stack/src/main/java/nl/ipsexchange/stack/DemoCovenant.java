package nl.ipsexchange.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a realistic covenant into a running platform through its public API only, as the demo users would:
 * fidelity reviews of the two IPS teams (each trajectory in one of them), several dozen clients on social assistance, a disability benefit or neither,
 * health and employment information, consents of different scopes (one revoked), and trajectories at every stage
 * from referral to a placement and a close, approved by the funders. Effective dates lie in the past year.
 */
public final class DemoCovenant {

    private static final Logger log = LoggerFactory.getLogger(DemoCovenant.class);
    /** A START line that fell due, in a trajectory's payment lines (the API's field order). */
    private static final Pattern START_LINE = Pattern.compile(
            "\"type\":\"START\",[^}]*\"status\":\"DUE\",\"lineId\":\"([^\"]+)\"");
    /** The demo's IPS teams (the mental health agency's demo configuration). */
    private static final String UTRECHT = "IPS team Utrecht";
    private static final String ZUID = "IPS team Zuid";
    private static final Pattern ID = Pattern.compile("\"(clientId|trajectoryId|consentId|placementId)\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] FIRST = {"Anna", "Bram", "Carla", "Daan", "Eva", "Finn", "Gerda", "Hamza", "Ilse",
            "Joris", "Karin", "Luuk", "Mila", "Noah", "Olga", "Pieter", "Rosa", "Sem", "Tess", "Umut", "Vera", "Wim",
            "Yara", "Zeynep"};
    private static final String[] LAST = {"de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
            "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer"};
    private static final String[] TOWNS = {"Utrecht", "Zeist", "Houten", "Nieuwegein", "Amersfoort"};
    private static final String[] JOBS = {"gardener", "bicycle mechanic", "warehouse assistant", "cook",
            "administrative assistant", "shop assistant", "carpenter's mate", "care assistant"};

    private final Map<String, String> baseUrls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    /** @param baseUrls service name -> base URL */
    public DemoCovenant(Map<String, String> baseUrls) {
        this.baseUrls = baseUrls;
    }

    /** Loads the demo covenant unless the mental health agency already has clients. @return clients created */
    public int loadIfEmpty() {
        String clients = call("mental-health-agency", "mha.clinician", "GET", "/api/clients", null, 200);
        if (!clients.strip().equals("[]")) {
            log.info("demo covenant not loaded: the platform already has clients");
            return 0;
        }
        return load(36);
    }

    public int load(int clients) {
        fidelityReview(UTRECHT, today.minusMonths(14), 2, "Kenniscentrum IPS");
        fidelityReview(UTRECHT, today.minusMonths(11), 4, "Kenniscentrum IPS");
        // the second team: a self-assessment by the provider (not independent, flagged), then an independent review
        fidelityReview(ZUID, today.minusMonths(7), 4, "GGZ Utrecht (demo)");
        fidelityReview(ZUID, today.minusMonths(5), 3, "Kenniscentrum IPS");
        int bsn = 0;
        List<String> trajectories = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String benefit = i % 9 == 8 ? "NONE" : i % 2 == 0 ? "SOCIAL_ASSISTANCE" : "DISABILITY";
            String funder = "SOCIAL_ASSISTANCE".equals(benefit) ? "MUNICIPALITY" : "BENEFITS";
            bsn = nextBsn(bsn);
            String name = FIRST[i % FIRST.length] + " " + LAST[(i * 7) % LAST.length];
            String client = id(call("mental-health-agency", "mha.clinician", "POST", "/api/clients", """
                    {"name":"%s","bsn":"%09d","dateOfBirth":"%s","benefit":"%s","municipality":"%s"}"""
                    .formatted(name, bsn, LocalDate.of(1970 + (i * 3) % 35, 1 + i % 12, 1 + i % 27), benefit,
                            TOWNS[i % TOWNS.length]), 201), "clientId");
            call("mental-health-agency", "mha.clinician", "PUT", "/api/clients/" + client + "/health/HEALTH_SUMMARY",
                    "{\"text\":\"Works best in a quiet place; short breaks every two hours.\"}", 204);
            call("mental-health-agency", "mha.clinician", "PUT", "/api/clients/" + client + "/employment",
                    "{\"jobPreferences\":\"" + JOBS[i % JOBS.length] + "\",\"disclosureToEmployer\":" + (i % 3 == 0)
                            + "}", 204);
            int stage = i % 8; // 0 referred .. 7 closed
            if (i % 12 != 11) {
                String categories = i % 4 == 0 ? "\"IDENTIFICATION\",\"BENEFITS\",\"EMPLOYMENT\",\"HEALTH_SUMMARY\""
                        : "\"IDENTIFICATION\",\"BENEFITS\",\"EMPLOYMENT\"";
                String consent = id(call("mental-health-agency", "mha.clinician", "POST", "/api/clients/" + client
                        + "/consents", """
                        {"recipients":["%s"],"categories":[%s],"purposes":["FUNDING_DECISION","CASE_REVIEW"],
                         "validFrom":"%s","validUntil":"%s"}""".formatted(funder, categories, today.minusMonths(13),
                        today.plusMonths(18)), 201), "consentId");
                call("mental-health-agency", "mha.clinician", "POST", "/api/clients/" + client + "/consents", """
                        {"recipients":["INSURER"],"categories":["BENEFITS"],"purposes":["BILLING"],
                         "validFrom":"%s","validUntil":"%s"}""".formatted(today.minusMonths(13), today.plusMonths(18)),
                        201);
                if (i == 13) {
                    call("mental-health-agency", "mha.clinician", "POST", "/api/clients/" + client + "/consents/"
                            + consent + "/revoke", "{\"reason\":\"the client withdrew consent\"}", 200);
                    continue;
                }
            } else {
                continue; // no consent: registered only
            }
            LocalDate referred = today.minusMonths(12 - i % 10).withDayOfMonth(1 + i % 20);
            String trajectory = id(call("mental-health-agency", "mha.clinician", "POST", "/api/referrals", """
                    {"clientId":"%s","wishesToWork":true,"jobPreferences":"%s","referredOn":"%s","specialist":"%s",
                     "team":"%s"}"""
                    .formatted(client, JOBS[i % JOBS.length], referred, i % 5 == 4 ? "s.bakker"
                            : i % 3 == 0 ? "mha.specialist" : "ips.specialist.2", i % 5 == 4 ? ZUID : UTRECHT), 201),
                    "trajectoryId");
            if (stage >= 1) {
                for (int s = 1; s <= 1 + i % 3; s++) {
                    call("mental-health-agency", "mha.specialist", "POST", "/api/trajectories/" + trajectory
                            + "/intake-sessions", "{\"date\":\"" + referred.plusDays(3L * s) + "\",\"hours\":1.5}", 201);
                }
            }
            if (stage >= 2 && !"NONE".equals(benefit)) {
                call("mental-health-agency", "mha.specialist", "POST", "/api/trajectories/" + trajectory
                        + "/funding-application", "{}", 202);
                trajectories.add(funder + ":" + trajectory + ":" + stage + ":" + referred + ":" + i);
            }
        }
        for (String entry : trajectories) {
            String[] part = entry.split(":");
            advance(part[0], part[1], Integer.parseInt(part[2]), LocalDate.parse(part[3]), Integer.parseInt(part[4]));
        }
        minutes(trajectories);
        log.info("demo covenant loaded: {} clients, {} trajectories with a funding application", clients,
                trajectories.size());
        return clients;
    }

    private void advance(String funder, String trajectory, int stage, LocalDate referred, int i) {
        if (stage < 3) {
            return; // awaiting the funder's decision: on the practitioners' agenda
        }
        String service = "MUNICIPALITY".equals(funder) ? "municipality" : "benefits-agency";
        String decider = "MUNICIPALITY".equals(funder) ? "municipality.case-manager" : "benefits.labour-expert";
        await(() -> call(service, decider, "GET", "/api/funding-applications", null, 200).contains(trajectory),
                "the " + service + " received " + trajectory);
        LocalDate start = referred.plusWeeks(4);
        call(service, decider, "POST", "/api/funding-applications/" + trajectory + "/approve",
                "{\"startDate\":\"" + start + "\"}", 200);
        if (stage >= 4) {
            call("mental-health-agency", "mha.specialist", "POST", "/api/trajectories/" + trajectory
                    + "/employer-contacts", "{\"date\":\"" + start.plusDays(10 + i % 30) + "\",\"employer\":\""
                    + "Werkgever " + (i % 7) + " BV\"}", 201);
        }
        if (stage >= 5) {
            String placement = id(call("mental-health-agency", "mha.specialist", "POST", "/api/trajectories/"
                    + trajectory + "/placements", """
                    {"employer":"Werkgever %d BV","jobTitle":"%s","competitive":%s,"hoursPerWeek":%d,
                     "monthlyGrossWage":%d,"startDate":"%s"}""".formatted(i % 7, JOBS[i % JOBS.length], i % 5 != 0,
                    8 + (i * 3) % 25, 700 + (i * 97) % 1600, start.plusMonths(2)), 201), "placementId");
            if (stage == 6 && i % 2 == 0) {
                call("mental-health-agency", "mha.specialist", "POST", "/api/trajectories/" + trajectory
                        + "/placements/" + placement + "/end", "{\"endDate\":\"" + start.plusMonths(2).plusDays(20)
                        + "\",\"reason\":\"contract ended\"}", 200);
            }
            if ("BENEFITS".equals(funder)) {
                call("mental-health-agency", "mha.specialist", "POST", "/api/trajectories/" + trajectory
                        + "/job-coaching", "{\"date\":\"" + start.plusMonths(2).plusDays(7) + "\",\"hours\":2}", 201);
            }
        }
        if (stage >= 7) {
            LocalDate closed = start.plusMonths(5).isBefore(today) ? start.plusMonths(5) : today.minusDays(1);
            call("mental-health-agency", "mha.specialist", "POST", "/api/trajectories/" + trajectory + "/close",
                    "{\"date\":\"" + closed + "\",\"reason\":\"working independently\"}", 200);
        }
        if (stage >= 4) {
            payStart(service, decider, trajectory, start, i);
        }
    }

    /**
     * One set of minutes (ADR 49): at the next meeting the municipality finds its first new applicant qualifies for
     * funding and the specialist takes an action on the same case (both reach the other side under the client's
     * consent for case review), and the benefits agency takes an action on a participant it funds.
     */
    private void minutes(List<String> trajectories) {
        String applicant = trajectories.stream().filter(t -> t.startsWith("MUNICIPALITY:"))
                .filter(t -> Integer.parseInt(t.split(":")[2]) < 3).map(t -> t.split(":")[1]).findFirst()
                .orElse(null);
        String participant = trajectories.stream().filter(t -> t.startsWith("BENEFITS:"))
                .filter(t -> Integer.parseInt(t.split(":")[2]) >= 3 && Integer.parseInt(t.split(":")[2]) < 7)
                .map(t -> t.split(":")[1]).findFirst()
                .orElse(null);
        if (applicant != null) {
            await(() -> call("municipality", "municipality.case-manager", "GET", "/api/funding-applications", null,
                    200).contains(applicant), "the municipality received " + applicant);
            decide("municipality", "municipality.case-manager",
                    "{\"caseRef\":\"" + applicant + "\",\"kind\":\"FUNDING_QUALIFICATION\",\"qualifies\":true}");
            decide("mental-health-agency", "mha.specialist", "{\"caseRef\":\"" + applicant + "\",\"kind\":\"ACTION\","
                    + "\"action\":\"Ask Werkgever 2 BV about a trial placement\",\"owner\":\"mha.specialist\","
                    + "\"due\":\"" + nextMeeting("mental-health-agency", "mha.specialist").plusDays(14) + "\"}");
        }
        if (participant != null) {
            decide("benefits-agency", "benefits.labour-expert", "{\"caseRef\":\"" + participant + "\","
                    + "\"kind\":\"ACTION\",\"action\":\"Check the hours against the benefit\","
                    + "\"owner\":\"benefits.labour-expert\"}");
        }
    }

    private void decide(String service, String user, String decision) {
        call(service, user, "POST", "/api/meetings/" + nextMeeting(service, user) + "/decisions", decision, 201);
    }

    private LocalDate nextMeeting(String service, String user) {
        Matcher date = Pattern.compile("\"date\"\\s*:\\s*\"([0-9-]+)\"").matcher(call(service, user, "GET",
                "/api/meetings/next", null, 200));
        if (!date.find()) {
            throw new IllegalStateException("no date of the next meeting at " + service);
        }
        return LocalDate.parse(date.group(1));
    }

    /** The funder paid the START line ten days after it fell due (or today): the statement shows paid and owed. */
    private void payStart(String service, String decider, String trajectory, LocalDate start, int i) {
        for (int attempt = 1; ; attempt++) {
            Matcher line = START_LINE.matcher(call(service, decider, "GET", "/api/trajectories/" + trajectory
                    + "/payments", null, 200));
            if (!line.find()) {
                return; // none due, or paid by an attempt that took longer than its answer
            }
            LocalDate paidOn = start.plusDays(10).isAfter(today) ? today : start.plusDays(10);
            try {
                call(service, decider, "POST", "/api/funding-applications/" + trajectory + "/payments", """
                        {"lineId":"%s","paidOn":"%s","reference":"DEMO-%04d"}""".formatted(line.group(1), paidOn, i),
                        200);
                return;
            } catch (IllegalStateException conflict) {
                // the funder's inbox may be appending the step just sent (a placement, a close) to the same
                // application at this moment, and the payment then fails (a 500, or no answer in time): while the
                // line is still due, the payment is made again
                if (attempt == 3) {
                    throw conflict;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void fidelityReview(String team, LocalDate date, int score, String reviewerOrganisation) {
        StringBuilder items = new StringBuilder();
        for (String item : List.of("CASELOAD_SIZE", "VOCATIONAL_SERVICES_STAFF", "VOCATIONAL_GENERALISTS",
                "INTEGRATION_TEAM_ASSIGNMENT", "INTEGRATION_TEAM_CONTACT", "VOCATIONAL_REHABILITATION_COLLABORATION",
                "VOCATIONAL_UNIT", "SUPERVISOR_ROLE", "ZERO_EXCLUSION", "AGENCY_FOCUS_ON_WORK",
                "EXECUTIVE_TEAM_SUPPORT", "WORK_INCENTIVES_PLANNING", "DISCLOSURE", "ONGOING_ASSESSMENT",
                "RAPID_JOB_SEARCH", "INDIVIDUALIZED_JOB_SEARCH", "JOB_DEVELOPMENT_FREQUENCY",
                "JOB_DEVELOPMENT_QUALITY", "DIVERSITY_OF_JOB_TYPES", "DIVERSITY_OF_EMPLOYERS", "COMPETITIVE_JOBS",
                "INDIVIDUALIZED_FOLLOW_ALONG", "TIME_UNLIMITED_SUPPORT", "COMMUNITY_BASED_SERVICES",
                "ASSERTIVE_OUTREACH")) {
            items.append(items.isEmpty() ? "" : ",").append('"').append(item).append("\":").append(score);
        }
        call("mental-health-agency", "mha.reviewer", "POST", "/api/fidelity-reviews", """
                {"team":"%s","reviewDate":"%s","reviewer":"R. Bakker",
                 "reviewerOrganisation":"%s","trainingOrganisation":"Trimbos","items":{%s}}"""
                .formatted(team, date, reviewerOrganisation, items), 201);
    }

    /** The next valid citizen service number (eleven-test) after {@code previous}, in a demo range. */
    public static int nextBsn(int previous) {
        int candidate = Math.max(previous + 1, 200_000_000);
        while (true) {
            String digits = String.format(Locale.ROOT, "%09d", candidate);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (digits.charAt(i) - '0');
            }
            if ((sum - (digits.charAt(8) - '0')) % 11 == 0) {
                return candidate;
            }
            candidate++;
        }
    }

    private String call(String service, String user, String method, String path, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrls.get(service) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " at " + service + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String id(String json, String field) {
        Matcher matcher = ID.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(field)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("no " + field + " in " + json);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
