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
 * The staff console in a real browser (Debian's Chromium, as the portal's tests): the sign-in page, the
 * ward inbox, a proposal with its forms and a form refused for its fields have no WCAG 2.x A/AA
 * violation that axe-core finds, in Japanese and English, and are photographed under
 * {@code target/console-screenshots/}; a member of staff signs in and answers a proposal with the
 * keyboard alone.
 */
class ConsoleBrowserIT {

    private static final String STAFF = "console-test-saiwai";
    private static final String PASSWORD = "console-test-password";
    private static final String TO_ANSWER = "公園のベンチを増やしてほしい";
    private static final String TO_SHOW = "図書館の開館時間を延ばしてほしい";

    @RegisterExtension
    static final BrowserSession session = BrowserSession.photographingInto("console-screenshots")
            .withAccount(STAFF, PASSWORD, "STAFF", "saiwai");
    private static ChromeDriver browser;
    private static String toAnswer;
    private static String toShow;

    @BeforeAll
    static void given() {
        toAnswer = submit(TO_ANSWER);
        toShow = submit(TO_SHOW);
        api().post().uri("/api/proposals/{id}/acknowledgement", toAnswer).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("department", "幸区役所 道路公園センター", "responseDueDays", 5))
                .exchange().expectStatus().isOk();
        api().get().uri("/api/proposals/{id}?minVersion=1", toAnswer).exchange().expectStatus().isOk();
        api().get().uri("/api/proposals/{id}?minVersion=0", toShow).exchange().expectStatus().isOk();
    }

    private static WebTestClient api() {
        return session.app().as(STAFF, PASSWORD);
    }

    private static String submit(String title) {
        Map<?, ?> answer = api().post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ward", "saiwai", "title", title, "body", "朝と夕方に座れる場所が足りません。",
                        "themes", List.of("公園"), "programme", "CITIZEN_PROPOSAL", "channel", "WEB",
                        "proposer", Map.of("name", "コンソール 試験子", "contact", "console-test@example.jp")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("id");
    }

    static Stream<String[]> pages() {
        return Stream.of("ja", "en").flatMap(lang -> Stream.of(new String[]{"sign-in", "/console/sign-in", lang},
                new String[]{"inbox", "/console", lang}, new String[]{"proposal", "/console/proposals/{show}", lang},
                new String[]{"not-found", "/console/proposals/no-such-proposal", lang}));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("pages")
    void everyConsolePageHasNoWcagViolationAndIsPhotographed(String name, String path, String lang) throws IOException {
        if (!name.equals("sign-in")) {
            session.signedInToConsole(STAFF, PASSWORD);
        }
        session.open(path.replace("{show}", toShow) + "?lang=" + lang);
        session.check(name, lang);
    }

    @Test
    void aFormRefusedForItsFieldsShowsEachErrorBesideItsFieldWithoutViolations() throws IOException {
        session.signedInToConsole(STAFF, PASSWORD);
        for (String lang : List.of("ja", "en")) {
            session.open("/console/proposals/" + toShow + "?lang=" + lang);
            browser.findElement(By.cssSelector("#form-answer button[type=submit]")).click();
            session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("answer-reason-error")));
            assertThat(browser.findElement(By.id("answer-reason")).getAttribute("aria-describedby"))
                    .isEqualTo("answer-reason-error");
            assertThat(browser.findElement(By.id("answer-outcome-error")).getText())
                    .isEqualTo(lang.equals("ja") ? "選んでください。" : "Please choose one.");
            session.check("invalid-answer", lang);
        }
    }

    @Test
    void aMemberOfStaffSignsInAndAnswersAProposalWithTheKeyboardAlone() {
        // a browser that is not signed in (the session cookie of the other tests dropped) and reads Japanese
        session.forgetsCookiesAt("/console/sign-in");
        session.open("/console/sign-in?lang=ja");
        session.open("/console");
        assertThat(browser.getCurrentUrl()).isEqualTo(session.base() + "/console/sign-in");
        WebElement username = Chromium.tabUntil(browser, el -> "username".equals(el.getAttribute("id")), 10);
        assertThat(Chromium.outline(username)).isNotEqualTo("none");
        new Actions(browser).sendKeys(STAFF).sendKeys(Keys.TAB).sendKeys(PASSWORD).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlToBe(session.base() + "/console"));
        assertThat(browser.findElement(By.id("box-dueSoon")).getText()).contains(TO_ANSWER);

        WebElement link = Chromium.tabUntil(browser, el -> TO_ANSWER.equals(el.getText()), 60);
        assertThat(Chromium.outline(link)).isNotEqualTo("none");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlContains("/console/proposals/" + toAnswer));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("コンソール 試験子");

        WebElement accepted = Chromium.tabUntil(browser, el -> el.getAttribute("id") != null
                && el.getAttribute("id").startsWith("answer-outcome-"), 60);
        if (!"answer-outcome-ACCEPTED".equals(accepted.getAttribute("id"))) {
            new Actions(browser).sendKeys(Keys.ARROW_UP).perform();
        }
        new Actions(browser).sendKeys(Keys.SPACE).perform();
        assertThat(browser.findElement(By.id("answer-outcome-ACCEPTED")).isSelected()).isTrue();
        Chromium.tabUntil(browser, el -> "answer-reason".equals(el.getAttribute("id")), 3);
        new Actions(browser).sendKeys("来年度に2基設置します").perform();
        WebElement send = Chromium.tabUntil(browser, el -> el.getTagName().equals("button")
                && el.findElements(By.xpath("ancestor::form[@id='form-answer']")).size() == 1, 5);
        assertThat(Chromium.outline(send)).isNotEqualTo("none");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlContains("done=answer"));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("回答を記録しました。");
        assertThat(browser.findElement(By.cssSelector("p.badges")).getText()).contains("採用");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("来年度に2基設置します");
    }
}
