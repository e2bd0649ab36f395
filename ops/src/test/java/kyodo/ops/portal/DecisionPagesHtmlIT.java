package kyodo.ops.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

/**
 * The decision log's pages without JavaScript, as a plain HTTP client sees them: the log newest
 * first with the JSON API's filters (and its refusals), each entry linking to its subject and to its
 * own page, which shows the entry in full and how to verify it with {@code audit check}; hostile text
 * stays text; {@code /public/decisions} answers the same filters as JSON.
 */
class DecisionPagesHtmlIT {

    private static final String XSS = "<script>alert(1)</script>";
    private static final String REASON = "駐輪場を二か所ふやします。<b>来年度</b>から使えます。";

    @RegisterExtension
    static final BrowserSession session = BrowserSession.withoutBrowser();
    private static PortalApp app;
    private static String accepted;
    private static String rejected;
    private static JsonNode acceptedEntry;
    private static JsonNode rejectedEntry;

    @BeforeAll
    static void given() throws Exception {
        accepted = app.submit("駅前の駐輪場を増やしてほしい", "朝は満車です。");
        app.step(accepted, 0, "acknowledgement", Map.of("department", "幸区役所 地域振興課"));
        app.step(accepted, 1, "decision", Map.of("outcome", "ACCEPTED", "reason", REASON));
        rejected = app.submit(XSS, "本文");
        app.step(rejected, 0, "acknowledgement", Map.of("department", "幸区役所 地域振興課"));
        app.step(rejected, 1, "decision", Map.of("outcome", "REJECTED", "reason", XSS + " の理由"));
        app.awaitPublic(accepted, 2);
        app.awaitPublic(rejected, 2);
        acceptedEntry = onlyEntry(accepted);
        rejectedEntry = onlyEntry(rejected);
    }

    /** The subject's one decision, from the JSON API's new filter (waits for the log's projection). */
    private static JsonNode onlyEntry(String subjectId) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JsonNode page = json.readTree(app.visitor().get()
                    .uri("/public/decisions?subjectType=proposal&subjectId={id}", subjectId).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            if (page.at("/items").size() == 1) {
                return page.at("/items/0");
            }
            assertThat(System.nanoTime()).as("the decision reached the log in 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static String get(String uri, int status) {
        return app.visitor().get().uri(uri).header(HttpHeaders.ACCEPT_LANGUAGE, "ja").exchange()
                .expectStatus().isEqualTo(status).expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void theLogListsTheNewestFirstWithLinksToSubjectsAndEntriesEscaped() {
        String html = get("/decisions", 200);
        long acceptedSeq = acceptedEntry.get("seq").asLong();
        long rejectedSeq = rejectedEntry.get("seq").asLong();
        assertThat(html).contains("<h1>決定の記録</h1>", "全2件のうち 1〜2件目",
                "href=\"/proposals/" + accepted + "\">駅前の駐輪場を増やしてほしい</a>",
                "href=\"/proposals/" + rejected + "\">&lt;script&gt;alert(1)&lt;/script&gt;</a>",
                "href=\"/decisions/" + acceptedSeq + "\"", "href=\"/decisions/" + rejectedSeq + "\"",
                "提案 · 提案への回答", "駐輪場を二か所ふやします。&lt;b&gt;来年度&lt;/b&gt;から使えます。",
                "title=\"" + acceptedEntry.get("hash").asText() + "\"",
                acceptedEntry.get("hash").asText().substring(0, 12) + "…",
                "最新の記録を読み込む", "aria-live=\"polite\"", "src=\"/portal/decisions-live.js\"");
        assertThat(html.indexOf("/decisions/" + rejectedSeq)).as("newest first")
                .isLessThan(html.indexOf("/decisions/" + acceptedSeq));
        assertThat(html).doesNotContain(XSS, "<b>来年度", PortalApp.STAFF, "ポータル 試験子", "style=\"");
        assertThat(html).contains("<a href=\"/decisions\" aria-current=\"page\">決定の記録</a>");
    }

    @Test
    void theLogIsFilteredAsTheApiIsAndPaged() {
        String rejectedOnly = get("/decisions?outcome=REJECTED&ward=saiwai&kind=PROPOSAL_ANSWER", 200);
        assertThat(rejectedOnly).contains("全1件のうち 1〜1件目", "/proposals/" + rejected,
                        "<option value=\"REJECTED\" selected=\"selected\">不採用</option>")
                .doesNotContain("/proposals/" + accepted + "\"");
        assertThat(get("/decisions?subjectType=proposal&subjectId=" + accepted, 200))
                .contains("全1件のうち 1〜1件目", "/proposals/" + accepted).doesNotContain("/proposals/" + rejected);
        assertThat(get("/decisions?ward=nakahara", 200)).contains("条件に合う決定はありません。");
        String second = get("/decisions?size=1&page=1", 200);
        assertThat(second).contains("全2件のうち 2〜2件目", "/proposals/" + accepted)
                .as("only the first page is live").doesNotContain("decisions-live.js");
    }

    @Test
    void badFiltersAreA400PageNamingEachAndAnUnknownEntryA404() {
        String html = get("/decisions?kind=NOPE&outcome=MAYBE&ward=tokyo&subjectType=person&page=-1", 400);
        assertThat(html).contains("使えない値があります", "「決定の種類」", "「結果」", "「区」", "「対象の種類」", "「ページ」");
        assertThat(get("/decisions/abc", 400)).contains("「記録の番号」");
        assertThat(get("/decisions/0", 400)).contains("「記録の番号」");
        assertThat(get("/decisions/99999", 404)).contains("見つかりませんでした");
    }

    @Test
    void anEntrysPageShowsItInFullWithItsSubjectAndHowToVerifyIt() {
        long seq = rejectedEntry.get("seq").asLong();
        String html = get("/decisions/" + seq, 200);
        assertThat(html).contains("<h1>決定の記録 第" + seq + "号</h1>",
                "href=\"/proposals/" + rejected + "\">&lt;script&gt;alert(1)&lt;/script&gt;</a>",
                "&lt;script&gt;alert(1)&lt;/script&gt; の理由", "<dd>不採用</dd>", "<dd>提案への回答</dd>",
                "<dd>幸区</dd>", rejectedEntry.get("hash").asText(), rejectedEntry.get("prevHash").asText(),
                rejectedEntry.get("eventId").asText(), rejectedEntry.get("decisionId").asText(),
                "data-seq=\"" + seq + "\"", "src=\"/portal/verify.js\"", "ブラウザーを使わずに確かめるには",
                "java -jar kyodo.jar audit check --url " + app.baseUrl(), "<button type=\"button\" id=\"verify-button\" hidden>");
        assertThat(html).doesNotContain(XSS, PortalApp.STAFF, "style=\"");
        assertThat(get("/", 200)).as("the home page's latest decisions lead to their entries")
                .contains("href=\"/decisions/" + seq + "\"", "href=\"/decisions\"");
    }

    @Test
    void theJsonLogTakesTheSameFiltersAndRefusesBadOnesNamingEach() {
        app.visitor().get().uri("/public/decisions?outcome=ACCEPTED&ward=saiwai").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].subjectId").isEqualTo(accepted)
                .jsonPath("$.logSize").isEqualTo(2);
        app.visitor().get().uri("/public/decisions?kind=NOPE&subjectType=x&limit=0").exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("/problems/invalid-input")
                .jsonPath("$.errors[*].field").value(containsInAnyOrder("kind", "subjectType", "limit"));
    }
}
