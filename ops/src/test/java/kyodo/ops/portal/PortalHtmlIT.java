package kyodo.ops.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal without JavaScript, as a plain HTTP client sees it: every page is complete HTML that an
 * anonymous visitor gets without a password prompt, in Japanese or English, escaped, free of personal
 * data, with the same figures and the same refusals as the JSON API.
 */
class PortalHtmlIT {

    private static final String XSS_TITLE = "<script>alert(1)</script>";
    private static final String MEETING_TITLE = "幸区区民会議 第3期 第2回";
    private static final String PARTICIPANT = "会議 参加子";
    private static final String OPINION = "駅の東側にも駐輪場がほしい。";
    private static final String RELATED = "歩道の自転車を片付けてほしい。";
    private static final String MINUTES = "駐輪場の増設について話し合い、市に求めることを決めました。";
    private static final String CITY_TITLE = "川崎市 協働推進有識者会議 第1回";
    private static final String REASON = "駐輪場を二か所ふやし、来年度から使えるようにします。";

    @RegisterExtension
    static final BrowserSession session = BrowserSession.withoutBrowser();
    private static PortalApp app;
    private static String answered;
    private static String hostile;
    private static String meeting;
    private static String hostileMeeting;
    private static String cityMeeting;

    @BeforeAll
    static void given() {
        answered = app.submit("駅前の駐輪場を増やしてほしい", "朝は駐輪場が満車になり、歩道に自転車があふれています。");
        app.step(answered, 0, "acknowledgement", Map.of("department", "幸区役所 地域振興課"));
        app.step(answered, 1, "progress-updates", Map.of("text", "駐輪場の候補地を調べています。"));
        app.step(answered, 2, "decision", Map.of("outcome", "ACCEPTED", "reason", REASON));
        hostile = app.submit(XSS_TITLE, "<img src=x onerror=alert(2)> の本文");
        app.awaitPublic(answered, 3);
        app.awaitPublic(hostile, 0);
        meeting = holdMeeting();
        hostileMeeting = app.create("/api/meetings", schedule("WORKSHOP", null, "south", XSS_TITLE,
                "<b>会場</b>"));
        app.awaitStaffRead("/api/meetings/" + hostileMeeting, 0);
        cityMeeting = app.create("/api/meetings", schedule("EXPERT_PANEL", null, null, CITY_TITLE, "川崎市役所 本庁舎"));
        app.awaitStaffRead("/api/meetings/" + cityMeeting, 0);
    }

