package kyodo.ops.portal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    private static final String STAFF = "resident-test-saiwai";
    private static final String STAFF_PASSWORD = "resident-test-staff-password";
    private static final String PASSWORD = "resident-browser-password";

    @RegisterExtension
    static final BrowserSession session = BrowserSession.photographingInto("resident-screenshots")
            .withAccount(STAFF, STAFF_PASSWORD, "STAFF", "saiwai");
    private static ChromeDriver browser;
    private static String otherProposal;

    @BeforeAll
    static void given() throws Exception {
        otherProposal = staffSubmits();
    }

    /** Another resident's proposal, recorded at the counter by staff (through the API), for the journeys to support. */
    private static String staffSubmits() throws Exception {
        String body = "{\"ward\":\"saiwai\",\"title\":\"駅前に花壇を\",\"body\":\"駅前の広場に花壇を作ってほしい。\","
                + "\"themes\":[\"緑化\"],\"programme\":\"CITIZEN_PROPOSAL\",\"channel\":\"COUNTER\","
                + "\"proposer\":{\"name\":\"窓口 提案者\",\"contact\":\"counter.planted@example.jp\"}}";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(session.base() + "/api/proposals"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (STAFF + ":" + STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").header("Idempotency-Key", "browser-support-proposal")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void aResidentSignsUpIsVerifiedSubmitsAProposalSupportsAnotherAndDeletesTheirAccount() throws IOException {
        journey("ja", "browser.planted-ja@example.jp", "ブラウザ試験 花子", "XY-0001-0001", "ベンチを増やしてほしい");
        journey("en", "browser.planted-en@example.jp", "Browser Tester", "XY-0002-0002", "More benches, please");
    }

    private static void journey(String lang, String email, String name, String document, String title) throws IOException {
        browser.manage().deleteAllCookies();
        session.open("/resident/sign-up?lang=" + lang);
        session.check("sign-up", lang);
        session.click("form.console-form button");
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("f-email-error")));
        assertThat(browser.findElement(By.id("f-email")).getAttribute("aria-describedby")).isEqualTo("f-email-error");
        session.check("sign-up-invalid", lang);
        session.residentSignsUp(email, name, PASSWORD, page -> session.check(page, lang));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(name, email);
        session.check("account", lang);

        // at the counter: a member of staff issues the code in the console
        session.open("/console/sign-in");
        session.signsInToConsole(session.base(), STAFF, STAFF_PASSWORD);
        session.open("/console/resident-codes");
        browser.findElement(By.id("code-documentId")).sendKeys(document);
        session.click("form.console-form button");
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("issued-code")));
        session.check("console-resident-code", lang);
        String code = browser.findElement(By.id("issued-code")).getText();

        session.open("/resident/verification");
        session.check("verification", lang);
        browser.findElement(By.id("f-code")).sendKeys(code);
        session.click("form.console-form button");
        session.arrivesAt(ExpectedConditions.urlContains("/resident?verified=1"));
        assertThat(browser.findElement(By.id("verified-now")).isDisplayed()).isTrue();

        session.open("/resident/proposals/new");
        session.check("new-proposal", lang);
        browser.findElement(By.id("f-title")).sendKeys(title);
        browser.findElement(By.id("f-body")).sendKeys("駅前の広場に座れる場所が足りません。");
        browser.findElement(By.id("f-themes")).sendKeys("公園");
        session.click("form.console-form button");
        session.arrivesAt(ExpectedConditions.urlMatches("/resident/proposals/[^/?]+\\?minVersion=0$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(title);
        session.check("proposal", lang);
        session.open("/resident/proposals");
        assertThat(browser.findElement(By.id("my-proposals")).getText()).contains(title);
        session.check("proposals", lang);
        session.open("/resident/proposals/no-such-proposal");
        session.check("not-found", lang);

        // support another resident's proposal: the portal's button, then the residents' form (no script needed)
        session.open("/proposals/" + otherProposal + "?lang=" + lang);
        session.check("portal-proposal-support", lang);
        session.click("section.supports form button");
        // a GET form without fields: the URL ends with an empty query
        session.arrivesAt(ExpectedConditions.urlContains("/resident/supports/" + otherProposal));
        session.check("support", lang);
        session.click("#form-support button");
        session.arrivesAt(ExpectedConditions.urlContains("/resident/supports/" + otherProposal + "?done=supported"));
        assertThat(browser.findElement(By.id("done")).isDisplayed()).isTrue();
        String counted = browser.findElement(By.id("supports")).getText();
        session.check("supported", lang);

        session.open("/resident");
        browser.findElement(By.id("f-confirm")).click();
        session.click("#form-delete button");
        session.arrivesAt(ExpectedConditions.urlContains("/resident/sign-in?notice=deleted"));
        assertThat(browser.findElement(By.id("notice")).isDisplayed()).isTrue();

        // the deleted account's support is still counted on the portal
        session.open("/proposals/" + otherProposal + "?lang=" + lang);
        assertThat(browser.findElement(By.cssSelector("section.supports strong")).getText()).isEqualTo(counted);
    }
}
