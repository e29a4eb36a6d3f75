package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A practitioner registers a client through the pages only, in a real headless Chromium (Debian's chromium and
 * chromium-driver, as {@link PagesBrowserTest}): the login returns to the page asked for, the form's problems are
 * listed at the top with the input kept, the new record opens, and a search finds the client again. On the shared
 * services. Screenshots in {@code target/screenshots}.
 */
@ExtendWith(SharedFiveServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientRecordBrowserTest {

    private final FiveServices services;
    private HeadlessChromium chromium;
    private WebDriver browser;

    ClientRecordBrowserTest(FiveServices services) {
        this.services = services;
    }

    @BeforeAll
    void start() throws IOException {
        chromium = HeadlessChromium.start(1366);
        browser = chromium.browser();
    }

    @AfterAll
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aPractitionerRegistersAClientThroughThePagesAndFindsTheRecordAgain() throws IOException {
        String base = services.baseUrl(ServiceDefinition.MENTAL_HEALTH_AGENCY);
        String surname = "Registerpage" + ThreadLocalRandom.current().nextInt(1_000_000);

        // a deep link: the login page first, then the page asked for
        browser.get(base + "/clients/new");
        browser.findElement(By.id("username")).sendKeys("mha.specialist");
        browser.findElement(By.id("password")).sendKeys("demo");
        submit(By.id("login"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Register a client");

        // every problem at once, at the top, linked to its field, the input kept
        browser.findElement(By.id("name")).sendKeys("Noor " + surname);
        browser.findElement(By.id("bsn")).sendKeys("123");
        submit(By.id("register-client"));
        WebElement summary = browser.findElement(By.id("error-summary"));
        assertThat(summary.findElements(By.tagName("a"))).extracting(WebElement::getText).containsExactly(
                "Citizen service number (BSN) must be 9 digits", "Enter the date of birth",
                "Choose the client's benefit", "Enter the municipality");
        assertThat(((JavascriptExecutor) browser).executeScript("return document.activeElement.id"))
                .isEqualTo("error-summary");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Noor " + surname);
        screenshot("client-registration-problems");
        summary.findElement(By.linkText("Enter the municipality")).click();
        assertThat(((JavascriptExecutor) browser).executeScript("return document.activeElement.id"))
                .isEqualTo("municipality");

        WebElement bsn = browser.findElement(By.id("bsn"));
        bsn.clear();
        bsn.sendKeys(unusedLookingBsn());
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('dateOfBirth').value = '1993-03-09'");
        new Select(browser.findElement(By.id("benefit"))).selectByVisibleText("social assistance");
        browser.findElement(By.id("municipality")).sendKeys("Vianen");
        submit(By.id("register-client"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Noor " + surname);
        assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("Noor " + surname + " is registered.");
        assertThat(browser.findElement(By.id("benefit")).getText()).isEqualTo("social assistance");
        String record = browser.getCurrentUrl();
        screenshot("client-record");

        // the breadcrumb back to the clients, a search by part of the name, the record again
        browser.findElement(By.cssSelector("nav.breadcrumbs")).findElement(By.linkText("Clients")).click();
        browser.findElement(By.id("name")).sendKeys(surname.toLowerCase());
        submit(By.id("search-button"));
        assertThat(browser.findElement(By.id("clients")).getText()).contains("Noor " + surname, "Vianen");
        screenshot("client-search");
        browser.findElement(By.linkText("Noor " + surname)).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(record);
        assertThat(browser.findElement(By.id("show-health")).getText()).isEqualTo("Show health information");
    }

    /** A citizen service number that passes the eleven-test, at random: the shared services keep their clients. */
    private static String unusedLookingBsn() {
        for (int candidate = ThreadLocalRandom.current().nextInt(100_000_000, 900_000_000);; candidate++) {
            String digits = String.valueOf(candidate);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (digits.charAt(i) - '0');
            }
            if ((sum - (digits.charAt(8) - '0')) % 11 == 0) {
                return digits;
            }
        }
    }

    /** Clicks a button that submits a form and waits until the next page has replaced this one. */
    private void submit(By button) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> {
            try {
                page.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
    }

    private void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
