package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import nl.ipsexchange.stack.ServiceLauncher.RunningService;

/**
 * The pages in a real headless Chromium (Debian's chromium and chromium-driver; no browser download): a
 * practitioner, a decision maker and an auditor log in and see what they may see, and not what they may not.
 * Screenshots of each page are kept in {@code target/screenshots}. Without Chromium the test is skipped, except on
 * CI ({@code CI=true}), where {@code .ci/run} installs it and its absence is a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private FiveServices services;
    private WebDriver browser;
    private Path profile;

    @BeforeAll
    void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI must have /usr/bin/chromium and /usr/bin/chromedriver (.ci/run)");
        }
        assumeTrue(present, "Debian's chromium and chromium-driver are not installed: browser tests skipped");
        services = new FiveServices();
        profile = Files.createTempDirectory("ips-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
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
        browser.findElement(By.cssSelector("input[name=recipients][value=BENEFITS]")).click();
        browser.findElement(By.cssSelector("input[name=categories][value=IDENTIFICATION]")).click();
        browser.findElement(By.cssSelector("input[name=purposes][value=FUNDING_DECISION]")).click();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector('input[name=validUntil]').value = arguments[0]",
                java.time.LocalDate.now().plusMonths(6).toString());
        submit(By.id("give-consent"));
        assertThat(browser.findElement(By.id("consents")).getText()).contains("BENEFITS", "IDENTIFICATION", "ACTIVE");
        screenshot("practitioner-consents");
        submit(By.cssSelector("button.revoke"));
        assertThat(browser.findElement(By.id("consents")).getText()).contains("REVOKED");

        // a referral needs the client's own wish to work; then the trajectory page takes the next steps
        submit(By.id("refer"));
        assertThat(browser.findElement(By.cssSelector("p.bad")).getText()).contains("wish to work");
        browser.findElement(By.id("wishes")).click();
        browser.findElement(By.name("jobPreferences")).sendKeys("bicycle mechanic");
        submit(By.id("refer"));
        assertThat(browser.findElement(By.id("trajectory")).getText()).contains("bicycle mechanic");
        submit(By.id("record-intake"));
        assertThat(browser.findElement(By.cssSelector("p.ok")).getText()).contains("Intake consultation 1 recorded");
        submit(By.id("apply"));
        assertThat(browser.findElement(By.cssSelector("p.bad")).getText()).contains("has not consented");
        browser.findElements(By.name("employer")).get(1).sendKeys("Fietsenmaker Jansen");
        browser.findElement(By.name("jobTitle")).sendKeys("bicycle mechanic");
        browser.findElement(By.name("hoursPerWeek")).sendKeys("16");
        browser.findElement(By.name("monthlyGrossWage")).sendKeys("1450");
        submit(By.id("record-placement"));
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
        submit(By.cssSelector("button.decide"));
        assertThat(browser.findElement(By.cssSelector("p.ok")).getText()).contains("CONSENT_REQUIRED");
        screenshot("practitioner-information-requests");

        open(ServiceDefinition.MENTAL_HEALTH_AGENCY, "/status");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        screenshot("practitioner-status-refused");
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
        logOut();
    }

    @Test
    void anAuditorSeesTheTrailAndItsVerification() throws IOException {
        nl.ipsexchange.testsupport.ApiClient clinician = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY,
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
        assertThat(browser.findElement(By.id("verification")).getText()).contains("intact");
        screenshot("auditor-trail");
        open(ServiceDefinition.AUDIT, "/clients");
        assertThat(browser.getPageSource()).doesNotContain("Sanne Visser");
        logOut();
    }

    @Test
    void aCaseManagerSeesTheApplicantOnTheMeetingAgendaAndRecordsTheQualification() throws IOException {
        nl.ipsexchange.testsupport.ApiClient clinician = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "mha.clinician");
        String client = clinician.post("/api/clients", """
                {"name":"Lotte Kok","bsn":"100000101","dateOfBirth":"1993-03-03","benefit":"SOCIAL_ASSISTANCE",
                 "municipality":"Vianen"}""").json().get("clientId").asText();
        clinician.put("/api/clients/" + client + "/health/DIAGNOSIS", "{\"text\":\"never on the agenda\"}");
        assertThat(clinician.post("/api/clients/" + client + "/consents", """
                {"recipients":["MUNICIPALITY"],"categories":["IDENTIFICATION","BENEFITS","EMPLOYMENT"],
                 "purposes":["FUNDING_DECISION","CASE_REVIEW"],"validFrom":"%s","validUntil":"%s"}"""
                .formatted(java.time.LocalDate.now(), java.time.LocalDate.now().plusDays(60))).status()).isEqualTo(201);
        String trajectory = clinician.post("/api/referrals", "{\"clientId\":\"" + client
                + "\",\"wishesToWork\":true,\"jobPreferences\":\"florist\"}").json().get("trajectoryId").asText();
        assertThat(clinician.post("/api/trajectories/" + trajectory + "/funding-application", "{}").status())
                .isEqualTo(202);

        logIn(ServiceDefinition.MUNICIPALITY, "municipality.case-manager");
        await(() -> {
            open(ServiceDefinition.MUNICIPALITY, "/meeting");
            return browser.findElement(By.id("section-0")).getText().contains("Lotte Kok");
        }, "the applicant is on the municipality's agenda");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Benefit SOCIAL_ASSISTANCE")
                .doesNotContain("never on the agenda");
        screenshot("practitioner-meeting");
        submit(By.cssSelector("#section-0 form button"));
        await(() -> browser.findElement(By.id("decisions")).getText().contains("qualifies for funding"),
                "the decision is recorded");
        screenshot("practitioner-meeting-decided");
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
        logOut();
    }

    @Test
    void anAdministratorSeesAParkedMessageRetriesItAndDiscardsItWithAReason() throws Exception {
        // a readable status message that no service can store (its subject is longer than the contract allows)
        String poisoned = "q".repeat(120) + java.util.UUID.randomUUID();
        try (var producer = services.producer()) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(nl.ipsexchange.kernel.Topics.STATUS,
                    poisoned, FiveServices.clientRegisteredStatus(poisoned)))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
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
        open(service, "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        submit(By.id("login"));
        await(() -> browser.getPageSource().contains("Welcome"), user + " is logged in");
    }

    private String clientIdOf(String name) {
        for (com.fasterxml.jackson.databind.JsonNode client : services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "mha.clinician").get("/api/clients").json()) {
            if (client.get("name").asText().equals(name)) {
                return client.get("clientId").asText();
            }
        }
        throw new AssertionError("no client " + name);
    }

    /** Clicks a button that submits a form and waits until the next page has replaced this one. */
    private void submit(By button) {
        org.openqa.selenium.WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        // the old page is gone once its element can no longer be queried (Chromium reports that in more than one way)
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    /**
     * Polls a page until the condition holds. An element that is not (yet) on the page counts as "not yet": a page
     * renders a section only once it has something in it.
     */
    private static void await(java.util.function.BooleanSupplier condition, String what) {
        FiveServices.await(() -> {
            try {
                return condition.getAsBoolean();
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException notYet) {
                return false;
            }
        }, what);
    }

    private void logOut() {
        browser.manage().deleteAllCookies();
    }

    private void open(ServiceDefinition service, String path) {
        RunningService running = services.running().stream().filter(s -> s.definition() == service).findFirst()
                .orElseThrow();
        browser.get(running.baseUrl() + path);
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
