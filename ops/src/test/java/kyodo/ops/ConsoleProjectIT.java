package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projects and ward budgets in the staff console, as a browser without JavaScript uses it: a project launched
 * from an accepted proposal (once, however often the form is sent), approved and funded by the ward head with
 * the envelope still available shown before the allocation is sent; an allocation beyond it refused with the
 * budget's reason; a STAFF member offered no approval or allocation form and refused by the command side when
 * posting one anyway; another ward refused; a form without its CSRF token refused; an ADMIN setting envelopes.
 */
class ConsoleProjectIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client cityStaff = app.staff();
    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");

    private static ConsoleSession signedIn(String role, String ward) {
        ConsoleSession browser = new ConsoleSession(() -> app.app().anonymousHttp(), null);
        browser.signIn(KyodoTestApp.username(role, ward), KyodoTestApp.PASSWORD).redirectsTo("/console");
        return browser;
    }

    /** Given: the ward's envelope for the year, set by an ADMIN through the console. */
    private static void envelope(String ward, int year, long yen) {
        ConsoleSession admin = signedIn("ADMIN", null);
        String page = admin.get("/console/budgets/" + ward + "/" + year).status(200).part("form-envelope", "form");
        Matcher version = Pattern.compile("name=\"version\" value=\"([0-9]*)\"").matcher(page);
        assertThat(version.find()).isTrue();
        String location = admin.post("/console/budgets/" + ward + "/" + year, Map.of("envelopeYen", Long.toString(yen),
                "reason", "当初予算", "version", version.group(1))).status(303).location();
        assertThat(location).startsWith("/console/budgets/" + ward + "/" + year + "?done=envelope&minVersion=");
        assertThat(admin.get(location).status(200).part("amounts", "table")).contains(String.format("¥%,d", yen));
    }

    /** Given: an accepted proposal of the ward; its id. */
    private static String acceptedProposal(String ward, String title) {
        Map<String, Object> body = Requests.proposal();
        body.put("ward", ward);
        body.put("title", title);
        String id = cityStaff.created("/api/proposals", body);
        cityStaff.post("/api/proposals/{id}/acknowledgement", id).body(Map.of("department", "区役所 地域振興課")).ok();
        cityStaff.post("/api/proposals/{id}/decision", id).body(Map.of("outcome", "ACCEPTED", "reason", "事業にします"))
                .succeeds();
        return id;
    }

    /** Launches through the console's form as the page rendered it; answers the project page it redirects to. */
    private static String launch(ConsoleSession staff, String origin, String title) {
        Map<String, String> form = launchForm(staff, origin, title);
        String location = staff.post("/console/projects", form).status(303).location();
        assertThat(location).matches("/console/projects/[A-Za-z0-9-]+\\?done=launch&minVersion=0");
        return location.substring("/console/projects/".length(), location.indexOf('?'));
    }

    private static Map<String, String> launchForm(ConsoleSession staff, String origin, String title) {
        String page = staff.get("/console/projects").status(200).part("form-launch", "form");
        if (!origin.isEmpty()) {
            assertThat(page).as("the launch form offers the origin").contains("value=\"" + origin + "\"");
        }
        Matcher key = KEY.matcher(page);
        assertThat(key.find()).isTrue();
        Map<String, String> form = new LinkedHashMap<>(Map.of("origin", origin, "title", title, "theme", "交通",
                "programme", "WARD_LOCAL_ISSUE", "fiscalYear", "2025", "leadDepartment", "区役所 地域振興課"));
        form.put("idempotencyKey", key.group(1));
        return form;
    }

    private static String approved(String ward, String title) {
        String project = launch(signedIn("STAFF", ward), "", title);
        ConsoleSession head = signedIn("WARD_HEAD", ward);
        head.get("/console/projects/" + project + "?minVersion=0").status(200);
        head.post("/console/projects/" + project + "/approval", Map.of("reason", "地域課題として優先", "version", "0"))
                .redirectsTo("/console/projects/" + project + "?done=approval&minVersion=1");
        return project;
    }

    @Test
    void aWardHeadAllocatesSeeingTheRemainingEnvelopeAndAnAllocationBeyondItIsRefusedWithTheReason() {
        envelope("saiwai", 2025, 10_000_000);
        String proposal = acceptedProposal("saiwai", "コンソール事業 駐輪場");
        app.awaitReadModels();
        ConsoleSession staff = signedIn("STAFF", "saiwai");
        String project = launch(staff, "proposal:" + proposal, "駅前駐輪場の拡張");
        assertThat(staff.get("/console/projects/" + project + "?done=launch&minVersion=0").status(200).html())
                .contains("事業を始めました", "駅前駐輪場の拡張", "/console/proposals/" + proposal)
                .doesNotContain("form-approval", "form-allocation");

        ConsoleSession head = signedIn("WARD_HEAD", "saiwai");
        assertThat(head.get("/console/projects/" + project).status(200).html()).contains("form-approval")
                .doesNotContain("form-allocation");
        head.post("/console/projects/" + project + "/approval", Map.of("reason", "地域課題として優先", "version", "0"))
                .redirectsTo("/console/projects/" + project + "?done=approval&minVersion=1");

        // the remaining envelope is shown before the allocation is sent
        ConsoleSession.Page page = head.get("/console/projects/" + project + "?done=approval&minVersion=1").status(200);
        assertThat(page.part("envelope-available", "p")).contains("¥10,000,000");
        head.post("/console/projects/" + project + "/allocation", Map.of("amountYen", "4,000,000",
                "reason", "整備費", "version", "1"))
                .redirectsTo("/console/projects/" + project + "?done=allocation&minVersion=2");
        app.awaitReadModels();
        page = head.get("/console/projects/" + project + "?done=allocation&minVersion=2").status(200);
        assertThat(page.part("done", "div")).contains("区の予算を割り当てました");
        assertThat(page.part("envelope-available", "p")).contains("¥6,000,000");

        // beyond it: refused by the budget, its reason shown, nothing recorded
        long events = app.storedEvents();
        ConsoleSession.Page refused = head.post("/console/projects/" + project + "/allocation",
                Map.of("amountYen", "7000000", "reason", "追加の整備費", "version", "2")).status(409);
        assertThat(refused.part("refusal", "div")).contains("予算枠を超えるため配分できません", "¥6,000,000 available");
        assertThat(refused.part("envelope-available", "p")).contains("¥6,000,000");
        assertThat(app.storedEvents()).isEqualTo(events);
        cityStaff.get("/api/projects/{id}?minVersion=2", project).ok().json().jsonPath("$.allocatedYen")
                .isEqualTo(4_000_000);
    }

    @Test
    void theSameLaunchFormSentTwiceLaunchesOneProject() {
        ConsoleSession staff = signedIn("STAFF", "takatsu");
        Map<String, String> form = launchForm(staff, "", "二度押しの事業");
        String first = staff.post("/console/projects", form).status(303).location();
        long events = app.storedEvents();
        assertThat(staff.post("/console/projects", form).status(303).location()).isEqualTo(first);
        assertThat(app.storedEvents()).isEqualTo(events);

        // a fresh form is a new project; an unknown origin is refused by the command side with the page again
        String other = launch(staff, "", "別の事業");
        assertThat(other).isNotEqualTo(first.substring("/console/projects/".length(), first.indexOf('?')));
        Map<String, String> notAccepted = launchForm(staff, "", "採用されていない提案から");
        notAccepted.put("origin", "proposal:" + cityStaff.submitProposal());
        events = app.storedEvents();
        assertThat(staff.post("/console/projects", notAccepted).status(409).part("refusal", "div"))
                .contains("has not been accepted");
        assertThat(app.storedEvents()).isEqualTo(events);
    }

    @Test
    void aStaffMemberIsOfferedNoApprovalOrAllocationAndAForgedPostIsRefusedByTheCommandSide() {
        envelope("miyamae", 2025, 5_000_000);
        ConsoleSession staff = signedIn("STAFF", "miyamae");
        String project = launch(staff, "", "宮前区の事業");
        assertThat(staff.get("/console/projects/" + project + "?minVersion=0").status(200).html())
                .contains("form-partner", "form-progress").doesNotContain("form-approval", "form-allocation");
        long events = app.storedEvents();
        assertThat(staff.post("/console/projects/" + project + "/approval", Map.of("reason", "自分で承認", "version", "0"))
                .status(403).part("refusal", "div")).contains("この役割または担当区では、この操作はできません");
        assertThat(app.storedEvents()).isEqualTo(events);

        String running = approved("miyamae", "宮前区の承認済み事業");
        staff.get("/console/projects/" + running + "?minVersion=1").status(200);
        events = app.storedEvents();
        assertThat(staff.post("/console/projects/" + running + "/allocation", Map.of("amountYen", "1000",
                "reason", "自分で配分", "version", "1")).status(403).html()).contains("id=\"refusal\"");
        assertThat(app.storedEvents()).isEqualTo(events);
    }

    @Test
    void anotherWardsProjectIsShownWithoutFormsAndRefusedAndAFormWithoutItsTokenChangesNothing() {
        String project = launch(signedIn("STAFF", "kawasaki"), "", "川崎区の事業");
        ConsoleSession nakahara = signedIn("STAFF", "nakahara");
        ConsoleSession.Page page = nakahara.get("/console/projects/" + project + "?minVersion=0").status(200);
        assertThat(page.html()).contains("担当区の事業ではないため").doesNotContain("form-partner");
        long events = app.storedEvents();
        assertThat(nakahara.post("/console/projects/" + project + "/partner", Map.of("name", "中原の会",
                "type", "NPO", "role", "調査", "version", "0")).status(403).html()).contains("id=\"refusal\"");

        ConsoleSession kawasaki = signedIn("STAFF", "kawasaki");
        kawasaki.get("/console/projects/" + project).status(200);
        kawasaki.postWithout("/console/projects/" + project + "/partner", Map.of("name", "川崎の会", "type", "NPO",
                "role", "調査", "version", "0")).status(403);
        assertThat(app.storedEvents()).isEqualTo(events);

        // fields checked as the API checks them, each error beside its field; a stale form shows the current state
        ConsoleSession.Page invalid = kawasaki.post("/console/projects/" + project + "/partner",
                Map.of("name", "", "type", "SECRET_SOCIETY", "role", "調査", "version", "0")).status(400);
        assertThat(invalid.part("partner-name-error", "p")).contains("入力してください");
        assertThat(invalid.part("partner-type-error", "p")).contains("選べる値ではありません");
        assertThat(app.storedEvents()).isEqualTo(events);
        kawasaki.post("/console/projects/" + project + "/partner", Map.of("name", "川崎の会", "type", "NPO",
                "role", "調査", "version", "0")).redirectsTo("/console/projects/" + project + "?done=partner&minVersion=1");
        ConsoleSession.Page stale = kawasaki.post("/console/projects/" + project + "/progress",
                Map.of("text", "古いページから", "version", "0")).status(412);
        assertThat(stale.part("refusal", "div")).contains("ほかの人がこの事業をすでに変更しました");
        assertThat(stale.html()).contains("川崎の会");
        nakahara.get("/console/projects/no-such-project").status(404);
        kawasaki.post("/console/projects/" + project + "/launch-rocket", Map.of("version", "1")).status(404);
    }

    @Test
    void theBudgetsPageShowsEachWardAndOnlyAnAdminSetsAnEnvelope() {
        envelope("asao", 2026, 55_000_000);
        ConsoleSession staff = signedIn("STAFF", "asao");
        ConsoleSession.Page year = staff.get("/console/budgets?fiscalYear=2026").status(200);
        assertThat(year.part("budget-asao", "tr")).contains("¥55,000,000");
        assertThat(year.part("budget-tama", "tr")).contains("予算枠はまだ設定されていません");
        staff.get("/console/budgets?fiscalYear=1900").status(400);
        staff.get("/console/budgets/atlantis/2026").status(400);

        ConsoleSession.Page budget = staff.get("/console/budgets/asao/2026").status(200);
        assertThat(budget.html()).doesNotContain("form-envelope");
        long events = app.storedEvents();
        assertThat(staff.post("/console/budgets/asao/2026", Map.of("envelopeYen", "1", "reason", "減額",
                "version", "0")).status(403).html()).contains("id=\"refusal\"");
        assertThat(app.storedEvents()).isEqualTo(events);

        ConsoleSession admin = signedIn("ADMIN", null);
        admin.get("/console/budgets/asao/2026").status(200);
        assertThat(admin.post("/console/budgets/asao/2026", Map.of("envelopeYen", "many", "reason", "",
                "version", "0")).status(400).part("envelope-envelopeYen-error", "p")).contains("数字で入れてください");
        admin.post("/console/budgets/asao/2026", Map.of("envelopeYen", "60000000", "reason", "補正予算",
                "version", "0")).redirectsTo("/console/budgets/asao/2026?done=envelope&minVersion=1");
        assertThat(admin.get("/console/budgets/asao/2026?done=envelope&minVersion=1").status(200)
                .part("amounts", "table")).contains("¥60,000,000");
    }

    @Test
    void aProposalIsReferredOnlyToAMeetingThatCanDecideItAndTheReferralIsWithdrawn() {
        Map<String, Object> here = Requests.meeting();
        here.put("title", "付託テスト 幸区の会議");
        String meeting = cityStaff.scheduleMeeting(here);
        Map<String, Object> elsewhere = Requests.meeting();
        elsewhere.put("ward", "tama");
        elsewhere.put("title", "付託テスト 多摩区の会議");
        cityStaff.scheduleMeeting(elsewhere);
        String proposal = cityStaff.acknowledgedProposal("幸区役所 地域振興課");
        app.awaitReadModels();

        ConsoleSession staff = signedIn("STAFF", "saiwai");
        ConsoleSession.Page page = staff.get("/console/proposals/" + proposal + "?minVersion=1").status(200);
        assertThat(page.part("form-referral", "form")).contains("付託テスト 幸区の会議", "value=\"" + meeting + "\"")
                .doesNotContain("付託テスト 多摩区の会議");
        staff.post("/console/proposals/" + proposal + "/referral", Map.of("meetingId", "", "reason", "", "version", "1"))
                .status(400);
        staff.post("/console/proposals/" + proposal + "/referral", Map.of("meetingId", meeting,
                "reason", "区民会議で議論します", "version", "1"))
                .redirectsTo("/console/proposals/" + proposal + "?done=referral&minVersion=2");
        page = staff.get("/console/proposals/" + proposal + "?done=referral&minVersion=2").status(200);
        assertThat(page.html()).contains("会議に付託しました", "form-referral-withdrawal").doesNotContain("form-answer");
        staff.post("/console/proposals/" + proposal + "/referral-withdrawal", Map.of("reason", "直接回答します",
                "version", "2")).redirectsTo("/console/proposals/" + proposal + "?done=referral-withdrawal&minVersion=3");
        cityStaff.get("/api/proposals/{id}?minVersion=3", proposal).ok().json().jsonPath("$.status")
                .isEqualTo("ACKNOWLEDGED");
    }
}
