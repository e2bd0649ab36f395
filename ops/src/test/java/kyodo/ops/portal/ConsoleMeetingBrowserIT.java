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
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's meeting pages in a real browser (Debian's Chromium, as the portal's tests): a member of
 * staff schedules a meeting, adds to its agenda, opens it, sees the quorum before recording a vote and
 * closes it; every meeting page (the list, the schedule form, a meeting before, during and after its
 * session, a form refused for its fields) has no WCAG 2.x A/AA violation that axe-core finds, in
 * Japanese and English, and is photographed under {@code target/console-screenshots/}; a meeting is
 * opened with the keyboard alone.
 */
class ConsoleMeetingBrowserIT {

    private static final String STAFF = "console-meeting-saiwai";
    private static final String PASSWORD = "console-meeting-password";
    private static final String TO_OPEN = "幸区区民会議 キーボードで開く回";

    @RegisterExtension
    static final BrowserSession session = BrowserSession.photographingInto("console-screenshots")
            .withAccount(STAFF, PASSWORD, "STAFF", "saiwai");
    private static ChromeDriver browser;
    private static String scheduled;
    private static String inSession;
    private static String held;
    private static String toOpen;
    /** Each meeting's version after the last command sent to it (its ETag), to wait for the read model. */
    private static final Map<String, Long> versions = new HashMap<>();

    @BeforeAll
    static void given() {
        scheduled = schedule("第8期 幸区区民会議 第3回");
        step(scheduled, "agenda", Map.of("items", List.of(Map.of("title", "駐輪場について", "lead", "座長",
                "discussionPoints", List.of("必要な台数"), "preparation", List.of("現地調査")))));
        step(scheduled, "registrations", Map.of("participant", Map.of("name", "会議 参加者",
                "affiliation", "幸区町内会連合会", "nominatedBy", "幸区町内会連合会")));
        inSession = schedule("第8期 幸区区民会議 第4回");
        step(inSession, "registrations", Map.of("participant", Map.of("name", "会議 出席者",
                "nominatedBy", "幸区PTA協議会")));
        step(inSession, "opening", Map.of("attendance", 12));
        step(inSession, "groups", Map.of("number", 1, "theme", "防災"));
        step(inSession, "opinions", Map.of("group", 1, "theme", "防災", "text", "避難所の案内を増やす",
                "related", List.of("外国語の案内も")));
        held = schedule("第8期 幸区区民会議 第2回");
        step(held, "registrations", Map.of("participant", Map.of("name", "会議 報告者", "nominatedBy", "幸区子ども会")));
        step(held, "opening", Map.of("attendance", 10));
        step(held, "resolutions", Map.of("motion", "公園の清掃を続ける", "votesFor", 7, "votesAgainst", 1,
                "abstentions", 0));
        step(held, "closing", Map.of("attendance", 9));
        toOpen = schedule(TO_OPEN);
        for (String id : List.of(scheduled, inSession, held, toOpen)) {
            api().get().uri("/api/meetings/{id}?minVersion=" + versions.get(id), id).exchange().expectStatus().isOk();
        }
    }

    private static WebTestClient api() {
        return session.app().as(STAFF, PASSWORD);
    }

    private static String schedule(String title) {
        Map<?, ?> answer = api().post().uri("/api/meetings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kind", "WARD_ASSEMBLY", "ward", "saiwai", "title", title,
                        "startsAt", "2026-09-19T13:00:00+09:00", "endsAt", "2026-09-19T16:30:00+09:00",
                        "venue", "幸区役所 会議室", "capacity", 30, "publicObservation", true,
                        "themes", List.of("交通", "防災")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) answer.get("id");
        versions.put(id, ((Number) answer.get("version")).longValue());
        return id;
    }

    private static void step(String id, String action, Map<String, ?> body) {
        String etag = api().post().uri("/api/meetings/{id}/" + action, id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk().returnResult(String.class).getResponseHeaders()
                .getETag();
        versions.put(id, Long.parseLong(etag.replace("\"", "")));
    }

    static Stream<String[]> pages() {
        return Stream.of("ja", "en").flatMap(lang -> Stream.of(
                new String[]{"meetings", "/console/meetings", lang},
                new String[]{"meeting-new", "/console/meetings/new", lang},
                new String[]{"meeting-scheduled", "/console/meetings/{scheduled}", lang},
                new String[]{"meeting-open", "/console/meetings/{inSession}", lang},
                new String[]{"meeting-closed", "/console/meetings/{held}", lang}));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("pages")
    void everyMeetingPageHasNoWcagViolationAndIsPhotographed(String name, String path, String lang)
            throws IOException {
        session.signedInToConsole(STAFF, PASSWORD);
        session.open(path.replace("{scheduled}", scheduled).replace("{inSession}", inSession)
                .replace("{held}", held) + "?lang=" + lang);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        session.check(name, lang);
    }

    @Test
    void aScheduleFormRefusedForItsFieldsShowsEachErrorBesideItsFieldWithoutViolations() throws IOException {
        session.signedInToConsole(STAFF, PASSWORD);
        for (String lang : List.of("ja", "en")) {
            session.open("/console/meetings/new?lang=" + lang);
            browser.findElement(By.cssSelector("#form-schedule button[type=submit]")).click();
            session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("schedule-title-error")));
            assertThat(browser.findElement(By.id("schedule-title")).getAttribute("aria-describedby"))
                    .isEqualTo("schedule-title-error");
            assertThat(browser.findElement(By.id("schedule-startsAt-error")).getText())
                    .isEqualTo(lang.equals("ja") ? "選んでください。" : "Please choose one.");
            session.check("meeting-new-invalid", lang);
        }
    }

