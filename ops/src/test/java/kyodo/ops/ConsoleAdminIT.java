package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's ADMIN pages over HTTP: only an ADMIN sees or uses them (the server decides, for a GET
 * and a form post alike); accounts are created, given a new password shown once, and disabled; a
 * sign-in throttle is cleared; a person is found by contact and erased after a confirmation, the
 * contact never in a URL or a log line. Without an OIDC provider the sign-in page offers no city account.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleAdminIT {

    private static final Pattern PASSWORD = Pattern.compile("id=\"issued-password\">([^<]+)</code>");

    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.security.trust-forwarded-for=true",
            "--kyodo.security.rate-limit.sign-in-failures=2", "--kyodo.security.rate-limit.sign-in-delay=10m",
            "--kyodo.security.rate-limit.sign-in-max-delay=1h");

    private static ConsoleSession from(String address) {
        return new ConsoleSession(() -> app.app().anonymousHttp(), address);
    }

    private static ConsoleSession signedIn(String role, String ward) {
        ConsoleSession browser = from("192.0.2.1");
        browser.signIn(KyodoTestApp.username(role, ward), KyodoTestApp.PASSWORD).redirectsTo("/console");
        return browser;
    }

    private static String password(ConsoleSession.Page page) {
        Matcher shown = PASSWORD.matcher(page.html());
        assertThat(shown.find()).as("a password shown on the page").isTrue();
        return shown.group(1);
    }

    @Test
    void onlyAnAdminSeesOrUsesTheAdminPages() {
        ConsoleSession admin = signedIn("ADMIN", null);
        assertThat(admin.get("/console").status(200).html()).contains("href=\"/console/admin\"");
        for (String page : new String[]{"/console/admin", "/console/admin/accounts", "/console/admin/sign-in-throttles",
                "/console/admin/persons"}) {
            admin.get(page).status(200);
        }
        for (String[] member : new String[][]{{"STAFF", "saiwai"}, {"WARD_HEAD", "saiwai"}, {"STAFF", null}}) {
            ConsoleSession other = signedIn(member[0], member[1]);
            assertThat(other.get("/console").status(200).html()).doesNotContain("/console/admin");
            other.get("/console/admin").status(403);
            other.get("/console/admin/accounts").status(403);
            long events = app.storedEvents();
            other.post("/console/admin/accounts", Map.of("username", "k-99999", "role", "ADMIN", "ward", ""))
                    .status(403);
            other.post("/console/admin/persons/erasure", Map.of("contact", Requests.PROPOSER_CONTACT,
                    "confirm", "yes")).status(403);
            other.post("/console/admin/sign-in-throttles/unlock", Map.of("address", "192.0.2.1")).status(403);
            assertThat(app.storedEvents()).isEqualTo(events);
        }
        app.as("ADMIN", null).get("/api/admin/accounts").ok().json().jsonPath("$[?(@.username == 'k-99999')]")
                .isEmpty();
        // no provider configured: no city account offered
        assertThat(from(null).get("/console/sign-in").status(200).html()).doesNotContain("city-sign-in");
    }

    @Test
    void anAdminCreatesAnAccountResetsItsPasswordAndDisablesIt() {
        ConsoleSession admin = signedIn("ADMIN", null);
        admin.get("/console/admin/accounts").status(200);

        // refused fields: the page again, the field marked, nothing created
        ConsoleSession.Page refused = admin.post("/console/admin/accounts", Map.of("username", "山田 太郎",
                "role", "WARD_HEAD", "ward", "")).status(400);
        assertThat(refused.part("create-username-error", "p")).contains("氏名は使えません");
        assertThat(refused.html()).contains("aria-invalid=\"true\"").doesNotContain("issued-password");

        ConsoleSession.Page created = admin.post("/console/admin/accounts?lang=en", Map.of("username", "k-20001",
                "role", "STAFF", "ward", "takatsu")).status(201);
        assertThat(created.part("issued", "div")).contains("Account k-20001 was created.");
        String first = password(created);
        assertThat(created.part("account-k-20001", "tr")).contains("Takatsu Ward", "in use");
        assertThat(admin.get("/console/admin/accounts").status(200).html()).as("shown once")
                .doesNotContain(first).contains("k-20001");
        from("198.51.100.20").signIn("k-20001", first).redirectsTo("/console");
        admin.post("/console/admin/accounts", Map.of("username", "k-20001", "role", "STAFF", "ward", "takatsu"))
                .status(409);

        String second = password(admin.post("/console/admin/accounts/k-20001/password-reset", Map.of()).status(200));
        assertThat(second).isNotEqualTo(first);
        from("198.51.100.21").signIn("k-20001", first).redirectsTo("/console/sign-in?error=refused");
        from("198.51.100.21").signIn("k-20001", second).redirectsTo("/console");

        admin.post("/console/admin/accounts/k-20001/disable", Map.of())
                .redirectsTo("/console/admin/accounts?done=disabled&account=k-20001");
        assertThat(admin.get("/console/admin/accounts?done=disabled&account=k-20001&lang=ja").status(200)
                .part("account-k-20001", "tr")).contains("停止中");
        from("198.51.100.22").signIn("k-20001", second).redirectsTo("/console/sign-in?error=disabled");

        // an account fixed in configuration is changed there, not here; an unknown one is 404
        assertThat(admin.post("/console/admin/accounts/" + KyodoTestApp.username("STAFF", "saiwai")
                + "/password-reset", Map.of()).status(409).part("refusal", "div")).contains("409");
        admin.post("/console/admin/accounts/no-such-account/disable", Map.of()).status(404);
    }

    @Test
    void theUnlockPageClearsALockOfOneAddressWhileTheOwnerSignsInElsewhere() {
        String account = KyodoTestApp.username("STAFF", "kawasaki");
        String attacker = "203.0.113.77";
        for (int i = 0; i < 2; i++) {
            from(attacker).signIn(account, "guess-" + i).redirectsTo("/console/sign-in?error=refused");
        }
        assertThat(from(attacker).signIn(account, KyodoTestApp.PASSWORD).location())
                .startsWith("/console/sign-in?error=slowed");
        // the owner, elsewhere, is not slowed down
        from("198.51.100.30").signIn(account, KyodoTestApp.PASSWORD).redirectsTo("/console");

        ConsoleSession admin = signedIn("ADMIN", null);
        ConsoleSession.Page page = admin.get("/console/admin/sign-in-throttles").status(200);
        assertThat(page.part("throttles", "table")).contains(account, attacker);
        ConsoleSession.Page invalid = admin.post("/console/admin/sign-in-throttles/unlock",
                Map.of("account", account, "address", "not-an-address")).status(400);
        assertThat(invalid.part("unlock-address-error", "p")).contains("IPv4");
        admin.post("/console/admin/sign-in-throttles/unlock", Map.of("account", account, "address", attacker))
                .redirectsTo("/console/admin/sign-in-throttles?cleared=1");
        assertThat(admin.get("/console/admin/sign-in-throttles?cleared=1").status(200).part("done", "div"))
                .contains("1件の制限を解除しました");
        from(attacker).signIn(account, KyodoTestApp.PASSWORD).redirectsTo("/console");
    }

    @Test
    void anAdminFindsAPersonByContactConfirmsAndErasesThemNeverNamingTheContactInAUrlOrALog(CapturedOutput log) {
        String contact = "console-erasure@example.jp";
        Map<String, Object> body = Requests.proposal();
        body.put("proposer", Map.of("name", "消去 試験子", "contact", contact));
        String id = app.staff().created("/api/proposals", body);
        app.awaitReadModels();

        ConsoleSession admin = signedIn("ADMIN", null);
        admin.get("/console/admin/persons").status(200);
        ConsoleSession.Page invalid = admin.post("/console/admin/persons/lookup", Map.of("contact", " ")).status(400);
        assertThat(invalid.part("lookup-contact-error", "p")).contains("連絡先を入れてください");

        ConsoleSession.Page found = admin.post("/console/admin/persons/lookup", Map.of("contact", contact.toUpperCase()))
                .status(200);
        assertThat(found.part("found", "section")).contains("この人の記録：1件", id, "form-erasure");

        // not confirmed: nothing erased, the records shown again with the box marked
        long events = app.storedEvents();
        ConsoleSession.Page unconfirmed = admin.post("/console/admin/persons/erasure", Map.of("contact", contact))
                .status(400);
        assertThat(unconfirmed.part("erasure-confirm-error", "p")).contains("確認してから");
        assertThat(unconfirmed.html()).contains(id);
        assertThat(app.storedEvents()).isEqualTo(events);

        ConsoleSession.Page erased = admin.post("/console/admin/persons/erasure", Map.of("contact", contact,
                "confirm", "yes")).status(200);
        assertThat(erased.part("erased", "div")).contains("1件の記録から個人情報を消去しました", id);
        assertThat(app.storedEvents()).isGreaterThan(events);
        app.staff().get("/api/proposals/{id}", id).ok().json().jsonPath("$.proposer.name").isEqualTo("削除済み / erased");

        // afterwards the person is not found; erasing again is 404 and records nothing
        assertThat(admin.post("/console/admin/persons/lookup", Map.of("contact", contact)).status(200)
                .part("found", "section")).contains("記録はありません");
        events = app.storedEvents();
        admin.post("/console/admin/persons/erasure", Map.of("contact", contact, "confirm", "yes")).status(404);
        assertThat(app.storedEvents()).isEqualTo(events);
        assertThat(log.getAll()).doesNotContainIgnoringCase(contact);
    }
}
