package kyodo.ops.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal in a real browser (Debian's Chromium), over the demo dataset: every page type has no
 * WCAG 2.x A/AA violation that axe-core finds, in Japanese and in English, and is photographed at
 * desktop and phone width under {@code target/portal-screenshots/}; a resident finds a proposal by a
 * Japanese word and reads its answer and timeline, with the mouse and with the keyboard alone, and
 * opens the 2015 workshop to read what group 1 said.
 */
class PortalBrowserIT {

    /** The demo's answered proposal on sharing local issues, found by a word of its title. */
    private static final String WORD = "仕組み";
    private static final String TITLE = "地域の課題を早く共有できる仕組みがほしい";

    @RegisterExtension
    static final BrowserSession session = BrowserSession.photographingInto("portal-screenshots").withDemo();
    private static PortalApp app;
    private static ChromeDriver browser;
    private static String answeredId;
    private static String workshopId;
    /** The seeds' 2015 workshop of the southern district (seed 003): 44 participants, six groups, 21 opinions. */
    private static final String WORKSHOP = "南部地区（川崎区・幸区）ワークショップ";

    @BeforeAll
    static void given() throws Exception {
        answeredId = awaitDemo();
        workshopId = awaitWorkshop();
    }

    /** Waits until the read models hold the demo (its proposals and the seeds' projects); answers the id. */
    private static String awaitDemo() throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode proposals = json.readTree(app.visitor().get().uri("/public/proposals?q=" + WORD).exchange()
                    .expectBody(String.class).returnResult().getResponseBody());
            JsonNode dashboard = json.readTree(app.visitor().get().uri("/public/dashboard").exchange()
                    .expectBody(String.class).returnResult().getResponseBody());
            if (proposals.at("/total").asLong() == 1 && dashboard.at("/projects/byFiscalYear/2012/COLLABORATIVE")
                    .asLong() == 168 && dashboard.at("/proposals/allTime/received").asLong() == 7) {
                return proposals.at("/items/0/id").asText();
            }
            assertThat(System.nanoTime()).as("the demo dataset reached the read models in 3 minutes")
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Waits until the read models hold the 2015 workshop with its minutes (its last step); answers its id. */
    private static String awaitWorkshop() throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode found = json.readTree(app.visitor().get()
                    .uri("/public/meetings?kind=WORKSHOP&district=south&fiscalYear=2015").exchange()
                    .expectBody(String.class).returnResult().getResponseBody());
            if (found.at("/total").asLong() == 1) {
                String id = found.at("/items/0/id").asText();
                JsonNode meeting = json.readTree(app.visitor().get().uri("/public/meetings/" + id).exchange()
                        .expectBody(String.class).returnResult().getResponseBody());
                if (meeting.hasNonNull("minutes")) {
                    return id;
                }
            }
            assertThat(System.nanoTime()).as("the 2015 workshop reached the read models in 3 minutes")
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Every page type: a name for its screenshots and its path. */
    static Stream<String[]> pages() {
        return Stream.of(new String[]{"home", "/"}, new String[]{"proposals", "/proposals?sort=dueOn"},
                new String[]{"proposal", "/proposals/{answered}"}, new String[]{"meetings", "/meetings"},
                new String[]{"meeting", "/meetings/{workshop}"}, new String[]{"accessibility", "/accessibility"},
                new String[]{"bad-filter", "/proposals?fiscalYear=abc&status=DONE"},
                new String[]{"not-found", "/proposals/no-such-proposal"});
    }

    static Stream<String[]> pagesInBothLanguages() {
        return pages().flatMap(p -> Stream.of(new String[]{p[0], p[1], "ja"}, new String[]{p[0], p[1], "en"}));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("pagesInBothLanguages")
    void everyPageTypeHasNoWcagViolationAndIsPhotographed(String name, String path, String lang) throws IOException {
        String url = session.base() + path.replace("{answered}", answeredId).replace("{workshop}", workshopId);
        browser.get(url + (url.contains("?") ? "&" : "?") + "lang=" + lang);
        session.check(name, lang);
    }

    @Test
    void aResidentFindsAProposalByAJapaneseWordAndReadsItsAnswerAndTimeline() {
        session.open("/?lang=ja");
        assertThat(browser.findElement(By.cssSelector("figure svg.chart")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("184", "179", "185", "165", "168");
        browser.findElement(By.id("home-q")).sendKeys(WORD);
        browser.findElement(By.cssSelector("form.home-search button")).click();
        session.arrivesAt(ExpectedConditions.urlContains("/proposals?q="));
        assertThat(browser.findElement(By.id("results-heading")).getText()).isEqualTo("全1件のうち 1〜1件目");
        browser.findElement(By.linkText(TITLE)).click();
        session.arrivesAt(ExpectedConditions.urlMatches("/proposals/" + answeredId + "$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(TITLE);
        String answer = browser.findElement(By.cssSelector("dl.answer")).getText();
        assertThat(answer).contains("採用", "課題の共有窓口をウェブと目安箱に設け、進捗を公開します。",
                "個人情報の取扱いルールを定めたうえで運用します。");
        List<String> steps = browser.findElements(By.cssSelector("ol.timeline > li strong")).stream()
                .map(WebElement::getText).toList();
        assertThat(steps).containsExactly("提案を受け付けました", "受付を確認し、回答期限を決めました", "進み具合のお知らせ",
                "採用すると回答しました");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("デモ 花子", "demo@example.jp");
    }

    @Test
    void aResidentOpensTheWorkshopOf2015AndReadsGroupOnesOpinions() {
        session.open("/?lang=ja");
        browser.findElement(By.linkText("会議")).click();
        session.arrivesAt(ExpectedConditions.urlMatches("/meetings$"));
        new Select(browser.findElement(By.id("f-kind"))).selectByVisibleText("ワークショップ");
        browser.findElement(By.id("f-year")).sendKeys("2015");
        browser.findElement(By.cssSelector("form.filters button")).click();
        session.arrivesAt(ExpectedConditions.urlContains("fiscalYear=2015"));
        assertThat(browser.getCurrentUrl()).contains("kind=WORKSHOP");
        browser.findElement(By.linkText(WORKSHOP)).click();
        session.arrivesAt(ExpectedConditions.urlMatches("/meetings/" + workshopId + "$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(WORKSHOP);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("南部地区", "2015年9月19日 13:00",
                "川崎フロンティアビル第３・４会議室", "44人");
        assertThat(browser.findElements(By.cssSelector("section.group h3")).stream().map(WebElement::getText))
                .containsExactly("グループ1", "グループ2", "グループ3", "グループ4", "グループ5", "グループ6");
        assertThat(browser.findElements(By.cssSelector("ol.opinions > li"))).hasSize(21);
        WebElement groupOne = browser.findElement(By.cssSelector("section[aria-labelledby='group-1']"));
        assertThat(groupOne.getText()).contains("協働のまちづくりを進めるにあたって行政が担う役割とは？");
        List<WebElement> opinions = groupOne.findElements(By.cssSelector("ol.opinions > li"));
        assertThat(opinions).hasSize(3);
        assertThat(opinions.get(0).getText()).contains("地域内の課題等の情報共有を推進するため", "関連する御意見",
                "いこいの家やこども文化センターを地域の拠点にする", "気軽に、早めに情報を共有できるようにすることが大切");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain(PortalApp.STAFF);
    }

    @Test
    void theKeyboardAloneReachesTheSearchAndTheFirstResultWithVisibleFocus() {
        // a fresh page: the first Tab starts from the top of the document
        session.open("/?lang=ja");
        WebElement first = Chromium.firstTabStop(browser);
        assertThat(first.getAttribute("class")).isEqualTo("skip");
        assertThat(first.getText()).isEqualTo("本文へ移動");
        assertThat(Chromium.outline(first)).isNotEqualTo("none");
        WebElement search = Chromium.tabUntil(browser, el -> "home-q".equals(el.getAttribute("id")), 15);
        assertThat(Chromium.outline(search)).isNotEqualTo("none");
        new Actions(browser).sendKeys(WORD).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlContains("/proposals?q="));
        WebElement result = Chromium.tabUntil(browser, el -> TITLE.equals(el.getText()), 40);
        assertThat(Chromium.outline(result)).isNotEqualTo("none");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlMatches("/proposals/" + answeredId + "$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(TITLE);
    }

    @Test
    void theKeyboardAloneOpensTheWorkshopFromTheMeetingList() {
        session.open("/meetings?kind=WORKSHOP&fiscalYear=2015&lang=ja");
        WebElement result = Chromium.tabUntil(browser, el -> WORKSHOP.equals(el.getText()), 50);
        assertThat(Chromium.outline(result)).isNotEqualTo("none");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlMatches("/meetings/" + workshopId + "$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(WORKSHOP);
    }
}
