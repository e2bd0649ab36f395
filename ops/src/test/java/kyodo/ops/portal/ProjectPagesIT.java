package kyodo.ops.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project and ward-budget pages and every subject's history "as of" a moment, over the demo
 * dataset: without JavaScript (a plain HTTP client) every page carries its content, escaped, with the
 * API's figures and refusals and no staff id; in Debian's Chromium every new page type has no WCAG 2.x
 * A/AA violation axe-core finds, in Japanese and English, and is photographed at 1280 and 375 px; a
 * resident opens a project and sees its budget and targets, and picks a moment before a proposal's
 * answer to see its earlier state.
 */
class ProjectPagesIT {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XSS = "<script>alert(1)</script>";
    /** The seeds' Saiwai ward project of FY2012, approved with ¥1,000,000 from the ward's budget. */
    private static final String PROJECT = "学校施設の有効活用";
    private static final String PARTNER = "幸区学校施設活用NPO";
    private static final String TARGET = "学校施設を使った市民活動の数";
    /** The demo's answered proposal (received, acknowledged, a progress update, accepted). */
    private static final String PROPOSAL = "地域の課題を早く共有できる仕組みがほしい";
    private static final String ANSWER = "課題の共有窓口をウェブと目安箱に設け、進捗を公開します。";

    @RegisterExtension
    static final BrowserSession session = BrowserSession.photographingInto("portal-screenshots").withDemo();
    private static PortalApp app;
    private static ChromeDriver browser;
    private static String project;
    private static String hostile;
    private static String proposal;
    /** A moment between the proposal's progress update and its answer, as the page's form sends it. */
    private static String beforeAnswer;

    @BeforeAll
    static void given() throws Exception {
        project = awaitOne("/public/projects?ward=saiwai&fiscalYear=2012&q=" + enc(PROJECT), "/items/0/allocatedYen",
                1_000_000);
        proposal = awaitOne("/public/proposals?status=ACCEPTED&q=" + enc("仕組み"), "/total", 1);
        String at = "/api/projects/" + project;
        long v = JSON.readTree(get("/public/projects/" + project)).get("version").asLong();
        v = app.command(at + "/partners", v, Map.of("name", PARTNER, "type", "NPO", "role", "学校施設の利用の調整"));
        v = app.command(at + "/targets", v, Map.of("name", TARGET, "unit", "件", "baseline", 12,
                "targets", Map.of("2012", 30, "2013", 40)));
        v = app.command(at + "/actuals", v, Map.of("target", TARGET, "fiscalYear", 2012, "value", 25));
        v = app.command(at + "/expenditures", v, Map.of("amountYen", 300_000, "description", "説明会の会場費",
                "spentOn", "2012-10-01"));
        v = app.command(at + "/self-evaluation", v, Map.of("rating", 4, "text", "利用団体が増えました。"));
        app.awaitStaffRead(at, v);
        hostile = app.create("/api/projects", Map.of("ward", "saiwai", "fiscalYear", 2025, "title", XSS,
                "theme", "<b>テーマ</b>", "programme", "COLLABORATIVE", "leadDepartment", "幸区役所 地域振興課"));
        long h = app.command("/api/projects/" + hostile + "/partners", 0,
                Map.of("name", "<img src=x onerror=alert(2)>", "type", "NPO", "role", "調整"));
        app.awaitStaffRead("/api/projects/" + hostile, h);
        JsonNode events = JSON.readTree(get("/public/history/proposal/" + proposal)).get("events");
        Instant update = at(events, "PROPOSAL_PROGRESS_UPDATED");
        Instant answer = at(events, "PROPOSAL_ACCEPTED");
        assertThat(update).as("the progress update came before the answer").isBefore(answer);
        beforeAnswer = LocalDateTime.ofInstant(update.plus(Duration.between(update, answer).dividedBy(2)), TOKYO)
                .toString();
    }