    private static Map<String, Object> schedule(String kind, String ward, String district, String title,
                                                String venue) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", kind, "title", title,
                "startsAt", "2025-10-04T10:00:00+09:00", "endsAt", "2025-10-04T12:00:00+09:00", "venue", venue,
                "capacity", 30, "publicObservation", true, "themes", List.of("交通")));
        if (ward != null) {
            body.put("ward", ward);
            body.putAll(Map.of("term", 3, "session", 2));
        }
        if (district != null) {
            body.put("district", district);
        }
        return body;
    }

    /** A ward assembly from schedule to feedback, with one named participant whom no page may show. */
    private static String holdMeeting() {
        String id = app.create("/api/meetings", schedule("WARD_ASSEMBLY", "saiwai", null, MEETING_TITLE,
                "幸区役所 第1会議室"));
        String at = "/api/meetings/" + id;
        long v = app.command(at + "/agenda", 0, Map.of("items", List.of(Map.of("title", "駅前の駐輪場について",
                "lead", "区民会議 委員長", "discussionPoints", List.of("朝の満車をどう減らすか"),
                "preparation", List.of("駐輪場の利用の調べを読んでおく")))));
        v = app.command(at + "/registrations", v, Map.of("participant", Map.of("name", PARTICIPANT,
                "affiliation", "試験町内会", "nominatedBy", "幸区町内会連合会")));
        v = app.command(at + "/opening", v, Map.of("attendance", 5));
        v = app.command(at + "/groups", v, Map.of("number", 1, "theme", "駐輪場"));
        v = app.command(at + "/opinions", v, Map.of("group", 1, "theme", "駐輪場", "text", OPINION,
                "related", List.of(RELATED)));
        v = app.command(at + "/resolutions", v, Map.of("motion", "駐輪場の増設を市に求める", "votesFor", 3,
                "votesAgainst", 1, "abstentions", 0));
        v = app.command(at + "/closing", v, Map.of("attendance", 5));
        v = app.command(at + "/minutes", v, Map.of("text", MINUTES));
        v = app.command(at + "/feedback", v, Map.of("group", "幸区町内会連合会", "text", "駐輪場の議論を報告しました。"));
        app.awaitStaffRead(at, v);
        return id;
    }

    private static EntityExchangeResult<String> get(String uri, String acceptLanguage, int status) {
        return app.visitor().get().uri(uri).header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult();
    }

    private static String page(String uri) {
        return get(uri, "ja", 200).getResponseBody();
    }

    @Test
    void theHomePageIsPublicHtmlWithAStrictPolicyAndNoPasswordPrompt() {
        EntityExchangeResult<String> home = get("/", "ja", 200);
        HttpHeaders headers = home.getResponseHeaders();
        assertThat(headers.containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
        String csp = headers.getFirst("Content-Security-Policy");
        assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "script-src 'self'",
                "style-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        String html = home.getResponseBody();
        assertThat(html).contains("<html lang=\"ja\">", "<a class=\"skip\" href=\"#main\">本文へ移動</a>",
                "<main id=\"main\"", "<nav aria-label=\"サイト内の案内\">", "href=\"/accessibility\"",
                "href=\"/swagger-ui.html\"", "kyodoは、区民の提案");
        assertThat(html).doesNotContain("style=\"", "<script");
    }

    @Test
    void theHomePageShowsTheDashboardsFiguresAndTheLatestDecision() throws Exception {
        JsonNode figures = new ObjectMapper().readTree(app.visitor().get().uri("/public/dashboard").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        JsonNode all = figures.at("/proposals/allTime");
        assertThat(all.get("received").asLong()).isEqualTo(2);
        String html = page("/");
        assertThat(html).contains("<th scope=\"row\">受け付けた提案</th>", "<th scope=\"row\">回答した提案</th>")
                .contains("<td>" + all.get("received").asLong() + "</td>")
                .contains("<td>" + all.get("answered").asLong() + "</td>")
                .contains("<th scope=\"row\">採用</th>")
                .contains("href=\"/proposals/" + answered + "\">駅前の駐輪場を増やしてほしい</a>")
                .contains(REASON);
        String ward = page("/?ward=saiwai");
        assertThat(ward).contains("幸区の主な数字", "<option value=\"saiwai\" selected=\"selected\">幸区</option>");
    }

    @Test
    void theListFindsAProposalByAJapaneseWordWithTheApisFilters() {
        String found = page("/proposals?q=駐輪場&ward=saiwai&status=ACCEPTED&sort=dueOn");
        assertThat(found).contains("全1件のうち 1〜1件目", "href=\"/proposals/" + answered + "\"", "駅前の駐輪場を増やしてほしい",
                        "<span class=\"badge\">採用</span>", "<option value=\"ACCEPTED\" selected=\"selected\">採用</option>")
                .doesNotContain("&lt;script&gt;");
        assertThat(page("/proposals?q=存在しないことば")).contains("条件に合う提案はありません。");
        String first = page("/proposals?size=1");
        assertThat(first).contains("全2件のうち 1〜1件目", "1 / 2 ページ", "href=\"/proposals?size=1&amp;page=1\"");
    }

    @Test
    void aProposalPageShowsItsAnswerAndTimelineButNoPersonalDataOrStaffId() {
        String html = page("/proposals/" + answered);
        assertThat(html).contains("<h1>駅前の駐輪場を増やしてほしい</h1>", "朝は駐輪場が満車になり",
                "<dd>採用</dd>", REASON, "幸区役所 地域振興課", "提案を受け付けました", "受付を確認し、回答期限を決めました",
                "進み具合のお知らせ", "駐輪場の候補地を調べています。", "採用すると回答しました", "担当：区の職員",
                "回答までの日数");
        assertThat(html).doesNotContain("ポータル 試験子", "portal-test@example.jp", PortalApp.STAFF);
    }

    @Test
    void aHostileTitleIsShownAsText() {
        String html = page("/proposals/" + hostile);
        assertThat(html).contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>",
                "&lt;img src=x onerror=alert(2)&gt; の本文").doesNotContain(XSS_TITLE, "<img src=x");
        assertThat(page("/proposals")).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(XSS_TITLE);
    }

    @Test
    void aBadFilterIsA400PageNamingEachBadParameter() {
        String html = get("/proposals?fiscalYear=二〇二五&status=DONE&page=-1", "ja", 400).getResponseBody();
        assertThat(html).contains("<html lang=\"ja\">", "使えない値があります", "「年度」", "「状況」", "「ページ」",
                "must be a year from 1989 to 2200");
        assertThat(get("/?ward=tokyo", "ja", 400).getResponseBody()).contains("「区」");
        assertThat(get("/proposals?status=DONE", "en", 400).getResponseBody())
                .contains("<html lang=\"en\">", "&quot;Status&quot;", "cannot be used");
    }

    @Test
    void anUnknownProposalIsA404Page() {
        assertThat(get("/proposals/no-such-proposal", "ja", 404).getResponseBody())
                .contains("見つかりませんでした", "href=\"/proposals\"");
        assertThat(get("/proposals/" + "a".repeat(65), "en", 404).getResponseBody()).contains("could not find");
    }

    @Test
    void englishByTheBrowsersLanguageOrByTheSwitchWhichIsRemembered() {
        assertThat(get("/", "en-GB,en;q=0.9", 200).getResponseBody())
                .contains("<html lang=\"en\">", "Skip to main content", "Key figures: Whole city",
                        "<a class=\"language\" href=\"/?lang=ja\" lang=\"ja\" hreflang=\"ja\"");
        assertThat(get("/", "fr", 200).getResponseBody()).contains("<html lang=\"ja\">");
        assertThat(get("/proposals/" + answered, "en", 200).getResponseBody())
                .as("Japanese text on an English page is marked as Japanese")
                .contains("<h1 lang=\"ja\">駅前の駐輪場を増やしてほしい</h1>", "<dd>Accepted</dd>",
                        "<span lang=\"ja\">令和");
        EntityExchangeResult<String> switched = get("/proposals?q=駐輪場&lang=en", "ja", 200);
        assertThat(switched.getResponseBody()).contains("<html lang=\"en\">", "1–1 of 1 proposals");
        assertThat(switched.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE)).startsWith("kyodo_lang=en;");
        String remembered = app.visitor().get().uri("/accessibility").header(HttpHeaders.ACCEPT_LANGUAGE, "ja")
                .cookie("kyodo_lang", "en").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(remembered).contains("<html lang=\"en\">", "Accessibility statement", "JIS X 8341-3:2016");
    }

    @Test
    void theAccessibilityStatementAndTheStylesheetAreServedToAnyone() {
        assertThat(page("/accessibility")).contains("<h1>ウェブアクセシビリティ方針</h1>", "JIS X 8341-3:2016",
                "axe-core", "2026年12月5日");
        app.visitor().get().uri("/portal/portal.css").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/css")
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
        app.visitor().post().uri("/proposals").exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theMeetingListHasTheApisFiltersAndANavigationEntry() {
        String found = page("/meetings?ward=saiwai&kind=WARD_ASSEMBLY&status=CLOSED&fiscalYear=2025"
                + "&from=2025-10-01&to=2025-10-31&q=駐輪場&sort=startsAt");
        assertThat(found).contains("全1件のうち 1〜1件目", "href=\"/meetings/" + meeting + "\">" + MEETING_TITLE + "</a>",
                        "<span class=\"badge\">区民会議</span>", "<span class=\"badge\">終了</span>",
                        "<dd>幸区</dd>", "幸区役所 第1会議室", "2025年10月4日 10:00",
                        "<option value=\"WARD_ASSEMBLY\" selected=\"selected\">区民会議</option>",
                        "<a href=\"/meetings\" aria-current=\"page\">会議</a>")
                .doesNotContain("&lt;script&gt;");
        assertThat(page("/meetings?district=south")).contains("全1件のうち 1〜1件目", "<dd>南部地区</dd>",
                "<span class=\"badge\">開催予定</span>");
        assertThat(page("/meetings?kind=FORUM")).contains("条件に合う会議はありません。");
        assertThat(page("/meetings?size=1")).contains("全3件のうち 1〜1件目", "1 / 3 ページ",
                "href=\"/meetings?size=1&amp;page=1\"");
        assertThat(page("/")).contains("<a href=\"/meetings\">会議</a>",
                "<a href=\"/meetings\">すべての会議を見る（議題・意見・決めたこと）</a>");
    }

    @Test
    void theMeetingListAsksForTheCitysOwnMeetingsByThemselves() {
        String city = page("/meetings?ward=city");
        assertThat(city).contains("全1件のうち 1〜1件目", "href=\"/meetings/" + cityMeeting + "\">" + CITY_TITLE + "</a>",
                        "<option value=\"city\" selected=\"selected\">市全体</option>")
                .doesNotContain(MEETING_TITLE, "南部地区</dd>");
        assertThat(page("/meetings")).contains("<option value=\"city\">市全体</option>", CITY_TITLE, MEETING_TITLE);
        assertThat(page("/meetings?ward=saiwai")).contains(MEETING_TITLE).doesNotContain(CITY_TITLE);
        assertThat(get("/meetings?ward=city&kind=EXPERT_PANEL", "en", 200).getResponseBody())
                .contains("<option value=\"city\" selected=\"selected\">City-wide</option>", CITY_TITLE);
        assertThat(page("/proposals")).as("proposals have a ward each").doesNotContain("value=\"city\"");
        assertThat(get("/meetings?ward=citywide", "ja", 400).getResponseBody()).contains("使えない値があります",
                "「区」");
    }

    @Test
    void aMeetingPageShowsWhatThePublicApiAnswersButNeverItsParticipants() {
        String html = page("/meetings/" + meeting);
        assertThat(html).contains("<h1>" + MEETING_TITLE + "</h1>", "第3期", "第2回", "令和7年度",
                "駅前の駐輪場について", "区民会議 委員長", "朝の満車をどう減らすか", "駐輪場の利用の調べを読んでおく",
                "<th scope=\"row\">申し込んだ人</th>", "<td>1人</td>", "<td>5人</td>",
                "<h3 id=\"group-1\">グループ1</h3>", OPINION, "関連する御意見", RELATED,
                "駐輪場の増設を市に求める", "<span class=\"badge\">可決</span>", "<td>3人</td>",
                "定足数：出席した5人のうち、4人が投票しました。", MINUTES, "幸区町内会連合会", "駐輪場の議論を報告しました。",
                "会議の予定を決めました", "議題を公開しました", "会議が始まりました", "投票で決めました", "会議が終わりました",
                "議事録を公開しました", "推薦した団体に報告しました", "担当：区の職員");
        assertThat(html).doesNotContain(PARTICIPANT, "試験町内会", PortalApp.STAFF,
                "participantId");
        assertThat(get("/meetings/" + meeting, "en", 200).getResponseBody()).contains("<html lang=\"en\">",
                "<h1 lang=\"ja\">" + MEETING_TITLE + "</h1>", "Group 1", "Related opinions",
                "Quorum: 4 of the 5 people present voted.", "<span class=\"badge\">Adopted</span>");
    }

    @Test
    void aHostileMeetingTitleIsShownAsText() {
        String html = page("/meetings/" + hostileMeeting);
        assertThat(html).contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>", "&lt;b&gt;会場&lt;/b&gt;",
                "議題はまだ公開されていません。").doesNotContain(XSS_TITLE, "<b>会場");
        assertThat(page("/meetings")).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(XSS_TITLE);
    }

    @Test
    void aBadMeetingFilterIsA400PageAndAnUnknownMeetingA404Page() {
        String html = get("/meetings?district=east&kind=PARTY&from=2025-13-01&status=DONE", "ja", 400)
                .getResponseBody();
        assertThat(html).contains("使えない値があります", "「地区」", "「会議の種類」", "「この日から」", "「状況」",
                "href=\"/meetings\"");
        assertThat(get("/meetings?from=2025-10-02&to=2025-10-01", "en", 400).getResponseBody())
                .contains("&quot;Until&quot;", "must not be before from");
        assertThat(get("/meetings/no-such-meeting", "ja", 404).getResponseBody()).contains("見つかりませんでした");
        assertThat(get("/meetings/" + "a".repeat(65), "en", 404).getResponseBody()).contains("could not find");
    }
}
