package kyodo.ops.portal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's project and budget pages in a real browser (Debian's Chromium, as the portal's tests): the
 * projects by state with the launch form, a running project with its forms, a project's form refused for its
 * fields and an allocation refused beyond the envelope, the ward budgets and one ward's budget with the ADMIN's
 * envelope form have no WCAG 2.x A/AA violation that axe-core finds, in Japanese and English, and are
 * photographed under {@code target/console-screenshots/}; a ward head allocates money with the keyboard alone,
 * reading what the ward budget still has available before sending.
 */
class ConsoleProjectBrowserIT {

    private static final String HEAD = "console-head-saiwai";
    private static final String ADMIN = "console-admin";
    private static final String PASSWORD = "console-test-password";
    private static final String PROJECT = "駅前駐輪場の拡張";

    @RegisterExtension
    static final BrowserSession session = BrowserSession.photographingInto("console-screenshots")
            .withAccount(HEAD, PASSWORD, "WARD_HEAD", "saiwai").withAccount(ADMIN, PASSWORD, "ADMIN", null);
    private static ChromeDriver browser;
    private static String project;
    private static String signedInAs;

    @BeforeAll
    static void given() {
        api(ADMIN).put().uri("/api/ward-budgets/saiwai/2025").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("envelopeYen", 55_000_000, "reason", "当初予算")).exchange().expectStatus().isOk();
        Map<?, ?> launched = api(HEAD).post().uri("/api/projects").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ward", "saiwai", "fiscalYear", 2025, "title", PROJECT, "theme", "交通",
                        "programme", "WARD_LOCAL_ISSUE", "leadDepartment", "幸区役所 地域振興課"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        project = (String) launched.get("id");
        api(HEAD).post().uri("/api/projects/{id}/approval", project).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "地域課題として優先")).exchange().expectStatus().isOk();
        api(HEAD).get().uri("/api/projects/{id}?minVersion=1", project).exchange().expectStatus().isOk();
        api(HEAD).get().uri("/api/ward-budgets/saiwai/2025?minVersion=0").exchange().expectStatus().isOk();
    }

    private static WebTestClient api(String account) {
        return session.app().as(account, PASSWORD);
    }

    static Stream<String[]> pages() {
        return Stream.of("ja", "en").flatMap(lang -> Stream.of(
                new String[]{"projects", "/console/projects", HEAD, lang},
                new String[]{"project", "/console/projects/{project}", HEAD, lang},
                new String[]{"budgets", "/console/budgets?fiscalYear=2025", ADMIN, lang},
                new String[]{"budget", "/console/budgets/saiwai/2025", ADMIN, lang},
                new String[]{"budget-unset", "/console/budgets/tama/2025", ADMIN, lang}));
    }

    @ParameterizedTest(name = "{0} ({3})")
    @MethodSource("pages")
    void everyProjectAndBudgetPageHasNoWcagViolationAndIsPhotographed(String name, String path, String account,
                                                                      String lang) throws IOException {
        signInWithTheMouse(account);
        session.open(path.replace("{project}", project) + (path.contains("?") ? "&" : "?") + "lang=" + lang);
        session.check(name, lang);
    }

    @Test
    void formsRefusedForTheirFieldsOrBeyondTheEnvelopeShowTheReasonWithoutViolations() throws IOException {
        signInWithTheMouse(HEAD);
        for (String lang : List.of("ja", "en")) {
            session.open("/console/projects/" + project + "?lang=" + lang);
            browser.findElement(By.cssSelector("#form-partner button[type=submit]")).click();
            session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("partner-name-error")));
            assertThat(browser.findElement(By.id("partner-name")).getAttribute("aria-describedby"))
                    .isEqualTo("partner-name-error");
            session.check("project-invalid", lang);

            browser.findElement(By.id("allocation-amountYen")).sendKeys("99000000000");
            browser.findElement(By.id("allocation-reason")).sendKeys("予算枠を超える配分");
            browser.findElement(By.cssSelector("#form-allocation button[type=submit]")).click();
            session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("refusal")));
            assertThat(browser.findElement(By.id("refusal")).getText()).contains(lang.equals("ja")
                    ? "予算枠を超えるため配分できません" : "The allocation would exceed the ward's budget envelope");
            session.check("allocation-refused", lang);
        }
    }

    @Test
    void aWardHeadAllocatesWithTheKeyboardAloneReadingTheAvailableEnvelopeFirst() {
        session.forgetsCookiesAt("/console/sign-in");
        signedInAs = null;
        session.open("/console/sign-in?lang=ja");
        WebElement username = Chromium.tabUntil(browser, el -> "username".equals(el.getAttribute("id")), 10);
        assertThat(Chromium.outline(username)).isNotEqualTo("none");
        new Actions(browser).sendKeys(HEAD).sendKeys(Keys.TAB).sendKeys(PASSWORD).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlToBe(session.base() + "/console"));
        signedInAs = HEAD;

        WebElement projects = Chromium.tabUntil(browser, el -> el.getAttribute("href") != null
                && el.getAttribute("href").endsWith("/console/projects"), 20);
        assertThat(Chromium.outline(projects)).isNotEqualTo("none");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlToBe(session.base() + "/console/projects"));
        Chromium.tabUntil(browser, el -> PROJECT.equals(el.getText()), 40);
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlContains("/console/projects/" + project));

        // what the budget still has is read out with the amount field (aria-describedby), before anything is sent
        WebElement amount = Chromium.tabUntil(browser, el -> "allocation-amountYen".equals(el.getAttribute("id")), 80);
        assertThat(Chromium.outline(amount)).isNotEqualTo("none");
        assertThat(amount.getAttribute("aria-describedby")).isEqualTo("envelope-available");
        String available = browser.findElement(By.id("envelope-available")).getText();
        assertThat(available).contains("¥55,000,000");
        new Actions(browser).sendKeys("10000000").perform();
        Chromium.tabUntil(browser, el -> "allocation-reason".equals(el.getAttribute("id")), 3);
        new Actions(browser).sendKeys("駐輪ラックの整備費").perform();
        WebElement send = Chromium.tabUntil(browser, el -> el.getTagName().equals("button")
                && el.findElements(By.xpath("ancestor::form[@id='form-allocation']")).size() == 1, 5);
        assertThat(Chromium.outline(send)).isNotEqualTo("none");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlContains("done=allocation"));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("区の予算を割り当てました。");
        assertThat(browser.findElement(By.id("envelope-available")).getText()).contains("¥45,000,000");
    }

    /** Signs in as that account unless already; a different account first drops the session. */
    private static void signInWithTheMouse(String account) {
        if (account.equals(signedInAs)) {
            return;
        }
        session.forgetsCookiesAt("/console/sign-in");
        session.open("/console/sign-in");
        session.signsInToConsole(session.base(), account, PASSWORD);
        signedInAs = account;
    }
}
