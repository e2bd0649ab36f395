package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.query.audit.AuditReport;
import kyodo.query.audit.AuditVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Residents' own accounts over HTTP, as a browser without JavaScript uses them (issue 17): sign up,
 * confirm with the code mailed to the outbox, sign in with a session of their own, become a verified
 * resident with a code staff issue at the counter, submit a proposal as themselves, follow and answer
 * it, export their data and delete the account. A resident's session never reaches the API or the
 * console; their name and address never reach a public answer or a log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResidentIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client saiwaiStaff = app.as("STAFF", "saiwai");
    private static final Pattern ISSUED = Pattern.compile("id=\"issued-code\">([A-Z0-9]+)<");
    private static final Pattern PROPOSAL = Pattern.compile("^/resident/proposals/([^/?]+)\\?minVersion=0$");
    private static final String PASSWORD = "a-resident-password-1";

    private static ConsoleSession browser() {
        return new ConsoleSession(() -> app.app().anonymousHttp(), null);
    }

    /** A resident signed up, confirmed and signed in. */
    private static ConsoleSession signedUp(String email, String name) {
        ConsoleSession resident = browser();
        resident.get("/resident/sign-up").status(200);
        resident.post("/resident/sign-up", Map.of("email", email, "name", name, "password", PASSWORD))
                .redirectsTo("/resident/confirm?sent=1");
        resident.get("/resident/confirm").status(200);
        resident.post("/resident/confirm", Map.of("email", email, "code", ResidentMailbox.codeFor(app.dataDir(), email)))
                .redirectsTo("/resident/sign-in?notice=confirmed");
        signIn(resident, email).redirectsTo("/resident");
        return resident;
    }

    private static ConsoleSession.Page signIn(ConsoleSession resident, String email) {
        resident.get("/resident/sign-in").status(200);
        return resident.post("/resident/sign-in", Map.of("email", email, "password", PASSWORD));
    }

    /** Staff of the ward issue a counter code for the document; the page shows it once. */
    private static String counterCode(String ward, String documentId) {
        ConsoleSession staff = browser();
        staff.signIn(KyodoTestApp.username("STAFF", ward), KyodoTestApp.PASSWORD).redirectsTo("/console");
        staff.get("/console/resident-codes").status(200);
        ConsoleSession.Page issued = staff.post("/console/resident-codes", Map.of("documentId", documentId)).status(200);
        assertThat(issued.html()).doesNotContain(documentId);
        Matcher code = ISSUED.matcher(issued.html());
        assertThat(code.find()).as("the issued code on the page").isTrue();
        return code.group(1);
    }

    @Test
    void aResidentSignsUpGetsVerifiedSubmitsFollowsAndDeletesTheirAccount(CapturedOutput output) throws Exception {
        String email = "hanako.planted-17@example.jp";
        String name = "幸区プランテッド花子";
        ConsoleSession resident = browser();
        resident.get("/resident").redirectsTo("/resident/sign-in");
        resident.get("/resident/sign-up").status(200);
        resident.post("/resident/sign-up", Map.of("email", email, "name", name, "password", PASSWORD))
                .redirectsTo("/resident/confirm?sent=1");
        // not confirmed yet: sign-in says so
        signIn(resident, email).redirectsTo("/resident/sign-in?error=unconfirmed");
        String code = ResidentMailbox.codeFor(app.dataDir(), email);
        resident.get("/resident/confirm").status(200);
        resident.post("/resident/confirm", Map.of("email", email, "code", "WRONG234")).status(400);
        resident.post("/resident/confirm", Map.of("email", email, "code", code.toLowerCase()))
                .redirectsTo("/resident/sign-in?notice=confirmed");
        resident.post("/resident/confirm", Map.of("email", email, "code", code)).status(400);
        signIn(resident, email).redirectsTo("/resident");
        assertThat(resident.get("/resident").status(200).html()).contains(name, email, "id=\"verification-state\"");

        // the resident's session is nobody to the API and to the console
        resident.get("/api/proposals").status(401);
        resident.postWithout("/api/proposals/any/withdrawal", Map.of("reason", "x")).status(401);
        resident.get("/console").redirectsTo("/console/sign-in");
        // nor are a resident's address and password a staff account
        browser().signIn(email, PASSWORD).redirectsTo("/console/sign-in?error=refused");
        app.app().anonymousHttp().get().uri("/api/proposals").headers(h -> h.setBasicAuth(email, PASSWORD))
                .exchange().expectStatus().isUnauthorized();
        // not verified: no online proposal
        assertThat(resident.get("/resident/proposals/new").status(200).html()).contains("id=\"not-verified\"");
        resident.post("/resident/proposals", Map.of("ward", "saiwai", "programme", "SUGGESTION_BOX", "title", "t",
                "body", "b", "themes", "交通", "key", "k1")).status(403);

        String counter = counterCode("saiwai", "ＡＢ-1234 5678");
        resident.get("/resident/verification").status(200);
        resident.post("/resident/verification", Map.of("code", "NOTACODE99")).status(400);
        resident.post("/resident/verification", Map.of("code", counter)).redirectsTo("/resident?verified=1");
        assertThat(resident.get("/resident?verified=1").status(200).html()).contains("幸区", "id=\"verified-now\"");
        // the code is spent, and the same person (the same document typed otherwise) gets no second account
        ConsoleSession second = signedUp("second.planted-17@example.jp", "二重登録プランテッド");
        second.get("/resident/verification").status(200);
        second.post("/resident/verification", Map.of("code", counter)).status(400);
        ConsoleSession staff = browser();
        staff.signIn(KyodoTestApp.username("STAFF", "saiwai"), KyodoTestApp.PASSWORD).redirectsTo("/console");
        staff.get("/console/resident-codes").status(200);
        assertThat(staff.post("/console/resident-codes", Map.of("documentId", "AB12345678")).status(409).html())
                .contains("1人1アカウント");

        // a proposal online, as themselves
        String form = resident.get("/resident/proposals/new").status(200).html();
        Matcher key = Pattern.compile("name=\"key\" value=\"([^\"]+)\"").matcher(form);
        assertThat(key.find()).isTrue();
        Map<String, String> proposal = Map.of("ward", "saiwai", "programme", "SUGGESTION_BOX",
                "title", "住民17の駐輪場の提案", "body", "駅前に駐輪場を増やしてほしい。", "themes", "交通、まちづくり",
                "key", key.group(1));
        resident.post("/resident/proposals", Map.of("ward", "saiwai", "programme", "SUGGESTION_BOX", "title", "",
                "body", "b", "themes", "交通", "key", key.group(1))).status(400);
        ConsoleSession.Page submitted = resident.post("/resident/proposals", proposal).status(303);
        Matcher id = PROPOSAL.matcher(submitted.location());
        assertThat(id.find()).as("redirect to the new proposal: %s", submitted.location()).isTrue();
        String proposalId = id.group(1);
        // a double click submits nothing more
        assertThat(resident.post("/resident/proposals", proposal).location()).isEqualTo(submitted.location());
        assertThat(resident.get(submitted.location()).status(200).html()).contains("住民17の駐輪場の提案");
        assertThat(resident.get("/resident/proposals").status(200).html()).containsOnlyOnce("住民17の駐輪場の提案");

        // staff see the proposer as for a counter proposal; the public sees nobody
        JsonNode staffView = saiwaiStaff.get("/api/proposals/{id}", proposalId).ok().tree();
        assertThat(staffView.at("/proposer/name").asText()).isEqualTo(name);
        assertThat(staffView.at("/proposer/contact").asText()).isEqualTo(email);
        assertThat(staffView.at("/channel").asText()).isEqualTo("WEB");
        String publicView = app.anonymous().get("/public/proposals/{id}", proposalId).ok().text();
        assertThat(publicView).doesNotContain(name, email);
        assertThat(app.anonymous().get("/proposals/{id}", proposalId).ok().text()).doesNotContain(name, email);
        for (String path : List.of("/public/proposals", "/public/decisions", "/proposals", "/decisions")) {
            assertThat(app.anonymous().get(path).ok().text()).as(path).doesNotContain(name, email);
        }
        assertThat(app.as("ANALYST", null).get("/analytics/proposals/summary?groupBy=channel").ok().text())
                .contains("WEB").doesNotContain(name, email);

        // staff acknowledge it and ask for details; the resident revises (not from a stale page), then withdraws
        long version = staffView.at("/version").asLong();
        saiwaiStaff.post("/api/proposals/{id}/acknowledgement", proposalId).ifMatch(version)
                .body(Map.of("department", "幸区役所 地域振興課", "responseDueDays", 30)).ok();
        saiwaiStaff.post("/api/proposals/{id}/revision-requests", proposalId).ifMatch(version + 1)
                .body(Map.of("reason", "場所を具体的に書いてください")).ok();
        ConsoleSession.Page asked = resident.get("/resident/proposals/" + proposalId + "?minVersion=" + (version + 2))
                .status(200);
        assertThat(asked.html()).contains("id=\"form-revision\"", "場所を具体的に書いてください", "幸区役所 地域振興課");
        assertThat(resident.get("/resident/proposals").status(200).html()).contains("回答期限");
        resident.post("/resident/proposals/" + proposalId + "/revision", Map.of("version", String.valueOf(version + 1),
                "title", "住民17の駐輪場の提案（改）", "body", "駅の北口に。")).status(412);
        resident.post("/resident/proposals/" + proposalId + "/revision", Map.of("version", String.valueOf(version + 2),
                "title", "住民17の駐輪場の提案（改）", "body", "駅の北口に。"))
                .redirectsTo("/resident/proposals/" + proposalId + "?done=revision&minVersion=" + (version + 3));
        ConsoleSession.Page withdrawn = resident.post("/resident/proposals/" + proposalId + "/withdrawal",
                Map.of("version", String.valueOf(version + 3), "reason", "自分たちで解決できました")).status(303);
        // read your own writes: the page at the new version shows the withdrawal and offers no more forms
        assertThat(resident.get(withdrawn.location()).status(200).html()).contains("id=\"done\"")
                .doesNotContain("id=\"form-withdrawal\"", "id=\"form-revision\"");
        // another resident's proposal is not theirs to see or touch
        second.get("/resident/proposals/" + proposalId).status(404);
        second.post("/resident/proposals/" + proposalId + "/withdrawal", Map.of("version", "0", "reason", "x"))
                .status(404);

        // export: what kyodo holds about them
        ConsoleSession.Page export = resident.get("/resident/account/export").status(200);
        JsonNode exported = new ObjectMapper().readTree(export.html());
        assertThat(exported.at("/email").asText()).isEqualTo(email);
        assertThat(exported.at("/name").asText()).isEqualTo(name);
        assertThat(exported.at("/verifiedWard").asText()).isEqualTo("saiwai");
        assertThat(exported.at("/proposals/0/id").asText()).isEqualTo(proposalId);
        assertThat(exported.at("/proposals/0/status").asText()).isEqualTo("WITHDRAWN");

        // delete: the key is erased, the proposal keeps its public history with the placeholder
        resident.get("/resident").status(200);
        resident.post("/resident/account/deletion", Map.of()).status(400);
        resident.post("/resident/account/deletion", Map.of("confirm", "yes")).redirectsTo("/resident/sign-in?notice=deleted");
        resident.get("/resident").redirectsTo("/resident/sign-in");
        signIn(resident, email).redirectsTo("/resident/sign-in?error=refused");
        KyodoTestApp.eventually(() -> assertThat(saiwaiStaff.get("/api/proposals/{id}", proposalId).ok().tree()
                .at("/proposer/name").asText()).isEqualTo("削除済み / erased"));
        assertThat(app.anonymous().get("/public/proposals/{id}", proposalId).ok().tree().at("/status").asText())
                .isEqualTo("WITHDRAWN");
        KyodoTestApp.eventually(() -> {
            AuditReport report = app.context().getBean(AuditVerifier.class).verify();
            assertThat(report.ok()).as(report.render()).isTrue();
        });

        assertThat(output.getAll()).doesNotContain(name, email, "二重登録プランテッド", "second.planted-17",
                "AB-1234", "AB12345678");
    }

    @Test
    void formsWithoutTheTokenAndBadInputStoreNothing() {
        ConsoleSession resident = browser();
        resident.get("/resident/sign-up").status(200);
        resident.postWithout("/resident/sign-up", Map.of("email", "csrf.planted-17@example.jp", "name", "n",
                "password", PASSWORD)).status(403);
        ConsoleSession.Page invalid = resident.post("/resident/sign-up", Map.of("email", "not-an-address",
                "name", "", "password", "short")).status(400);
        assertThat(invalid.html()).contains("f-email-error", "f-name-error", "f-password-error")
                .doesNotContain("value=\"short\"");
        assertThat(ResidentMailbox.outbox(app.dataDir(), "csrf.planted-17@example.jp")).isEmpty();
        // nothing stored: confirming that address finds no account
        resident.post("/resident/confirm", Map.of("email", "csrf.planted-17@example.jp", "code", "ABCDEFGH")).status(400);
    }

    @Test
    void guessingAMailedCodeStopsWorkingAfterTheAllowedGuesses() {
        String email = "guess.planted-17@example.jp";
        ConsoleSession resident = browser();
        resident.get("/resident/sign-up").status(200);
        resident.post("/resident/sign-up", Map.of("email", email, "name", "推測プランテッド", "password", PASSWORD))
                .redirectsTo("/resident/confirm?sent=1");
        String code = ResidentMailbox.codeFor(app.dataDir(), email);
        resident.get("/resident/confirm").status(200);
        for (int i = 0; i < 5; i++) {
            resident.post("/resident/confirm", Map.of("email", email, "code", "WRONG23" + i)).status(400);
        }
        // the right code no longer works: the guesses are spent
        resident.post("/resident/confirm", Map.of("email", email, "code", code)).status(400);
        // and the address's attempts per hour run out: 429 with Retry-After
        for (int i = 0; i < 4; i++) {
            resident.post("/resident/confirm", Map.of("email", email, "code", code));
        }
        ConsoleSession.Page limited = resident.post("/resident/confirm", Map.of("email", email, "code", code)).status(429);
        assertThat(limited.headers().getFirst("Retry-After")).isNotBlank();
    }
}