    @Test
    void aMemberOfStaffSchedulesAMeetingRunsItWithTheQuorumShownAndClosesIt() throws IOException {
        session.signedInToConsole(STAFF, PASSWORD);
        session.open("/console/meetings?lang=ja");
        browser.findElement(By.id("schedule-link")).click();
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("form-schedule")));
        new Select(browser.findElement(By.id("schedule-kind"))).selectByValue("WORKSHOP");
        browser.findElement(By.id("schedule-title")).sendKeys("南部地区 ワークショップ");
        dateTime("schedule-startsAt", "2026-10-03T13:00");
        dateTime("schedule-endsAt", "2026-10-03T16:00");
        browser.findElement(By.id("schedule-venue")).sendKeys("幸市民館");
        browser.findElement(By.id("schedule-themes")).sendKeys("防災\n子育て");
        browser.findElement(By.cssSelector("#form-schedule button[type=submit]")).click();
        session.arrivesAt(ExpectedConditions.urlContains("done=schedule"));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("会議を予定しました。");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("南部地区 ワークショップ");

        browser.findElement(By.id("agenda-title")).sendKeys("避難所の運営");
        browser.findElement(By.id("agenda-lead")).sendKeys("防災担当");
        browser.findElement(By.id("agenda-discussionPoints")).sendKeys("案内の多言語化\n備蓄");
        browser.findElement(By.cssSelector("#form-agenda button[type=submit]")).click();
        session.arrivesAt(ExpectedConditions.urlContains("done=agenda"));
        assertThat(browser.findElement(By.id("agenda")).getText()).contains("避難所の運営", "案内の多言語化", "備蓄");

        browser.findElement(By.id("open-attendance")).sendKeys("15");
        browser.findElement(By.cssSelector("#form-open button[type=submit]")).click();
        session.arrivesAt(ExpectedConditions.urlContains("done=open"));
        // the quorum, before anything is sent: more than half of the 15 present
        assertThat(browser.findElement(By.id("quorum")).getText()).contains("15人", "8人以上");
        session.check("meeting-journey-open", "ja");

        browser.findElement(By.id("resolution-motion")).sendKeys("避難所の案内を多言語にする");
        browser.findElement(By.id("resolution-votesFor")).sendKeys("9");
        browser.findElement(By.id("resolution-votesAgainst")).sendKeys("3");
        browser.findElement(By.id("resolution-abstentions")).sendKeys("1");
        browser.findElement(By.cssSelector("#form-resolution button[type=submit]")).click();
        session.arrivesAt(ExpectedConditions.urlContains("done=resolution"));
        assertThat(browser.findElement(By.id("resolutions")).getText()).contains("避難所の案内を多言語にする", "可決",
                "賛成9・反対3・棄権1（出席15人）");

        browser.findElement(By.id("close-attendance")).sendKeys("14");
        browser.findElement(By.cssSelector("#form-close button[type=submit]")).click();
        session.arrivesAt(ExpectedConditions.urlContains("done=close"));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("閉会しました。");
        assertThat(browser.findElement(By.cssSelector("p.badges")).getText()).contains("終了");
        session.check("meeting-journey-closed", "ja");
    }

    @Test
    void aMemberOfStaffOpensAMeetingWithTheKeyboardAlone() {
        session.signedInToConsole(STAFF, PASSWORD);
        session.open("/console/meetings?lang=ja");
        WebElement link = Chromium.tabUntil(browser, el -> TO_OPEN.equals(el.getText()), 60);
        assertThat(Chromium.outline(link)).isNotEqualTo("none");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlContains("/console/meetings/" + toOpen));

        WebElement headcount = Chromium.tabUntil(browser, el -> "open-attendance".equals(el.getAttribute("id")), 80);
        assertThat(Chromium.outline(headcount)).isNotEqualTo("none");
        new Actions(browser).sendKeys("21").perform();
        WebElement send = Chromium.tabUntil(browser, el -> el.getTagName().equals("button")
                && el.findElements(By.xpath("ancestor::form[@id='form-open']")).size() == 1, 3);
        assertThat(Chromium.outline(send)).isNotEqualTo("none");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        session.arrivesAt(ExpectedConditions.urlContains("done=open"));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("開会しました。");
        assertThat(browser.findElement(By.id("quorum")).getText()).contains("21人", "11人以上");
    }

    /** A date-time field takes its value the way the browser's picker would set it. */
    private static void dateTime(String id, String value) {
        browser.executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), value);
    }
}
