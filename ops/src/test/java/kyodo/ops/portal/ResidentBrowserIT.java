package kyodo.ops.portal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident's journey in a real browser (issue 17), in Japanese and in English: sign up, confirm with
 * the code from the mail (the outbox's {@code .eml} file), sign in, get verified with a code a member
 * of staff issues in the console, submit a proposal, find it in "my proposals", support another one from
 * the portal's button, delete the account and find the support still counted.
 * Every resident page on the way, and the console's code page, has no WCAG 2.x A/AA violation that
 * axe-core finds; screenshots go to {@code target/resident-screenshots/}.
 */
class ResidentBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "resident-screenshots");
    private static final String STAFF = "resident-test-saiwai";
    private static final String STAFF_PASSWORD = "resident-test-staff-password";
    private static final String PASSWORD = "resident-browser-password";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path profile;
    private static ConfigurableApplicationContext app;
    private static ChromeDriver browser;
    private static String baseUrl;
    private static ResidentBrowserSteps steps;
    private static String otherProposal;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.start(profile);
        app = ResidentBrowserSteps.start(dataDir, STAFF, STAFF_PASSWORD,
                // reads with ?minVersion wait for the read models: longer than the 5 s default on a loaded machine
                "--kyodo.query.max-wait=60s");
        baseUrl = ResidentBrowserSteps.baseUrl(app);
        steps = new ResidentBrowserSteps(browser, app, dataDir);
        otherProposal = staffSubmits();
    }

    /** Another resident's proposal, recorded at the counter by staff (through the API), for the journeys to support. */
    private static String staffSubmits() throws Exception {
        String body = "{\"ward\":\"saiwai\",\"title\":\"駅前に花壇を\",\"body\":\"駅前の広場に花壇を作ってほしい。\","
                + "\"themes\":[\"緑化\"],\"programme\":\"CITIZEN_PROPOSAL\",\"channel\":\"COUNTER\","
                + "\"proposer\":{\"name\":\"窓口 提案者\",\"contact\":\"counter.planted@example.jp\"}}";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/proposals"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (STAFF + ":" + STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").header("Idempotency-Key", "browser-support-proposal")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aResidentSignsUpIsVerifiedSubmitsAProposalSupportsAnotherAndDeletesTheirAccount() throws IOException {
        journey("ja", "browser.planted-ja@example.jp", "ブラウザ試験 花子", "XY-0001-0001", "ベンチを増やしてほしい");
        journey("en", "browser.planted-en@example.jp", "Browser Tester", "XY-0002-0002", "More benches, please");
    }

    private static void journey(String lang, String email, String name, String document, String title) throws IOException {
        browser.manage().deleteAllCookies();
        browser.get(baseUrl + "/resident/sign-up?lang=" + lang);
        check("sign-up", lang);
        click("form.console-form button");
        Chromium.arrivesAt(browser, ExpectedConditions.presenceOfElementLocated(By.id("f-email-error")));
        assertThat(browser.findElement(By.id("f-email")).getAttribute("aria-describedby")).isEqualTo("f-email-error");
        check("sign-up-invalid", lang);
        steps.signsUp(email, name, PASSWORD, page -> check(page, lang));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(name, email);
        check("account", lang);

        // at the counter: a member of staff issues the code in the console
        browser.get(baseUrl + "/console/sign-in");
        browser.findElement(By.id("username")).sendKeys(STAFF);
        browser.findElement(By.id("password")).sendKeys(STAFF_PASSWORD);
        click("form.console-form button");
        Chromium.arrivesAt(browser, ExpectedConditions.urlToBe(baseUrl + "/console"));
        browser.get(baseUrl + "/console/resident-codes");
        browser.findElement(By.id("code-documentId")).sendKeys(document);
        click("form.console-form button");
        Chromium.arrivesAt(browser, ExpectedConditions.presenceOfElementLocated(By.id("issued-code")));
        check("console-resident-code", lang);
        String code = browser.findElement(By.id("issued-code")).getText();

        browser.get(baseUrl + "/resident/verification");
        check("verification", lang);
        browser.findElement(By.id("f-code")).sendKeys(code);
        click("form.console-form button");
        Chromium.arrivesAt(browser, ExpectedConditions.urlContains("/resident?verified=1"));
        assertThat(browser.findElement(By.id("verified-now")).isDisplayed()).isTrue();

        browser.get(baseUrl + "/resident/proposals/new");
        check("new-proposal", lang);
        browser.findElement(By.id("f-title")).sendKeys(title);
        browser.findElement(By.id("f-body")).sendKeys("駅前の広場に座れる場所が足りません。");
        browser.findElement(By.id("f-themes")).sendKeys("公園");
        click("form.console-form button");
        Chromium.arrivesAt(browser, ExpectedConditions.urlMatches("/resident/proposals/[^/?]+\\?minVersion=0$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(title);
        check("proposal", lang);
        browser.get(baseUrl + "/resident/proposals");
        assertThat(browser.findElement(By.id("my-proposals")).getText()).contains(title);
        check("proposals", lang);
        browser.get(baseUrl + "/resident/proposals/no-such-proposal");
        check("not-found", lang);

        // support another resident's proposal: the portal's button, then the residents' form (no script needed)
        browser.get(baseUrl + "/proposals/" + otherProposal + "?lang=" + lang);
        check("portal-proposal-support", lang);
        click("section.supports form button");
        // a GET form without fields: the URL ends with an empty query
        Chromium.arrivesAt(browser, ExpectedConditions.urlContains("/resident/supports/" + otherProposal));
        check("support", lang);
        click("#form-support button");
        Chromium.arrivesAt(browser, ExpectedConditions.urlContains("/resident/supports/" + otherProposal + "?done=supported"));
        assertThat(browser.findElement(By.id("done")).isDisplayed()).isTrue();
        String counted = browser.findElement(By.id("supports")).getText();
        check("supported", lang);

        browser.get(baseUrl + "/resident");
        browser.findElement(By.id("f-confirm")).click();
        click("#form-delete button");
        Chromium.arrivesAt(browser, ExpectedConditions.urlContains("/resident/sign-in?notice=deleted"));
        assertThat(browser.findElement(By.id("notice")).isDisplayed()).isTrue();

        // the deleted account's support is still counted on the portal
        browser.get(baseUrl + "/proposals/" + otherProposal + "?lang=" + lang);
        assertThat(browser.findElement(By.cssSelector("section.supports strong")).getText()).isEqualTo(counted);
    }

    private static void click(String css) {
        steps.click(css);
    }

    private static void check(String name, String lang) throws IOException {
        Axe.assertNoWcagViolationAndPhotograph(browser, name, lang, SCREENSHOTS);
    }
}
