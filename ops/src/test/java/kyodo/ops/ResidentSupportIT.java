package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.query.audit.AuditReport;
import kyodo.query.audit.AuditVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Residents support proposals over HTTP (issue 17): only verified residents of the proposal's ward (any
 * ward for a city-wide programme), once each, also when twenty posts race; withdrawable while the
 * proposal is open; the public sees the count, never who; reaching the programme's threshold makes an
 * answer due; a deleted account's support stays counted and the decision log still verifies.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResidentSupportIT {

    /** まちのひろば proposals reach their threshold at two supports here, answered within 10 days. */
    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.proposals.supports.threshold-by-programme.MACHI_NO_HIROBA=2",
            "--kyodo.proposals.supports.due-days=10");
    private static final Client saiwaiStaff = app.as("STAFF", "saiwai");
    private static final ResidentSteps residents = new ResidentSteps(app);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void verifiedResidentsSupportOnceEachAndThePublicSeesOnlyTheCount(CapturedOutput output) throws Exception {
        String wardProposal = saiwaiStaff.submitProposal();
        Map<String, Object> cityWide = Requests.proposal();
        cityWide.put("programme", "MACHI_NO_HIROBA");
        cityWide.put("title", "空き店舗を地域の居場所に");
        String cityWideProposal = saiwaiStaff.created("/api/proposals", cityWide);
        // both in the read model before the portal's and the residents' pages ask for them
        saiwaiStaff.get("/api/proposals/{id}?minVersion=0", wardProposal).ok();
        saiwaiStaff.get("/api/proposals/{id}?minVersion=0", cityWideProposal).ok();

        ConsoleSession hanako = residents.verified("hanako.support-17@example.jp", "賛同プランテッド花子", "saiwai",
                "SUPPORT-DOC-0001");
        ConsoleSession taro = residents.verified("taro.support-17@example.jp", "賛同プランテッド太郎", "saiwai",
                "SUPPORT-DOC-0002");
        ConsoleSession tama = residents.verified("tama.support-17@example.jp", "多摩プランテッド", "tama",
                "SUPPORT-DOC-0003");
        ConsoleSession unverified = residents.signedUp("unverified.support-17@example.jp", "未確認プランテッド");

        // the portal's proposal page shows the count and the button into the residents' pages
        String portal = app.anonymous().get("/proposals/{id}", wardProposal).ok().text();
        assertThat(portal).contains("id=\"supports-heading\"", "action=\"/resident/supports/" + wardProposal + "\"");
        // not signed in: the button leads to the sign-in page, which then returns to the support page
        residents.browser().get("/resident/supports/" + wardProposal)
                .redirectsTo("/resident/sign-in?continue=%2Fresident%2Fsupports%2F" + wardProposal);

        // not verified: refused, nothing stored
        assertThat(unverified.get("/resident/supports/" + wardProposal).status(200).html()).contains("id=\"not-verified\"")
                .doesNotContain("id=\"form-support\"");
        unverified.post("/resident/supports/" + wardProposal, Map.of("action", "support")).status(403);
        // another ward's resident: refused for a ward programme, welcome for a city-wide one
        tama.get("/resident/supports/" + wardProposal).status(200);
        assertThat(tama.post("/resident/supports/" + wardProposal, Map.of("action", "support")).status(403).html())
                .contains("id=\"refusal\"");
        assertThat(supports(wardProposal)).isZero();

        // a verified resident of the ward supports it, once
        assertThat(hanako.get("/resident/supports/" + wardProposal).status(200).html()).contains("id=\"form-support\"");
        ConsoleSession.Page supported = hanako.post("/resident/supports/" + wardProposal, Map.of("action", "support"))
                .status(303);
        assertThat(supported.location()).startsWith("/resident/supports/" + wardProposal + "?done=supported&minVersion=");
        assertThat(hanako.get(supported.location()).status(200).html()).contains("id=\"done\"");
        assertThat(hanako.post("/resident/supports/" + wardProposal, Map.of("action", "support")).status(409).html())
                .contains("id=\"refusal\"");
        hanako.post("/resident/supports/" + wardProposal, Map.of("action", "cheer")).status(400);

        // twenty posts of one resident at once: exactly one support
        List<Integer> statuses = racingSupports(taro, wardProposal, 20);
        assertThat(statuses).filteredOn(s -> s == 303).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        KyodoTestApp.eventually(() -> assertThat(supports(wardProposal)).isEqualTo(2));

        // withdrawn while open, and given again
        hanako.get("/resident/supports/" + wardProposal).status(200);
        hanako.post("/resident/supports/" + wardProposal, Map.of("action", "withdrawal")).status(303);
        assertThat(hanako.post("/resident/supports/" + wardProposal, Map.of("action", "withdrawal")).status(409).html())
                .contains("id=\"refusal\"");
        KyodoTestApp.eventually(() -> assertThat(supports(wardProposal)).isEqualTo(1));

        // the city-wide programme's threshold (2 here) makes an answer due within 10 days
        tama.get("/resident/supports/" + cityWideProposal).status(200);
        tama.post("/resident/supports/" + cityWideProposal, Map.of("action", "support")).status(303);
        hanako.get("/resident/supports/" + cityWideProposal).status(200);
        hanako.post("/resident/supports/" + cityWideProposal, Map.of("action", "support")).status(303);
        KyodoTestApp.eventually(() -> {
            JsonNode view = app.anonymous().get("/public/proposals/{id}", cityWideProposal).ok().tree();
            assertThat(view.at("/supports").asInt()).isEqualTo(2);
            assertThat(view.at("/dueOn").isTextual()).as("an answer date was set").isTrue();
            assertThat(view.at("/timeline").findValuesAsText("kind")).contains("SUPPORT_THRESHOLD");
        });

        // a withdrawn proposal takes no support
        long version = saiwaiStaff.get("/api/proposals/{id}", cityWideProposal).ok().tree().at("/version").asLong();
        saiwaiStaff.post("/api/proposals/{id}/withdrawal", cityWideProposal).ifMatch(version)
                .body(Map.of("reason", "提案者の申し出により")).ok();
        KyodoTestApp.eventually(() -> assertThat(taro.get("/resident/supports/" + cityWideProposal).status(200).html())
                .doesNotContain("id=\"form-support\""));
        assertThat(taro.post("/resident/supports/" + cityWideProposal, Map.of("action", "support")).status(409).html())
                .contains("id=\"refusal\"");
        // staff do not support: the residents' pages are not theirs, and the command is a resident's alone
        ConsoleSession staff = residents.browser();
        staff.signIn(KyodoTestApp.username("STAFF", "saiwai"), KyodoTestApp.PASSWORD).redirectsTo("/console");
        staff.get("/resident/supports/" + wardProposal)
                .redirectsTo("/resident/sign-in?continue=%2Fresident%2Fsupports%2F" + wardProposal);

        // the resident whose support stands deletes their account: it stays counted, the log verifies
        taro.get("/resident").status(200);
        taro.post("/resident/account/deletion", Map.of("confirm", "yes")).redirectsTo("/resident/sign-in?notice=deleted");
        KyodoTestApp.eventually(() -> {
            AuditReport report = app.context().getBean(AuditVerifier.class).verify();
            assertThat(report.ok()).as(report.render()).isTrue();
        });
        assertThat(supports(wardProposal)).isEqualTo(1);

        // the count everywhere, never who: public answers, the portal, analytics, the dashboard
        List<String> answers = List.of(
                app.anonymous().get("/public/proposals/{id}", wardProposal).ok().text(),
                app.anonymous().get("/public/proposals?ward=saiwai").ok().text(),
                app.anonymous().get("/public/history/proposal/{id}", wardProposal).ok().text(),
                app.anonymous().get("/proposals/{id}", wardProposal).ok().text(),
                app.anonymous().get("/proposals").ok().text(),
                app.anonymous().get("/public/dashboard").ok().text(),
                app.as("ANALYST", null).get("/analytics/proposals/summary?groupBy=supportBand").ok().text());
        for (String answer : answers) {
            assertThat(answer).doesNotContain("賛同プランテッド", "support-17@example.jp", "多摩プランテッド",
                    "未確認プランテッド", "SUPPORT-DOC", "supporter", "pseudonym");
        }
        JsonNode bands = app.as("ANALYST", null).get("/analytics/proposals/summary?groupBy=supportBand").ok().tree();
        assertThat(bands.toString()).contains("\"supportBand\":\"1-9\"");
        assertThat(app.anonymous().get("/public/dashboard").ok().tree().at("/proposals/allTime/supports").asInt())
                .isEqualTo(3);
        assertThat(output.getAll()).doesNotContain("賛同プランテッド", "support-17@example.jp", "SUPPORT-DOC");
    }

    /** The resident's session posts the same support that many times at once; the statuses answered. */
    private static List<Integer> racingSupports(ConsoleSession resident, String proposalId, int times) throws Exception {
        String page = resident.get("/resident/supports/" + proposalId).status(200).html();
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).isTrue();
        String cookie = "SESSION=" + resident.sessionId();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("action", "support");
        form.add("_csrf", token.group(1));
        ExecutorService senders = Executors.newFixedThreadPool(times);
        try {
            List<CompletableFuture<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                posts.add(CompletableFuture.supplyAsync(() -> app.app().anonymousHttp().post()
                        .uri("/resident/supports/" + proposalId).header(HttpHeaders.COOKIE, cookie)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form)
                        .exchange().returnResult(byte[].class).getStatus().value(), senders));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> post : posts) {
                statuses.add(post.get(120, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            senders.shutdownNow();
        }
    }

    private static int supports(String proposalId) {
        return app.anonymous().get("/public/proposals/{id}", proposalId).ok().tree().at("/supports").asInt();
    }
}