    private static Instant at(JsonNode events, String kind) {
        for (JsonNode event : events) {
            if (kind.equals(event.get("kind").asText())) {
                return Instant.parse(event.get("at").asText());
            }
        }
        throw new AssertionError("no " + kind + " in " + events);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String get(String uri) {
        return app.visitor().get().uri(java.net.URI.create(session.base() + uri)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** Waits (up to 3 minutes) until a public list answers {@code value} at {@code pointer}; answers the first id. */
    private static String awaitOne(String uri, String pointer, long value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode found = JSON.readTree(get(uri));
            if (found.at(pointer).asLong() == value && found.at("/total").asLong() == 1) {
                return found.at("/items/0/id").asText();
            }
            assertThat(System.nanoTime()).as("the demo reached the read models in 3 minutes").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static String page(String uri, String lang, int status) {
        return app.visitor().get().uri(java.net.URI.create(session.base() + uri))
                .header(HttpHeaders.ACCEPT_LANGUAGE, lang).exchange()
                .expectStatus().isEqualTo(status).expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static String page(String uri) {
        return page(uri, "ja", 200);
    }

    /** The part of a page between two ids (e.g. one section), to check what it shows and what it does not. */
    private static String between(String html, String fromId, String toId) {
        return html.substring(html.indexOf("id=\"" + fromId + "\""), html.indexOf("id=\"" + toId + "\""));
    }

    @Test
    void theProjectListHasTheApisFiltersAndTheNavigationEntries() {
        String found = page("/projects?ward=saiwai&fiscalYear=2012&programme=WARD_LOCAL_ISSUE&status=APPROVED&q="
                + enc(PROJECT) + "&sort=launchedAt");
        assertThat(found).contains("全1件のうち 1〜1件目", "href=\"/projects/" + project + "\">" + PROJECT + "</a>",
                "<span class=\"badge\">実施中</span>", "<dd>区の課題解決事業</dd>", "<dd>幸区</dd>", "平成24年度 (2012)",
                "<span lang=\"ja\">100万円</span>", "¥1,000,000",
                "<option value=\"WARD_LOCAL_ISSUE\" selected=\"selected\">区の課題解決事業</option>",
                "<a href=\"/projects\" aria-current=\"page\">協働事業</a>", "<a href=\"/budgets\">区の予算</a>");
        assertThat(page("/projects?q=" + enc("存在しないことば"))).contains("条件に合う協働事業はありません。");
        assertThat(page("/projects?ward=saiwai&size=1")).contains("1 / ", "href=\"/projects?ward=saiwai&amp;size=1&amp;page=1\"");
        assertThat(page("/")).contains("<a href=\"/projects\">すべての協働事業を見る（予算・目標と実績）</a>",
                "<a href=\"/budgets\">区ごとの予算を見る</a>", "<a href=\"/budgets?fiscalYear=2012\">");
        String bad = page("/projects?fiscalYear=abc&status=DONE&ward=tokyo", "ja", 400);
        assertThat(bad).contains("使えない値があります", "「年度」", "「状況」", "「区」");
        // the project list's own label: a kind of project, not how a proposal was received
        assertThat(page("/projects?programme=NOPE", "ja", 400)).contains("「事業の種類」").doesNotContain("受付の種類");
        assertThat(page("/projects?programme=NOPE", "en", 400)).contains("&quot;Kind of project&quot;");
    }

    @Test
    void aProjectPageShowsWhatThePublicApiAnswersWithChartsBesideTheirTables() throws Exception {
        JsonNode api = JSON.readTree(get("/public/projects/" + project));
        assertThat(api.get("spentYen").asLong()).isEqualTo(300_000);
        String html = page("/projects/" + project);
        assertThat(html).contains("<h1>" + PROJECT + "</h1>", "<span class=\"badge\">実施中</span>",
                "学校施設を市民活動の場として活用します。", "<dd>区長</dd>",
                "<span lang=\"ja\">100万円</span>", "<span lang=\"ja\">30万円</span>", "<span lang=\"ja\">70万円</span>",
                "¥700,000", "説明会の会場費", "href=\"/budgets/saiwai/2012\"",
                "<th scope=\"row\">" + PARTNER + "</th>", "NPO法人", "学校施設の利用の調整",
                "<h3 id=\"target-0\">" + TARGET + "</h3>", "はじめの値：12 件", "<td>30</td>", "<td>25</td>",
                "<td>40</td>", "<td>–</td>", "自己評価：5段階の4", "利用団体が増えました。",
                "svg class=\"chart\"", "予算を割り当てました", "目標を決めました", "実績を記録しました",
                "公開の記録（すべての出来事）", "name=\"asOf\"");
        assertThat(html).doesNotContain(PortalApp.STAFF, "style=\"", "<script");
        assertThat(page("/projects/" + project, "en", 200)).contains("<html lang=\"en\">",
                "<h1 lang=\"ja\">" + PROJECT + "</h1>", "Money left", "Non-profit organisation",
                "<span lang=\"ja\">平成24年度</span>");
    }

    @Test
    void aHostileProjectIsShownAsTextAndAnUnknownProjectIsA404Page() {
        String html = page("/projects/" + hostile);
        assertThat(html).contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>", "&lt;b&gt;テーマ&lt;/b&gt;",
                "&lt;img src=x onerror=alert(2)&gt;", "準備中").doesNotContain(XSS, "<img src=x", "<b>テーマ");
        assertThat(page("/projects?ward=saiwai&fiscalYear=2025")).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain(XSS);
        assertThat(page("/projects/no-such-project", "ja", 404)).contains("見つかりませんでした");
        assertThat(page("/projects/" + "a".repeat(65), "en", 404)).contains("could not find");
    }

    @Test
    void theWardBudgetsOfAYearLinkToEachWardsBudgetAndItsProjects() {
        String year = page("/budgets?fiscalYear=2012");
        assertThat(year).contains("<h1>区の予算</h1>", "<a href=\"/budgets/saiwai/2012\">幸区</a>",
                "<a href=\"/budgets/asao/2012\">麻生区</a>", "<span lang=\"ja\">5,500万円</span>", "¥55,000,000",
                "<option value=\"2012\" selected=\"selected\">平成24年度 (2012)</option>",
                "<a href=\"/budgets\" aria-current=\"page\">区の予算</a>");
        assertThat(page("/budgets")).contains("<a href=\"/budgets/saiwai/", "selected=\"selected\"");
        assertThat(page("/budgets?fiscalYear=1990")).contains("この年度の予算はまだ決まっていません。");
        String ward = page("/budgets/saiwai/2012");
        assertThat(ward).contains("<h1>幸区：", "平成24年度 (2012)", "事業のために確保した額", "まだ使える額",
                "地域課題対応事業", "href=\"/projects/" + project + "\">" + PROJECT + "</a>",
                "<span lang=\"ja\">30万円</span>");
        assertThat(ward).doesNotContain(PortalApp.STAFF);
        assertThat(page("/budgets/saiwai/2012", "en", 200)).contains("Budget of Saiwai Ward", "Still available");
        assertThat(page("/budgets/tokyo/20x5", "ja", 400)).contains("「区」", "「年度」");
        assertThat(page("/budgets?fiscalYear=abc", "en", 400)).contains("&quot;Fiscal year&quot;");
        assertThat(page("/budgets/saiwai/2100", "ja", 404)).contains("見つかりませんでした");
    }

    @Test
    void everySubjectPageHasItsHistoryAndShowsItsPastStateAsOfAMoment() throws Exception {
        String now = page("/proposals/" + proposal);
        assertThat(now).contains("公開の記録（すべての出来事）", "<label for=\"as-of\">", "type=\"datetime-local\"",
                "この出来事の直後の状態を見る", "href=\"/proposals/" + proposal + "?asOf=");
        String before = page("/proposals/" + proposal + "?asOf=" + beforeAnswer);
        assertThat(before).contains("<h1><span>" + PROPOSAL + "</span></h1>", "時点の状態です。",
                "今の状態とは違うことがあります。", "href=\"/proposals/" + proposal + "\"", "この時点より後の出来事");
        String state = between(before, "state-heading", "history-heading");
        assertThat(state).contains("<dd>検討中</dd>", "幸区役所 地域振興課").doesNotContain(ANSWER, "採用");
        String after = between(page("/proposals/" + proposal + "?asOf=" + LocalDateTime.now(TOKYO)),
                "state-heading", "history-heading");
        assertThat(after).contains("<dd>採用</dd>", ANSWER);
        assertThat(page("/proposals/" + proposal + "?asOf=2000-01-01T09:00")).contains("まだありませんでした");
        assertThat(page("/proposals/" + proposal + "?asOf=yesterday", "ja", 400)).contains("「日時」");
        assertThat(page("/proposals/no-such-proposal?asOf=2000-01-01T09:00", "ja", 404)).contains("見つかりませんでした");
        String pastProject = between(page("/projects/" + project + "?asOf=" + LocalDateTime.now(TOKYO)),
                "state-heading", "history-heading");
        assertThat(pastProject).contains(PARTNER, TARGET, "<span lang=\"ja\">100万円</span>",
                "<span lang=\"ja\">30万円</span>", "<dd>実施中</dd>");
        String meetings = get("/public/meetings?kind=WORKSHOP&fiscalYear=2015");
        String meeting = JSON.readTree(meetings).at("/items/0/id").asText();
        assertThat(page("/meetings/" + meeting)).contains("公開の記録（すべての出来事）");
        assertThat(page("/meetings/" + meeting + "?asOf=" + LocalDateTime.now(TOKYO), "en", 200))
                .contains("<html lang=\"en\">", "This page shows how things stood at", "Workshop")
                .doesNotContain(PortalApp.STAFF);
    }

    /** Every new page type: a name for its screenshots and its path. */
    static Stream<String[]> pages() {
        return Stream.of(new String[]{"projects", "/projects?ward=saiwai"}, new String[]{"project", "/projects/{p}"},
                new String[]{"budgets", "/budgets?fiscalYear=2012"}, new String[]{"budget", "/budgets/saiwai/2012"},
                new String[]{"proposal-as-of", "/proposals/{a}?asOf={t}"},
                new String[]{"project-as-of", "/projects/{p}?asOf=2000-01-01T09:00"},
                new String[]{"bad-budget", "/budgets/tokyo/20x5"})
                .flatMap(p -> Stream.of(new String[]{p[0], p[1], "ja"}, new String[]{p[0], p[1], "en"}));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("pages")
    void everyNewPageTypeHasNoWcagViolationAndIsPhotographed(String name, String path, String lang)
            throws IOException {
        String url = session.base() + path.replace("{p}", project).replace("{a}", proposal)
                .replace("{t}", beforeAnswer);
        browser.get(url + (url.contains("?") ? "&" : "?") + "lang=" + lang);
        session.check(name, lang);
    }

    @Test
    void aResidentOpensAProjectAndSeesItsBudgetAndTargets() {
        session.open("/?lang=ja");
        browser.findElement(By.linkText("協働事業")).click();
        session.arrivesAt(ExpectedConditions.urlMatches("/projects$"));
        browser.findElement(By.id("q")).sendKeys(PROJECT);
        browser.findElement(By.cssSelector("form.filters button")).click();
        session.arrivesAt(ExpectedConditions.urlContains("/projects?q="));
        browser.findElement(By.linkText(PROJECT)).click();
        session.arrivesAt(ExpectedConditions.urlMatches("/projects/" + project + "$"));
        WebElement money = browser.findElement(By.cssSelector("section[aria-labelledby='money-heading'] table"));
        assertThat(money.getText()).contains("100万円", "30万円", "70万円");
        WebElement target = browser.findElement(By.cssSelector("section[aria-labelledby='target-0']"));
        assertThat(target.getText()).contains(TARGET, "目標", "実績", "30", "25", "40");
        assertThat(target.findElement(By.cssSelector("svg.chart")).isDisplayed()).isTrue();
        browser.findElement(By.linkText("区の予算を見る")).click();
        session.arrivesAt(ExpectedConditions.urlMatches("/budgets/saiwai/2012$"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("5,500万円", PROJECT);
    }

    @Test
    void aResidentPicksAMomentBeforeTheAnswerAndSeesTheEarlierState() {
        session.open("/proposals/" + proposal + "?lang=ja");
        step("進捗が報告されました").findElement(By.linkText("この出来事の直後の状態を見る")).click();
        session.arrivesAt(ExpectedConditions.urlContains("asOf="));
        assertThat(browser.findElement(By.cssSelector(".past-notice")).getText()).contains("時点の状態です");
        String earlier = browser.findElement(By.cssSelector("dl.past-facts")).getText();
        assertThat(earlier).contains("検討中").doesNotContain(ANSWER, "採用");
        // the visitor types a moment into the form: one before the proposal existed
        WebElement field = browser.findElement(By.id("as-of"));
        browser.executeScript("arguments[0].value = '2000-01-01T09:00'", field);
        browser.findElement(By.cssSelector("form.as-of button")).click();
        session.arrivesAt(ExpectedConditions.urlContains("asOf=2000-01-01T09%3A00"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("まだありませんでした");
        step("採用されました").findElement(By.linkText("この出来事の直後の状態を見る")).click();
        session.arrivesAt(ExpectedConditions.not(ExpectedConditions.urlContains("2000-01-01")));
        assertThat(browser.findElement(By.cssSelector("dl.past-facts")).getText()).contains("採用", ANSWER);
    }

    /** The event of the history section whose description says this. */
    private static WebElement step(String says) {
        return browser.findElements(By.cssSelector("section.history ol.timeline > li")).stream()
                .filter(li -> li.getText().contains(says)).findFirst()
                .orElseThrow(() -> new AssertionError("no history step saying " + says));
    }
}
