package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.fidelity.FidelityItem;
import nl.ipsexchange.stack.ServiceLauncher.RunningService;
import nl.ipsexchange.testsupport.ApiClient;

/**
 * The pages in a real headless Chromium (Debian's chromium and chromium-driver; no browser download): a
 * practitioner, a decision maker and an auditor log in and see what they may see, and not what they may not.
 * Screenshots of each page are kept in {@code target/screenshots}. Without Chromium the test is skipped, except on
 * CI ({@code CI=true}), where {@code .ci/run} installs it and its absence is a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserTest {

    /**
     * Records a trail page shows here: more than a new client's first records (the clinician's read, and the three
     * withheld disclosures of its health information, which the relay may record after that read).
     */
    private static final int TRAIL_PAGE = 5;

    private FiveServices services;
    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeAll
    void start() throws IOException {
        chromium = HeadlessChromium.start(1280);
        // short pages on the trail, so that a few records take more than one; the benefits agency's status page
        // counts single registrations (nothing suppressed, demo profile only), the others suppress as they would
        services = new FiveServices(service -> service == ServiceDefinition.AUDIT
                ? List.of("--ips.audit.trail-page=" + TRAIL_PAGE) : service == ServiceDefinition.BENEFITS_AGENCY
                ? List.of("--ips.status.minimum-count=1") : List.of());
        browser = chromium.browser();
    }

    @AfterAll
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aPractitionerSeesTheirClientsButNotTheDecisionMakersStatus() throws IOException {
        String name = "Sanne Visser";
        assertThat(services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.clinician").post("/api/clients", """
                {"name":"%s","bsn":"100000071","dateOfBirth":"1991-02-03","benefit":"DISABILITY",
                 "municipality":"Nieuwegein"}""".formatted(name)).status()).isEqualTo(201);

        logIn(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.clinician");
        open(ServiceDefinition.MENTAL_HEALTH_AGENCY, "/clients");
        assertThat(browser.findElement(By.id("clients")).getText()).contains(name, "Nieuwegein");
        screenshot("practitioner-clients");

        // consents: give one through the page, see it active, revoke it
        browser.findElement(By.linkText(name)).click();
        browser.findElement(By.id("consents-link")).click();
        browser.findElement(By.cssSelector("input[name=recipients][value=BENEFITS]")).click();
        browser.findElement(By.cssSelector("input[name=categories][value=IDENTIFICATION]")).click();
        browser.findElement(By.cssSelector("input[name=purposes][value=FUNDING_DECISION]")).click();
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('input[name=validUntil]').value = arguments[0]",
                FiveServices.today().plusMonths(6).toString());
        submit(By.id("give-consent"));
        assertThat(browser.findElement(By.id("message")).getText())
                .startsWith("Consent recorded: identity shared with the benefits agency for funding decision");
        assertThat(focused()).isEqualTo("message");
        assertThat(browser.findElement(By.id("consents")).getText())
                .contains("the benefits agency", "identity", "active");
        screenshot("practitioner-consents");
        // revoking cannot be undone: a page says what will happen, and only its own button revokes
        submit(By.cssSelector("button.revoke"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Revoke this consent?");
        assertThat(browser.findElement(By.id("effects")).getText()).contains("The benefits agency will stop showing");
        browser.findElement(By.id("revoke-reason")).sendKeys("the client asked");
        screenshot("practitioner-revoke-consent");
        submit(By.id("confirm"));
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("Consent revoked.");
        assertThat(browser.findElement(By.id("consents")).getText()).contains("revoked");

        // a referral needs the client's own wish to work; then the trajectory page takes the next steps
        browser.findElement(By.name("jobPreferences")).sendKeys("bicycle mechanic");
        submit(By.id("refer"));
        assertThat(browser.findElement(By.id("error-summary")).getText()).contains("wish to work");
        assertThat(focused()).isEqualTo("error-summary");
        assertThat(browser.findElement(By.name("jobPreferences")).getAttribute("value")).isEqualTo("bicycle mechanic");
        browser.findElement(By.id("referral-wishesToWork")).click();
        submit(By.id("refer"));
        assertThat(browser.findElement(By.id("trajectory")).getText()).contains("bicycle mechanic");
        assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("Referred to IPS team Utrecht.");
        submit(By.id("record-intake"));
        assertThat(browser.findElement(By.id("message")).getText()).contains("Intake consultation 1 recorded");
        submit(By.id("apply"));
        assertThat(browser.findElement(By.id("error-summary")).getText()).contains("has not consented");
        // every problem of the job start at once, in words, linked to its field; the input kept
        browser.findElement(By.id("placement-employer")).sendKeys("Fietsenmaker Jansen");
        browser.findElement(By.id("placement-hoursPerWeek")).sendKeys("0");
        browser.findElement(By.id("placement-monthlyGrossWage")).sendKeys("123456789012.345");
        submit(By.id("record-placement"));
        WebElement summary = browser.findElement(By.id("error-summary"));
        assertThat(summary.findElements(By.tagName("a"))).extracting(WebElement::getText).containsExactly(
                "Enter the job title", "Hours a week must be at least 0.5",
                "Gross monthly wage (€) must be euro, at most 9999999.99, with at most 2 decimals");
        assertThat(browser.findElement(By.id("placement-employer")).getAttribute("value"))
                .isEqualTo("Fietsenmaker Jansen");
        screenshot("practitioner-job-start-problems");
        summary.findElement(By.linkText("Enter the job title")).click();
        assertThat(focused()).isEqualTo("placement-jobTitle");
        browser.findElement(By.id("placement-jobTitle")).sendKeys("bicycle mechanic");
        browser.findElement(By.id("placement-hoursPerWeek")).clear();
        browser.findElement(By.id("placement-hoursPerWeek")).sendKeys("16");
        browser.findElement(By.id("placement-monthlyGrossWage")).clear();
        browser.findElement(By.id("placement-monthlyGrossWage")).sendKeys("1450");
        submit(By.id("record-placement"));
        assertThat(browser.findElement(By.id("message")).getText()).contains("€ 1,450.00 gross a month");
        assertThat(browser.findElement(By.id("trajectory")).getText())
                .contains("Competitive job", "bicycle mechanic at Fietsenmaker Jansen");
        screenshot("practitioner-trajectory");

        // a question from the benefits agency, answered on the information requests page: outside the consent
        assertThat(services.as(ServiceDefinition.BENEFITS_AGENCY, "benefits.physician").post(
                "/api/information-requests", "{\"clientId\":\"" + clientIdOf(name)
                        + "\",\"categories\":[\"HEALTH_SUMMARY\"],\"purpose\":\"FUNDING_DECISION\"}").status())
                .isEqualTo(201);
        await(() -> {
            open(ServiceDefinition.MENTAL_HEALTH_AGENCY, "/information-requests");
            return browser.findElement(By.id("requests")).getText().contains(name);
        }, "the request is on the clinicians' page");
        submit(By.xpath("//table[@id='requests']//tr[td[2]='" + name + "']//button[@class='decide']"));
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("Send this answer to the benefits agency?");
        screenshot("practitioner-confirm-answer");
        submit(By.id("confirm"));
        assertThat(browser.findElement(By.id("message")).getText()).contains("consent required");
        screenshot("practitioner-information-requests");

        open(ServiceDefinition.MENTAL_HEALTH_AGENCY, "/status");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(browser.findElements(By.id("status"))).isEmpty();
        assertThat(browser.findElements(By.linkText("Status"))).isEmpty();
        screenshot("practitioner-status-refused");
        logOut();

        // the same page of the same service exists, for its decision maker
        logIn(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.director");
        // once in the header, once in the home page's list of the user's pages
        assertThat(browser.findElements(By.cssSelector("nav[aria-label='Main'] a")).stream()
                .filter(link -> link.getText().equals("Status")).count()).isEqualTo(1);
        assertThat(browser.findElement(By.id("pages")).findElements(By.linkText("Status"))).hasSize(1);
        open(ServiceDefinition.MENTAL_HEALTH_AGENCY, "/status");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Cross-agency status");
        assertThat(browser.findElement(By.id("status")).isDisplayed()).isTrue();
        logOut();
    }

    @Test
    void aDecisionMakerAndAnAuditorAreRefusedTheClientPagesAndTheMeeting() throws IOException {
        String name = "Ruben Hendriks";
        String client = register(name, "100000149", "SOCIAL_ASSISTANCE", "Culemborg");
        String trajectory = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.clinician").post("/api/referrals",
                "{\"clientId\":\"" + client + "\",\"wishesToWork\":true,\"jobPreferences\":\"painter\","
                        + "\"team\":\"IPS team Utrecht\"}")
                .json().get("trajectoryId").asText();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/clients", "Clients");
        pages.put("/clients/" + client + "/consents", "Consents of " + name);
        pages.put("/trajectories/" + trajectory, "IPS trajectory of " + name);
        pages.put("/information-requests", "Information requests");
        pages.put("/meeting", "Practitioner meeting of");

        // each page exists and shows the client to the practitioner ...
        logIn(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.specialist");
        pages.forEach((path, heading) -> {
            open(ServiceDefinition.MENTAL_HEALTH_AGENCY, path);
            assertThat(browser.findElement(By.tagName("h1")).getText()).as(path).startsWith(heading);
        });
        open(ServiceDefinition.MENTAL_HEALTH_AGENCY, "/clients");
        assertThat(browser.findElement(By.id("clients")).getText()).contains(name);
        logOut();

        // ... and is refused to the agency's decision maker, with nothing of the client on it
        logIn(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.director");
        assertThat(browser.findElements(By.linkText("Clients"))).isEmpty();
        assertThat(browser.findElements(By.linkText("Practitioner meeting"))).isEmpty();
        for (String path : pages.keySet()) {
            open(ServiceDefinition.MENTAL_HEALTH_AGENCY, path);
            assertThat(browser.findElement(By.tagName("h1")).getText()).as(path).isEqualTo("Not allowed");
            assertThat(browser.findElement(By.tagName("main")).getText()).as(path).doesNotContain(name, "Culemborg");
        }
        screenshot("decision-maker-clients-refused");
        logOut();

        // the auditor has no account at the mental health agency: the login is refused, so are its client pages
        attemptLogIn(ServiceDefinition.MENTAL_HEALTH_AGENCY, "audit.auditor");
        assertThat(browser.findElement(By.cssSelector("p.bad")).getText())
                .contains("Unknown user name or wrong password");
        open(ServiceDefinition.MENTAL_HEALTH_AGENCY, "/clients");
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Log in to");
        assertThat(browser.getPageSource()).doesNotContain(name);
        screenshot("auditor-clients-refused");
        logOut();

        // the funders' decision makers are refused their practitioner meeting, which their practitioners see
        logIn(ServiceDefinition.BENEFITS_AGENCY, "benefits.labour-expert");
        open(ServiceDefinition.BENEFITS_AGENCY, "/meeting");
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Practitioner meeting of");
        logOut();
        logIn(ServiceDefinition.BENEFITS_AGENCY, "benefits.manager");
        open(ServiceDefinition.BENEFITS_AGENCY, "/meeting");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        logOut();
    }

    @Test
    void aDecisionMakerSeesDeIdentifiedStatusWithoutAnyClientName() throws IOException {
        services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.clinician").post("/api/clients", """
                {"name":"Pieter Bos","bsn":"100000083","dateOfBirth":"1980-10-10","benefit":"SOCIAL_ASSISTANCE",
                 "municipality":"Zeist"}""");
        logIn(ServiceDefinition.BENEFITS_AGENCY, "benefits.manager");
        await(() -> {
            open(ServiceDefinition.BENEFITS_AGENCY, "/status");
            return browser.findElement(By.id("status")).getText().contains("ClientRegistered");
        }, "the decision maker's status shows registrations");
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Referrals", "Participants in competitive work", "Latest fidelity review per team")
                .doesNotContain("Pieter", "Bos", "100000083", "Zeist");
        screenshot("decision-maker-status");

        // the chart: one bar per kind of event, as long relative to the longest as its count to the largest count
        assertChartMatchesCounts();
        long registered = countOnStatusPage("ClientRegistered");
        register("Hanna de Wit", "100000150", "DISABILITY", "Woerden");
        await(() -> {
            open(ServiceDefinition.BENEFITS_AGENCY, "/status");
            return countOnStatusPage("ClientRegistered") > registered;
        }, "the new registration is counted");
        long registeredNow = countOnStatusPage("ClientRegistered");
        assertChartMatchesCounts();

        // per quarter: this quarter shows the registrations, a quarter without data shows nothing
        LocalDate today = FiveServices.today();
        showStatusFor(today.getYear() + "-Q" + (today.getMonthValue() + 2) / 3);
        assertThat(countOnStatusPage("ClientRegistered")).isGreaterThanOrEqualTo(registeredNow);
        showStatusFor("2001-Q1");
        assertThat(browser.getCurrentUrl()).contains("quarter=2001-Q1");
        assertThat(browser.findElement(By.id("status")).getText()).contains("0 in all", "Nothing in this period.")
                .doesNotContain("ClientRegistered");
        assertThat(browser.findElements(By.cssSelector("#status .bar"))).isEmpty();
        assertThat(browser.findElement(By.xpath("//table[@id='measures']//tr[th='Referrals']/td")).getText())
                .isEqualTo("0");
        screenshot("decision-maker-status-empty-period");
        logOut();
    }

    @Test
    void aSmallCountIsShownAsFewerThanFiveWithTheRuleOnTheStatusPage() throws IOException {
        // a referral in a quarter of its own, long ago: one client, and the mental health agency suppresses as it would
        String client = register("Joost Mulder", "100000198", "DISABILITY", "IJsselstein");
        assertThat(services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.clinician").post("/api/referrals",
                "{\"clientId\":\"" + client + "\",\"wishesToWork\":true,\"jobPreferences\":\"baker\","
                        + "\"referredOn\":\"2011-05-10\",\"team\":\"IPS team Utrecht\"}").status()).isEqualTo(201);

        logIn(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.director");
        await(() -> {
            open(ServiceDefinition.MENTAL_HEALTH_AGENCY, "/status?quarter=2011-Q2");
            return !referralsOnStatusPage().equals("0");
        }, "the referral reached the mental health agency's status");
        assertThat(referralsOnStatusPage()).isEqualTo("fewer than 5");
        assertThat(browser.findElement(By.id("rule")).getText()).contains("1 to 4", "“fewer than 5”", "not shown");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Joost", "Mulder", "100000198");
        screenshot("decision-maker-status-small-count");
        logOut();
    }

    private String referralsOnStatusPage() {
        return browser.findElement(By.xpath("//table[@id='measures']//tr[th='Referrals']/td")).getText();
    }

    @Test
    void anAuditorSeesTheTrailAndItsVerification() throws IOException {
        ApiClient clinician = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "mha.clinician");
        String id = clinician.post("/api/clients", """
                {"name":"Eva Smit","bsn":"100000095","dateOfBirth":"1970-07-07","benefit":"NONE",
                 "municipality":"Bunnik"}""").json().get("clientId").asText();
        clinician.put("/api/clients/" + id + "/health/DIAGNOSIS", "{\"text\":\"recorded for the trail\"}");
        assertThat(clinician.get("/api/clients/" + id).status()).isEqualTo(200);

        logIn(ServiceDefinition.AUDIT, "audit.auditor");
        await(() -> {
            open(ServiceDefinition.AUDIT, "/trail?clientId=" + id);
            return browser.findElement(By.id("trail")).getText().contains("mha.clinician");
        }, "the clinician's health read is in the trail");
        assertThat(browser.findElement(By.id("trail")).getText()).contains("VIEW", "DIAGNOSIS", "PERMITTED")
                .doesNotContain("recorded for the trail");
        // the page shows the newest verification of the whole trail; the auditor asks for one now, which runs in the
        // background and is shown, with who asked, once it is done (the button is offered when none is running: a
        // scheduled one may be)
        await(() -> {
            open(ServiceDefinition.AUDIT, "/trail?clientId=" + id);
            return !browser.findElements(By.id("verify-now")).isEmpty();
        }, "no verification is running");
        submit(By.id("verify-now"));
        await(() -> {
            open(ServiceDefinition.AUDIT, "/trail?clientId=" + id);
            return browser.findElement(By.id("verification")).getText().contains("asked for by audit.auditor");
        }, "the verification the auditor asked for is shown");
        assertThat(browser.findElement(By.id("verification-status")).getText()).isEqualTo("intact");
        assertThat(Long.parseLong(browser.findElement(By.id("verification-checked")).getText().replace(",", "")))
                .isPositive();
        screenshot("auditor-trail");

        // the FHIR export linked from the client's trail: a Bundle of this client's AuditEvents, without the health text
        browser.findElement(By.id("fhir-export")).click();
        await(() -> browser.findElement(By.tagName("pre")).getText().contains("Bundle"), "the FHIR export is shown");
        String exported = browser.findElement(By.tagName("pre")).getText();
        JsonNode bundle = new ObjectMapper()
                .readTree(exported);
        assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.get("entry")).isNotEmpty();
        for (JsonNode entry : bundle.get("entry")) {
            assertThat(entry.at("/resource/resourceType").asText()).isEqualTo("AuditEvent");
            assertThat(entry.get("resource").toString()).contains("Patient/" + id);
        }
        assertThat(exported).contains("mha.clinician").doesNotContain("recorded for the trail");
        screenshot("auditor-fhir-export");

        // the client's access report, linked from the trail: in plain words, and printable without the navigation
        open(ServiceDefinition.AUDIT, "/trail?clientId=" + id);
        browser.findElement(By.id("access-report")).click();
        await(() -> browser.findElement(By.tagName("h1")).getText().equals("Who saw your information"),
                "the access report is shown");
        assertThat(browser.findElement(By.id("report-client")).getText()).isEqualTo(id);
        assertThat(browser.findElement(By.id("report-lines")).getText())
                .contains("mha.clinician (clinician)", "looked at your information", "DIAGNOSIS")
                .doesNotContain("recorded for the trail");
        WebElement navigation = browser.findElement(By.cssSelector("header.site"));
        assertThat(navigation.isDisplayed()).isTrue();
        screenshot("auditor-access-report");
        emulateMedia("print");
        try {
            assertThat(navigation.isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("report-lines")).isDisplayed()).isTrue();
            screenshot("auditor-access-report-printed");
        } finally {
            emulateMedia("");
        }

        // a read at the benefits agency after the client revoked its consent: an anomaly of both kinds
        String consent = clinician.post("/api/clients/" + id + "/consents", """
                {"recipients":["BENEFITS"],"categories":["IDENTIFICATION"],"purposes":["FUNDING_DECISION"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(FiveServices.today(),
                FiveServices.today().plusDays(30))).json().get("consentId").asText();
        ApiClient labourExpert = services.as(ServiceDefinition.BENEFITS_AGENCY,
                "benefits.labour-expert");
        await(() -> labourExpert.get("/api/clients/" + id).status() == 200, "the consented client is shared");
        assertThat(clinician.post("/api/clients/" + id + "/consents/" + consent + "/revoke",
                "{\"reason\":\"the client withdrew consent\"}").status()).isEqualTo(200);
        await(() -> labourExpert.get("/api/clients/" + id).status() == 403, "the read is refused after revocation");
        await(() -> {
            open(ServiceDefinition.AUDIT, "/trail?anomaly=AFTER_REVOCATION");
            return browser.findElement(By.id("trail")).getText().contains(id);
        }, "the read after the revocation is an anomaly");
        assertThat(column("trail", 3)).contains("benefits.labour-expert").doesNotContain("mha.clinician");
        screenshot("auditor-anomalies-after-revocation");

        // the same read through the form: without valid consent; the clinician's own reads are no anomaly
        open(ServiceDefinition.AUDIT, "/trail");
        new Select(browser.findElement(By.name("anomaly")))
                .selectByValue("WITHOUT_CONSENT");
        submit(By.cssSelector("#trail-filter button"));
        assertThat(browser.getCurrentUrl()).contains("anomaly=WITHOUT_CONSENT");
        assertThat(column("trail", 5)).contains(id);
        assertThat(column("trail", 2)).doesNotContain("MENTAL_HEALTH");
        screenshot("auditor-anomalies-without-consent");

        // the trail by user: only the labour expert's records, this client's among them
        open(ServiceDefinition.AUDIT, "/trail");
        browser.findElement(By.name("userId")).sendKeys("benefits.labour-expert");
        submit(By.cssSelector("#trail-filter button"));
        assertThat(column("trail", 3)).isNotEmpty().containsOnly("benefits.labour-expert");
        assertThat(column("trail", 5)).contains(id);
        screenshot("auditor-trail-by-user");
        open(ServiceDefinition.AUDIT, "/trail?userId=mha.clinician");
        assertThat(column("trail", 3)).isNotEmpty().containsOnly("mha.clinician");

        // page after page (five records a page here): the clinician's reads of this client, every one once, newest
        // first, the filters kept on every page, and back to the newest
        for (int read = 0; read < 2 * TRAIL_PAGE; read++) {
            assertThat(clinician.get("/api/clients/" + id).status()).isEqualTo(200);
        }
        String filters = "clientId=" + id + "&userId=mha.clinician";
        ApiClient auditor = services.as(ServiceDefinition.AUDIT, "audit.auditor");
        await(() -> auditor.get("/api/access-records?" + filters).json().size() > 2 * TRAIL_PAGE,
                "the clinician's reads are in the trail");
        int expected = auditor.get("/api/access-records?" + filters).json().size();
        open(ServiceDefinition.AUDIT, "/trail?" + filters);
        assertThat(browser.findElements(By.id("trail-newest"))).isEmpty();
        List<String> times = new ArrayList<>(column("trail", 1));
        for (int page = 1; !browser.findElements(By.id("trail-older")).isEmpty(); page++) {
            assertThat(column("trail", 1)).hasSize(TRAIL_PAGE);
            String lastShown = times.get(times.size() - 1);
            submit(By.id("trail-older"));
            assertThat(browser.getCurrentUrl()).contains(filters, "after=");
            assertThat(browser.findElement(By.id("trail-older-than")).getText()).isEqualTo(lastShown);
            assertThat(column("trail", 3)).isNotEmpty().containsOnly("mha.clinician");
            assertThat(column("trail", 5)).containsOnly(id);
            times.addAll(column("trail", 1));
            if (page == 1) {
                screenshot("auditor-trail-older-records");
            }
        }
        assertThat(times).hasSize(expected)
                .isSortedAccordingTo(Comparator.<String>naturalOrder().reversed());
        submit(By.id("trail-newest"));
        assertThat(browser.getCurrentUrl()).contains(filters).doesNotContain("after=");
        assertThat(column("trail", 1)).isEqualTo(times.subList(0, TRAIL_PAGE));
        logOut();
    }

    @Test
    void aCaseManagerSeesTheApplicantOnTheMeetingAgendaAndRecordsTheQualification() throws IOException {
        ApiClient clinician = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "mha.clinician");
        String client = clinician.post("/api/clients", """
                {"name":"Lotte Kok","bsn":"100000101","dateOfBirth":"1993-03-03","benefit":"SOCIAL_ASSISTANCE",
                 "municipality":"Vianen"}""").json().get("clientId").asText();
        clinician.put("/api/clients/" + client + "/health/DIAGNOSIS", "{\"text\":\"never on the agenda\"}");
        assertThat(clinician.post("/api/clients/" + client + "/consents", """
                {"recipients":["MUNICIPALITY"],"categories":["IDENTIFICATION","BENEFITS","EMPLOYMENT"],
                 "purposes":["FUNDING_DECISION","CASE_REVIEW"],"validFrom":"%s","validUntil":"%s"}"""
                .formatted(FiveServices.today(), FiveServices.today().plusDays(60))).status()).isEqualTo(201);
        String trajectory = clinician.post("/api/referrals", "{\"clientId\":\"" + client
                + "\",\"wishesToWork\":true,\"jobPreferences\":\"florist\",\"team\":\"IPS team Utrecht\"}").json()
                .get("trajectoryId").asText();
        assertThat(clinician.post("/api/trajectories/" + trajectory + "/funding-application", "{}").status())
                .isEqualTo(202);

        logIn(ServiceDefinition.MUNICIPALITY, "municipality.case-manager");
        // without JavaScript (no htmx) the meeting's forms still work: they post and the page is loaded again
        scriptsDisabled(true);
        try {
            await(() -> {
                open(ServiceDefinition.MUNICIPALITY, "/meeting");
                return browser.findElement(By.id("section-0")).getText().contains("Lotte Kok");
            }, "the applicant is on the municipality's agenda");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("Benefit SOCIAL_ASSISTANCE")
                    .doesNotContain("never on the agenda");
            screenshot("practitioner-meeting");
            submit(By.cssSelector("#section-0 form button"));
            assertThat(browser.findElement(By.cssSelector("p.ok")).getText()).isEqualTo("Decision recorded.");
            await(() -> {
                open(ServiceDefinition.MUNICIPALITY, "/meeting");
                return browser.findElement(By.id("decisions")).getText().contains("qualifies for funding");
            }, "the decision is recorded");
            screenshot("practitioner-meeting-decided");
        } finally {
            scriptsDisabled(false);
        }
        logOut();

        logIn(ServiceDefinition.MUNICIPALITY, "municipality.adviser");
        open(ServiceDefinition.MUNICIPALITY, "/meeting");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");

        // the funding decision on the funder's page: refused without a fidelity review, with the reason shown
        open(ServiceDefinition.MUNICIPALITY, "/funding");
        submit(By.cssSelector("button.approve"));
        assertThat(browser.findElement(By.cssSelector("p.bad")).getText()).contains("FAIR or better");
        assertThat(browser.findElement(By.id("applications")).getText()).contains("RECEIVED");
        screenshot("funder-applications");

        // the statement of a period: printable; a period that ends before it starts is named, the input kept
        browser.findElement(By.id("statement-link")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Payment statement");
        screenshot("payment-statement");
        open(ServiceDefinition.MUNICIPALITY, "/funding/statement?from=2026-05-01&to=2026-04-01");
        assertThat(browser.findElement(By.cssSelector(".error-summary")).getText())
                .contains("to: must not be before from (2026-05-01)");
        assertThat(browser.findElement(By.id("to")).getAttribute("value")).isEqualTo("2026-04-01");
        logOut();
    }

    /** A published fidelity table's format: each team's 25 item scores side by side, scores 1 to 3 marked. */
    @Test
    void theFidelityPageShowsEachTeamsItemScoresSideBySideWithLowScoresMarked() throws IOException {
        StringBuilder items = new StringBuilder();
        for (FidelityItem item : FidelityItem.values()) {
            int score = item == FidelityItem.DISCLOSURE ? 2 : item == FidelityItem.RAPID_JOB_SEARCH ? 3 : 4;
            items.append(items.isEmpty() ? "" : ",").append('"').append(item).append("\":").append(score);
        }
        ApiClient.Response recorded = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.reviewer").post(
                "/api/fidelity-reviews", """
                        {"team":"IPS team Zuid","reviewDate":"%s","reviewer":"R. Bakker",
                         "reviewerOrganisation":"Kenniscentrum IPS","trainingOrganisation":"Trimbos","items":{%s}}"""
                        .formatted(LocalDate.now(ZoneOffset.UTC).minusDays(5), items));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);

        logIn(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.reviewer");
        open(ServiceDefinition.MENTAL_HEALTH_AGENCY, "/fidelity");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Fidelity of the IPS teams");
        WebElement table = browser.findElement(By.id("fidelity"));
        assertThat(table.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).toList())
                .contains("IPS team Zuid");
        assertThat(table.findElement(By.xpath(".//tr[th='Disclosure counselling']")).getText())
                .contains("2 needs work");
        assertThat(table.findElement(By.xpath(".//tr[th='Rapid search for competitive jobs']")).getText())
                .contains("3 needs work");
        assertThat(table.findElement(By.xpath(".//tr[th='Zero exclusion criteria']")).getText())
                .doesNotContain("needs work");
        screenshot("fidelity-per-team");
        logOut();
    }

    @Test
    void practitionersOfTheMentalHealthAndBenefitsAgenciesSeeTheirAgendaAndRecordAnAction() throws IOException {
        ApiClient clinician = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "mha.clinician");
        String noor = register("Noor Dekker", "100000162", "DISABILITY", "Houten");
        String daan = register("Daan Mulder", "100000174", "DISABILITY", "IJsselstein");
        String iris = register("Iris Peters", "100000186", "NONE", "Utrecht");
        String noorHealth = "noor summary 4f1c";
        String daanHealth = "daan summary 9e4a";
        assertThat(clinician.put("/api/clients/" + noor + "/health/HEALTH_SUMMARY", "{\"text\":\"" + noorHealth
                + "\"}").status()).isEqualTo(204);
        assertThat(clinician.put("/api/clients/" + daan + "/health/HEALTH_SUMMARY", "{\"text\":\"" + daanHealth
                + "\"}").status()).isEqualTo(204);
        // Noor's consent covers her health summary for the benefits agency, Daan's does not
        giveConsent(noor, "\"IDENTIFICATION\",\"BENEFITS\",\"EMPLOYMENT\",\"HEALTH_SUMMARY\"");
        giveConsent(daan, "\"IDENTIFICATION\",\"BENEFITS\",\"EMPLOYMENT\"");
        for (String applicant : List.of(noor, daan)) {
            assertThat(clinician.post("/api/trajectories/" + refer(applicant, "gardener") + "/funding-application",
                    "{}").status()).isEqualTo(202);
        }
        // Iris looks for work without funding: a participant in progress, with a first employer contact
        String irisTrajectory = refer(iris, "librarian");
        String today = FiveServices.today().toString();
        assertThat(clinician.post("/api/trajectories/" + irisTrajectory + "/employer-contacts",
                "{\"date\":\"" + today + "\",\"employer\":\"Bibliotheek Utrecht\"}").status()).isEqualTo(201);
        // a benefit question about Daan, awaiting the mental health agency's answer
        assertThat(services.as(ServiceDefinition.BENEFITS_AGENCY, "benefits.physician").post(
                "/api/information-requests", "{\"clientId\":\"" + daan
                        + "\",\"categories\":[\"TREATMENT\"],\"purpose\":\"FUNDING_DECISION\"}").status())
                .isEqualTo(201);

        // the mental health agency's meeting: its own clients by name, never their health information
        logIn(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.specialist");
        await(() -> {
            open(ServiceDefinition.MENTAL_HEALTH_AGENCY, "/meeting");
            return caseRefs("section-2").contains(daan);
        }, "the benefits agency's question is on the mental health agency's agenda");
        assertThat(browser.findElement(By.id("section-0")).getText())
                .contains("Noor Dekker", "Daan Mulder", "Funding applied for at BENEFITS").doesNotContain("Iris Peters");
        assertThat(browser.findElement(By.id("section-1")).getText())
                .contains("Iris Peters", "wants to work as: librarian", "First employer contact " + today)
                .doesNotContain("Noor Dekker", "Daan Mulder");
        assertThat(caseRefs("section-1")).contains(irisTrajectory);
        assertThat(row("section-2", daan).getText()).contains("BENEFITS asks", "TREATMENT", "FUNDING_DECISION",
                "benefits.physician");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain(noorHealth, daanHealth);
        screenshot("practitioner-meeting-mental-health-agency");

        // an action with an owner, decided in the meeting: recorded as an event and listed with the decisions
        // with htmx the decision replaces only the page's main part: the page itself is not loaded again
        JavascriptExecutor script = (JavascriptExecutor) browser;
        assertThat(script.executeScript("return typeof htmx")).isEqualTo("object");
        script.executeScript("window.samePage = true");
        String action = "Ask Bibliotheek Utrecht about a trial placement " + UUID.randomUUID();
        LocalDate meetingDate = LocalDate.parse(row("section-1", irisTrajectory)
                .findElement(By.name("due")).getAttribute("min"));
        String decisionEvents = "select count(*) from domain_event_entry where payload_type like "
                + "'%MeetingDecisionRecordedEvent'";
        long decided = services.count(ServiceDefinition.MENTAL_HEALTH_AGENCY, decisionEvents);
        // a due date before the meeting (past the page's own check) is refused, with the reason on the page
        recordAction(irisTrajectory, action, meetingDate.minusDays(1), true);
        await(() -> browser.findElement(By.cssSelector("p.bad")).getText()
                .contains("due: must not be before the meeting"), "the refusal is shown");
        assertThat(browser.findElements(By.xpath("//table[@id='decisions']//tr[td[2][normalize-space()='" + action
                + "']]"))).isEmpty();
        String due = meetingDate.plusWeeks(1).toString();
        recordAction(irisTrajectory, action, meetingDate.plusWeeks(1), false);
        By decisionRow = By.xpath("//table[@id='decisions']//tr[td[2][normalize-space()='" + action + "']]");
        await(() -> !browser.findElements(decisionRow).isEmpty(), "the action is listed with the decisions");
        assertThat(browser.findElement(decisionRow).getText()).contains(irisTrajectory,
                "Jan de Vries (IPS specialist)", due, "mha.specialist");
        assertThat(browser.findElement(By.cssSelector("p.ok")).getText()).isEqualTo("Decision recorded.");
        assertThat(browser.findElements(By.cssSelector("p.bad"))).isEmpty();
        assertThat(script.executeScript("return window.samePage === true")).isEqualTo(true);
        assertThat(browser.findElement(By.id("section-1")).getText()).contains("Iris Peters");
        assertThat(services.count(ServiceDefinition.MENTAL_HEALTH_AGENCY, decisionEvents)).isEqualTo(decided + 1);
        screenshot("practitioner-meeting-action-recorded");
        logOut();

        // the benefits agency's meeting: the insurance physician sees the health summary that Noor's consent covers,
        // not Daan's, whose consent does not cover health
        logIn(ServiceDefinition.BENEFITS_AGENCY, "benefits.physician");
        await(() -> {
            open(ServiceDefinition.BENEFITS_AGENCY, "/meeting");
            String applicants = browser.findElement(By.id("section-0")).getText();
            return applicants.contains("Health summary: " + noorHealth) && applicants.contains("Daan Mulder");
        }, "both applicants are on the benefits agency's agenda");
        assertThat(rowContaining("section-0", "Daan Mulder").getText()).contains("Benefit DISABILITY")
                .doesNotContain("Health summary");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain(daanHealth, "Iris Peters");
        assertThat(row("section-2", daan).getText()).contains("TREATMENT", "Awaiting the mental health agency's answer");
        screenshot("practitioner-meeting-benefits-physician");
        logOut();

        // the labour expert sees the same applicants, but no health information at all (no need to know)
        logIn(ServiceDefinition.BENEFITS_AGENCY, "benefits.labour-expert");
        open(ServiceDefinition.BENEFITS_AGENCY, "/meeting");
        assertThat(browser.findElement(By.id("section-0")).getText()).contains("Noor Dekker", "Daan Mulder");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain(noorHealth, daanHealth,
                "Health summary");
        screenshot("practitioner-meeting-benefits-labour-expert");
        logOut();
    }

    /** Fills in the action form of a case on the meeting page and sends it (its due date set as a user cannot). */
    private void recordAction(String caseRef, String action, LocalDate due, boolean pastTheDateCheck) {
        WebElement form = row("section-1", caseRef)
                .findElement(By.xpath(".//form[input[@name='kind' and @value='ACTION']]"));
        form.findElement(By.name("action")).clear();
        form.findElement(By.name("action")).sendKeys(action);
        form.findElement(By.name("owner")).clear();
        form.findElement(By.name("owner")).sendKeys("Jan de Vries (IPS specialist)");
        WebElement date = form.findElement(By.name("due"));
        JavascriptExecutor script = (JavascriptExecutor) browser;
        if (pastTheDateCheck) {
            script.executeScript("arguments[0].removeAttribute('min')", date);
        }
        script.executeScript("arguments[0].value = arguments[1]", date, due.toString());
        form.findElement(By.xpath(".//button[normalize-space()='Record action']")).click();
    }

    private void giveConsent(String client, String categories) {
        ApiClient.Response given = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "mha.clinician").post("/api/clients/" + client + "/consents", """
                {"recipients":["BENEFITS"],"categories":[%s],"purposes":["FUNDING_DECISION","CASE_REVIEW"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(categories, FiveServices.today(),
                FiveServices.today().plusDays(90)));
        assertThat(given.status()).as(given.body()).isEqualTo(201);
    }

    private String refer(String client, String job) {
        ApiClient.Response referred = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "mha.clinician").post("/api/referrals", "{\"clientId\":\"" + client
                + "\",\"wishesToWork\":true,\"jobPreferences\":\"" + job + "\",\"team\":\"IPS team Utrecht\"}");
        assertThat(referred.status()).as(referred.body()).isEqualTo(201);
        return referred.json().get("trajectoryId").asText();
    }

    /** The case references of an agenda section's cases. */
    private List<String> caseRefs(String section) {
        return browser.findElements(By.cssSelector("#" + section + " input[name=caseRef]")).stream()
                .map(input -> input.getAttribute("value")).distinct().toList();
    }

    /** The row of an agenda section for a case. */
    private WebElement row(String section, String caseRef) {
        return browser.findElement(By.xpath("//table[@id='" + section + "']//tr[.//input[@name='caseRef' and @value='"
                + caseRef + "']]"));
    }

    /** The row of an agenda section whose text contains the given text. */
    private WebElement rowContaining(String section, String text) {
        return browser.findElement(By.xpath("//table[@id='" + section + "']//tr[contains(., '" + text + "')]"));
    }

    @Test
    void anAdministratorSeesAParkedMessageRetriesItAndDiscardsItWithAReason() throws Exception {
        // a readable status message that no service can store (its subject is longer than the contract allows)
        String poisoned = "q".repeat(120) + UUID.randomUUID();
        try (var producer = services.producer()) {
            producer.send(FiveServices.signed(Agency.MENTAL_HEALTH,
                    Topics.STATUS, poisoned, FiveServices.clientRegisteredStatus(poisoned)))
                    .get(10, TimeUnit.SECONDS);
        }
        FiveServices.await(() -> services.count(ServiceDefinition.INSURER,
                "select count(*) from parked_message where sequence_key = '" + poisoned + "'") == 1,
                "the insurer parked the message");

        logIn(ServiceDefinition.INSURER, "insurer.admin");
        open(ServiceDefinition.INSURER, "/admin/parked-messages");
        assertThat(browser.findElement(By.id("parked")).getText()).contains(poisoned, "ClientRegistered",
                "DataIntegrityViolationException");
        screenshot("administrator-parked-messages");
        submit(By.cssSelector("#parked button.retry"));
        assertThat(browser.findElement(By.cssSelector("p.bad")).getText()).contains("still parked");
        browser.findElement(By.cssSelector("#parked input[name=reason]")).sendKeys("reported to the sender");
        submit(By.cssSelector("#parked button.discard"));
        assertThat(browser.findElement(By.cssSelector("p.ok")).getText()).contains("Discarded");
        assertThat(browser.findElement(By.id("resolutions")).getText()).contains("DISCARDED", "insurer.admin",
                "reported to the sender");
        assertThat(services.count(ServiceDefinition.INSURER,
                "select count(*) from parked_message where sequence_key = '" + poisoned + "'")).isZero();

        open(ServiceDefinition.INSURER, "/status");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        logOut();
    }

    private void logIn(ServiceDefinition service, String user) {
        attemptLogIn(service, user);
        await(() -> browser.getPageSource().contains("Welcome"), user + " is logged in");
    }

    private void attemptLogIn(ServiceDefinition service, String user) {
        open(service, "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        submit(By.id("login"));
    }

    /** Registers a client through the mental health agency's API. */
    private String register(String name, String bsn, String benefit, String municipality) {
        ApiClient.Response created = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "mha.clinician").post("/api/clients", """
                {"name":"%s","bsn":"%s","dateOfBirth":"1988-08-08","benefit":"%s","municipality":"%s"}"""
                .formatted(name, bsn, benefit, municipality));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("clientId").asText();
    }

    private String clientIdOf(String name) {
        for (JsonNode client : services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "mha.clinician").get("/api/clients").json()) {
            if (client.get("name").asText().equals(name)) {
                return client.get("clientId").asText();
            }
        }
        throw new AssertionError("no client " + name);
    }

    /** Clicks a button that submits a form and waits until the next page has replaced this one. */
    private void submit(By button) {
        submit(browser.findElement(button));
    }

    private void submit(WebElement button) {
        WebElement page = browser.findElement(By.tagName("html"));
        button.click();
        // the old page is gone once its element can no longer be queried (Chromium reports that in more than one way);
        // looked for every 50 ms, not every 500 (WebDriverWait's default): a page takes a few dozen ms to replace
        new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(50)).until(driver -> {
            try {
                page.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
    }

    /**
     * Polls a page until the condition holds. An element that is not (yet) on the page counts as "not yet": a page
     * renders a section only once it has something in it.
     */
    private void await(BooleanSupplier condition, String what) {
        try {
            FiveServices.await(() -> {
                try {
                    return condition.getAsBoolean();
                } catch (NoSuchElementException
                         | StaleElementReferenceException notYet) {
                    return false;
                }
            }, what);
        } catch (AssertionError timedOut) {
            // the page as it was when the wait gave up, next to the screenshots
            try {
                screenshot("timed-out");
                Files.writeString(Path.of("target", "screenshots", "timed-out.html"), browser.getPageSource());
            } catch (IOException | RuntimeException notKept) {
                timedOut.addSuppressed(notKept);
            }
            throw timedOut;
        }
    }

    /** The count of one kind of event in the status page's table, 0 when the table has no row for it. */
    private long countOnStatusPage(String eventType) {
        for (WebElement row : browser.findElements(By.cssSelector("#status tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (cells.size() == 3 && cells.get(0).getText().equals(eventType)) {
                return Long.parseLong(cells.get(1).getText());
            }
        }
        return 0;
    }

    /** Each bar of the status chart is to the longest bar as its row's count is to the largest count. */
    private void assertChartMatchesCounts() {
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("#status tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (cells.size() == 3) {
                WebElement bar = cells.get(2).findElement(By.cssSelector(".bar"));
                rows.put(cells.get(0).getText(), new long[] {Long.parseLong(cells.get(1).getText()),
                        bar.getSize().getWidth()});
            }
        }
        assertThat(rows).containsKey("ClientRegistered");
        long maxCount = rows.values().stream().mapToLong(r -> r[0]).max().orElseThrow();
        long maxWidth = rows.values().stream().mapToLong(r -> r[1]).max().orElseThrow();
        assertThat(maxWidth).isGreaterThan(100);
        rows.forEach((type, r) -> assertThat((double) r[1] / maxWidth).as("the bar of " + type)
                .isCloseTo((double) r[0] / maxCount, Offset.offset(0.02)));
    }

    /** Shows the status page for a quarter, through its form. */
    private void showStatusFor(String quarter) {
        open(ServiceDefinition.BENEFITS_AGENCY, "/status");
        WebElement field = browser.findElement(By.name("quarter"));
        field.clear();
        field.sendKeys(quarter);
        submit(By.cssSelector("main form button"));
    }

    /** The text of one column (1-based) of a table's data rows. */
    private List<String> column(String table, int index) {
        return browser.findElements(By.cssSelector("#" + table + " tr")).stream()
                .map(row -> row.findElements(By.tagName("td"))).filter(cells -> cells.size() >= index)
                .map(cells -> cells.get(index - 1).getText()).toList();
    }

    /** Renders the pages for a medium ({@code print}), or for the screen again ({@code ""}). */
    private void emulateMedia(String media) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", media));
    }

    /** Turns the page's JavaScript off (as for a user without it) or on again. */
    private void scriptsDisabled(boolean disabled) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setScriptExecutionDisabled",
                Map.of("value", disabled));
    }

    /** The id of the element that has the focus. */
    private Object focused() {
        return ((JavascriptExecutor) browser).executeScript("return document.activeElement.id");
    }

    private void logOut() {
        browser.manage().deleteAllCookies();
    }

    private void open(ServiceDefinition service, String path) {
        RunningService running = services.running().stream().filter(s -> s.definition() == service).findFirst()
                .orElseThrow();
        browser.get(running.baseUrl() + path);
    }

    /**
     * Every page shot is also checked for the structure assistive technology relies on: a language, a title, a main
     * heading, a label (or aria-label) for every form field, a name for every button, alternative text for every
     * image, header cells in every table.
     */
    private void assertAccessible(String name) {
        Object problems = ((JavascriptExecutor) browser).executeScript("""
                const problems = [];
                if (document.contentType !== 'text/html') return problems; // e.g. the FHIR export's JSON
                if (!document.documentElement.lang) problems.push('no lang on <html>');
                if (!document.title.trim()) problems.push('no <title>');
                if (document.querySelectorAll('h1').length === 0) problems.push('no <h1>');
                const named = el => el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
                        || el.getAttribute('title');
                document.querySelectorAll('input, select, textarea').forEach(el => {
                    const type = (el.getAttribute('type') || '').toLowerCase();
                    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) return;
                    if ((el.labels && el.labels.length > 0) || named(el)) return;
                    problems.push('a field without a label: ' + (el.name || el.id || el.outerHTML.slice(0, 60)));
                });
                document.querySelectorAll('button, input[type=submit]').forEach(el => {
                    if ((el.textContent || el.value || '').trim() || named(el)) return;
                    problems.push('a button without a name: ' + el.outerHTML.slice(0, 60));
                });
                document.querySelectorAll('img').forEach(el => {
                    if (!el.hasAttribute('alt')) problems.push('an image without alt: ' + el.src);
                });
                document.querySelectorAll('table').forEach(el => {
                    if (el.querySelectorAll('th').length === 0) problems.push('a table without header cells');
                });
                return problems;""");
        assertThat((List<?>) problems).as("accessibility of " + name + " (" + browser.getCurrentUrl() + ")")
                .isEmpty();
    }

    private void screenshot(String name) throws IOException {
        if (!name.equals("timed-out")) { // the diagnostic shot of a failing wait shows whatever was there
            assertAccessible(name);
        }
        chromium.screenshot(name);
    }
}
