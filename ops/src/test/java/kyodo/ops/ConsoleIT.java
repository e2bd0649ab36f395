package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff console over HTTP, as a browser without JavaScript uses it: form sign-in with a CSRF
 * token and a session cookie, a session that ends on sign-out or after the timeout, the ward inbox,
 * and each of a proposal's forms changing the proposal through the command side, which still decides
 * (another ward's proposal is refused, a stale form is refused with the current state shown).
 */
class ConsoleIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client cityStaff = app.staff();

    private static ConsoleSession browser() {
        return new ConsoleSession(() -> app.app().anonymousHttp(), null);
    }

    private static ConsoleSession signedIn(String role, String ward) {
        ConsoleSession browser = browser();
        browser.signIn(KyodoTestApp.username(role, ward), KyodoTestApp.PASSWORD).redirectsTo("/console");
        return browser;
    }

    private static String submit(String ward, String title) {
        Map<String, Object> body = Requests.proposal();
        body.put("ward", ward);
        body.put("title", title);
        return cityStaff.created("/api/proposals", body);
    }

    private static ConsoleSession.Page proposalPage(ConsoleSession browser, String id, long version) {
        return browser.get("/console/proposals/" + id + "?minVersion=" + version).status(200);
    }

    @Test
    void staffSignInWithTheFormKeepASessionAndSignOut() {
        ConsoleSession browser = browser();
        browser.get("/console").redirectsTo("/console/sign-in");
        ConsoleSession.Page form = browser.get("/console/sign-in").status(200);
        assertThat(form.headers().getFirst("Content-Security-Policy")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(form.html()).contains("name=\"_csrf\"", "autocomplete=\"current-password\"");

        // a sign-in without the token is refused before any password is looked at
        browser.postWithout("/console/sign-in", Map.of("username", KyodoTestApp.username("STAFF", "saiwai"),
                "password", KyodoTestApp.PASSWORD)).status(403);
        browser.post("/console/sign-in", Map.of("username", KyodoTestApp.username("STAFF", "saiwai"),
                "password", "wrong")).redirectsTo("/console/sign-in?error=refused");
        assertThat(browser.get("/console/sign-in?error=refused").status(401).html())
                .contains("アカウントIDかパスワードが違います");

        String before = browser.sessionId();
        browser.post("/console/sign-in", Map.of("username", KyodoTestApp.username("STAFF", "saiwai"),
                "password", KyodoTestApp.PASSWORD)).redirectsTo("/console");
        assertThat(browser.sessionId()).as("a new session id at sign-in").isNotNull().isNotEqualTo(before);
        ResponseCookie session = browser.cookies().stream().filter(c -> c.getName().equals("SESSION")).findFirst()
                .orElseThrow();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.isSecure()).as("Secure only over HTTPS").isFalse();

        ConsoleSession.Page inbox = browser.get("/console").status(200);
        assertThat(inbox.html()).contains("受付箱", "t-staff-saiwai", "幸区");
        // the session cookie is no way into the API: a cross-site request carrying it is not signed in
        browser.get("/api/proposals").status(401);
        browser.postWithout("/api/proposals/any-id/withdrawal", Map.of("reason", "x")).status(401);

        // sign-out is a form post with the token; afterwards the session is gone
        browser.postWithout("/console/sign-out", Map.of()).status(403);
        browser.post("/console/sign-out", Map.of()).redirectsTo("/console/sign-in?signedOut");
        assertThat(browser.get("/console/sign-in?signedOut").html()).contains("サインアウトしました。");
        assertThat(browser.get("/console/sign-in").html()).doesNotContain("サインアウトしました。");
        browser.get("/console").redirectsTo("/console/sign-in");
    }

    @Test
    void aSessionEndsAfterTheTimeoutWithoutARequest() {
        ConsoleSession browser = signedIn("STAFF", "saiwai");
        browser.get("/console").status(200);
        InMemoryWebSessionStore store = (InMemoryWebSessionStore) ((DefaultWebSessionManager) app.context()
                .getBean(WebSessionManager.class)).getSessionStore();
        try {
            store.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(29)));
            browser.get("/console").status(200);
            store.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(29 + 31)));
            browser.get("/console").redirectsTo("/console/sign-in");
        } finally {
            store.setClock(Clock.systemUTC());
        }
    }

    @Test
    void anAnalystGetsAPlain403AndTheApiStaysStateless() {
        ConsoleSession analyst = browser();
        analyst.signIn(KyodoTestApp.username("ANALYST", null), KyodoTestApp.PASSWORD).redirectsTo("/console");
        ConsoleSession.Page refused = analyst.get("/console").status(403);
        assertThat(refused.html()).contains("403", "Forbidden");

        assertThat(cityStaff.get("/api/proposals").ok().result().getResponseHeaders().containsKey("Set-Cookie"))
                .as("no session for an API client").isFalse();
        // Basic is not a way into the console
        app.app().as("STAFF", null).get().uri("/console").exchange().expectStatus().isFound()
                .expectHeader().location("/console/sign-in");
    }

    @Test
    void theInboxListsTheWardsProposalsByState() {
        String waiting = submit("saiwai", "受付箱テスト 受け付け待ち");
        String dueSoon = submit("saiwai", "受付箱テスト 期限が近い");
        cityStaff.post("/api/proposals/{id}/acknowledgement", dueSoon)
                .body(Map.of("department", "幸区役所 地域振興課", "responseDueDays", 3)).ok();
        String revision = submit("saiwai", "受付箱テスト 修正待ち");
        cityStaff.post("/api/proposals/{id}/acknowledgement", revision).body(Map.of("department", "幸区役所")).ok();
        cityStaff.post("/api/proposals/{id}/revision-requests", revision).body(Map.of("reason", "場所を教えてください"))
                .ok();
        String elsewhere = submit("nakahara", "受付箱テスト 中原区");
        app.awaitReadModels();

        ConsoleSession.Page inbox = signedIn("STAFF", "saiwai").get("/console").status(200);
        assertThat(inbox.part("box-submitted", "section")).contains(waiting, "受付箱テスト 受け付け待ち")
                .doesNotContain(dueSoon);
        assertThat(inbox.part("box-dueSoon", "section")).contains(dueSoon).doesNotContain(waiting);
        assertThat(inbox.part("box-revision", "section")).contains(revision);
        assertThat(inbox.html()).doesNotContain(elsewhere);

        // a ward member's inbox is their ward's whatever they ask; a city-wide member chooses
        assertThat(signedIn("STAFF", "saiwai").get("/console?ward=nakahara").status(200).html())
                .doesNotContain(elsewhere);
        ConsoleSession city = signedIn("STAFF", null);
        assertThat(city.get("/console?ward=nakahara").status(200).part("box-submitted", "section"))
                .contains(elsewhere).doesNotContain(waiting);
        city.get("/console?ward=atlantis").status(400);
    }

    @Test
    void eachFormChangesTheProposalAndTheCommandSideStillDecides() {
        String id = submit("saiwai", "コンソール 操作テスト");
        app.awaitReadModels();
        ConsoleSession staff = signedIn("STAFF", "saiwai");
        ConsoleSession.Page page = proposalPage(staff, id, 0);
        assertThat(page.html()).contains(Requests.PROPOSER_NAME, Requests.PROPOSER_CONTACT, "form-acknowledge");

        // a form without the token changes nothing
        long events = app.storedEvents();
        staff.postWithout("/console/proposals/" + id + "/acknowledge", Map.of("department", "地域振興課",
                "version", "0")).status(403);
        assertThat(app.storedEvents()).isEqualTo(events);

        staff.post("/console/proposals/" + id + "/acknowledge", Map.of("department", "幸区役所 地域振興課",
                "responseDueDays", "20", "version", "0"))
                .redirectsTo("/console/proposals/" + id + "?done=acknowledge&minVersion=1");
        assertThat(staff.get("/console/proposals/" + id + "?done=acknowledge&minVersion=1").status(200).html())
                .contains("受け付けました", "幸区役所 地域振興課", "form-progress");

        staff.post("/console/proposals/" + id + "/progress", Map.of("text", "現地を確認しました", "version", "1"))
                .redirectsTo("/console/proposals/" + id + "?done=progress&minVersion=2");

        // invalid fields: the page again with each error beside its field, nothing sent
        events = app.storedEvents();
        ConsoleSession.Page invalid = staff.post("/console/proposals/" + id + "/answer",
                Map.of("outcome", "MAYBE", "reason", "", "version", "2")).status(400);
        assertThat(invalid.part("answer-reason-error", "p")).contains("入力してください");
        assertThat(invalid.part("answer-outcome-error", "p")).contains("選べる値ではありません");
        assertThat(invalid.html()).contains("aria-invalid=\"true\"");
        staff.post("/console/proposals/" + id + "/acknowledge", Map.of("department", "課", "responseDueDays", "many",
                "version", "2")).status(400);
        assertThat(app.storedEvents()).isEqualTo(events);

        // a form rendered before someone else's change: 412, the current state shown
        ConsoleSession.Page stale = staff.post("/console/proposals/" + id + "/answer",
                Map.of("outcome", "ACCEPTED", "reason", "整備します", "version", "1")).status(412);
        assertThat(stale.part("refusal", "div")).contains("ほかの人がこの提案をすでに変更しました");
        assertThat(stale.html()).contains("現地を確認しました");
        assertThat(app.storedEvents()).isEqualTo(events);

        staff.post("/console/proposals/" + id + "/answer", Map.of("outcome", "ACCEPTED", "reason", "来年度に整備します",
                "conditions", "", "version", "2"))
                .redirectsTo("/console/proposals/" + id + "?done=answer&minVersion=3");
        cityStaff.get("/api/proposals/{id}?minVersion=3", id).ok().json().jsonPath("$.status").isEqualTo("ACCEPTED")
                .jsonPath("$.reason").isEqualTo("来年度に整備します");

        // a rule the command side keeps: a decided proposal is not answered again (409), in English on request
        ConsoleSession.Page again = staff.post("/console/proposals/" + id + "/answer?lang=en",
                Map.of("outcome", "REJECTED", "reason", "やはり無理です", "version", "3")).status(409);
        assertThat(again.html()).contains("lang=\"en\"");
    }

    @Test
    void revisionAndWithdrawalFormsWork() {
        String id = submit("saiwai", "コンソール 修正と取り下げ");
        app.awaitReadModels();
        ConsoleSession staff = signedIn("STAFF", "saiwai");
        assertThat(proposalPage(staff, id, 0).html()).doesNotContain("form-revision");
        staff.post("/console/proposals/" + id + "/acknowledge", Map.of("department", "幸区役所", "version", "0"))
                .redirectsTo("/console/proposals/" + id + "?done=acknowledge&minVersion=1");
        assertThat(proposalPage(staff, id, 1).html()).contains("form-revision");
        staff.post("/console/proposals/" + id + "/revision", Map.of("reason", "場所を教えてください", "version", "1"))
                .redirectsTo("/console/proposals/" + id + "?done=revision&minVersion=2");
        assertThat(proposalPage(staff, id, 2).html()).contains("場所を教えてください", "form-withdrawal");
        staff.post("/console/proposals/" + id + "/withdrawal", Map.of("reason", "提案者から電話で取り下げ",
                "version", "2")).redirectsTo("/console/proposals/" + id + "?done=withdrawal&minVersion=3");
        cityStaff.get("/api/proposals/{id}?minVersion=3", id).ok().json().jsonPath("$.status").isEqualTo("WITHDRAWN");
        assertThat(proposalPage(staff, id, 3).html()).doesNotContain("form-");
    }

    @Test
    void anotherWardsProposalShowsNoPersonalDataAndRefusesActions() {
        String id = submit("nakahara", "コンソール 中原区の提案");
        app.awaitReadModels();
        ConsoleSession saiwai = signedIn("STAFF", "saiwai");
        ConsoleSession.Page page = proposalPage(saiwai, id, 0);
        assertThat(page.html()).contains("コンソール 中原区の提案", "担当区の提案ではないため")
                .doesNotContain(Requests.PROPOSER_NAME, Requests.PROPOSER_CONTACT, "form-acknowledge");

        long events = app.storedEvents();
        Map<String, String> form = new HashMap<>(Map.of("department", "幸区役所", "version", "0"));
        ConsoleSession.Page refused = saiwai.post("/console/proposals/" + id + "/acknowledge", form).status(403);
        assertThat(refused.part("refusal", "div")).contains("この操作はできません");
        assertThat(app.storedEvents()).isEqualTo(events);

        saiwai.get("/console/proposals/no-such-proposal").status(404);
        saiwai.post("/console/proposals/" + id + "/launch-rocket", form).status(404);
    }
}
