package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journeys of issue 16 that {@code ConsoleIT} leaves out, over HTTP: a form posted from another
 * site is refused whether it carries no token, a token of another session, or comes from another
 * origin; an ANALYST can neither open a proposal in the console nor act on one.
 */
class ConsoleJourneyIT {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @RegisterExtension
    static final RunningApp app = new RunningApp();

    private static ConsoleSession signedIn(String role, String ward) {
        ConsoleSession browser = new ConsoleSession(() -> app.app().anonymousHttp(), null);
        browser.signIn(KyodoTestApp.username(role, ward), KyodoTestApp.PASSWORD).redirectsTo("/console");
        return browser;
    }

    private static String submitted(String ward) {
        Map<String, Object> body = Requests.proposal();
        body.put("ward", ward);
        String id = app.staff().created("/api/proposals", body);
        app.awaitReadModels();
        return id;
    }

    /** A post a page on another site makes with the victim's cookie: it can set any field and Origin, not read a token. */
    private static int crossSitePost(ConsoleSession victim, String path, Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return app.app().anonymousHttp().post().uri(path)
                .header("Cookie", "SESSION=" + victim.sessionId())
                .header("Origin", "https://evil.example").header("Referer", "https://evil.example/page")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form)
                .exchange().returnResult(String.class).getStatus().value();
    }

    @Test
    void aCrossSiteFormPostIsRefusedWithoutATokenWithAnotherSessionsTokenAndFromAnotherOrigin() {
        String id = submitted("saiwai");
        ConsoleSession staff = signedIn("STAFF", "saiwai");
        staff.get("/console/proposals/" + id + "?minVersion=0").status(200);
        // the attacker's own session gives a valid token, of the wrong session
        ConsoleSession attacker = signedIn("STAFF", "nakahara");
        Matcher own = TOKEN.matcher(attacker.get("/console").status(200).html());
        assertThat(own.find()).isTrue();
        String path = "/console/proposals/" + id + "/acknowledge";
        Map<String, String> form = Map.of("department", "攻撃課", "version", "0");

        long events = app.storedEvents();
        assertThat(crossSitePost(staff, path, form)).isEqualTo(403);
        assertThat(crossSitePost(staff, path, Map.of("department", "攻撃課", "version", "0", "_csrf", own.group(1))))
                .isEqualTo(403);
        assertThat(crossSitePost(staff, "/console/sign-out", Map.of())).as("no forced sign-out either").isEqualTo(403);
        assertThat(crossSitePost(staff, "/console/admin/accounts", Map.of("username", "k-66666", "role", "ADMIN")))
                .isEqualTo(403);
        assertThat(app.storedEvents()).isEqualTo(events);
        // the staff member's session is intact and their own form still works
        staff.get("/console/proposals/" + id).status(200);
        staff.post(path, Map.of("department", "幸区役所 地域振興課", "version", "0"))
                .redirectsTo("/console/proposals/" + id + "?done=acknowledge&minVersion=1");
    }

    @Test
    void anAnalystSeesNoConsoleActions() {
        String id = submitted("saiwai");
        ConsoleSession analyst = signedIn("ANALYST", null);
        assertThat(analyst.get("/console").status(403).html()).doesNotContain("<form", "form-");
        assertThat(analyst.get("/console/proposals/" + id).status(403).html()).doesNotContain("form-acknowledge",
                Requests.PROPOSER_NAME);
        long events = app.storedEvents();
        analyst.postWithout("/console/proposals/" + id + "/acknowledge", Map.of("department", "分析課",
                "version", "0")).status(403);
        assertThat(app.storedEvents()).isEqualTo(events);
    }
}
