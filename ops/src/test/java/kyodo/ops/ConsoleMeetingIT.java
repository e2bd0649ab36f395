package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meetings in the staff console over HTTP, as a browser without JavaScript uses them: a meeting is
 * scheduled once however often its form is posted, each of its forms changes it through the command
 * side (which still decides: a vote below the quorum, a stale form, another ward), registrants' names
 * are shown only to the meeting's ward, and a form without its CSRF token changes nothing.
 */
class ConsoleMeetingIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client cityStaff = app.staff();
    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");
    private static final Pattern MARK = Pattern.compile("name=\"mark-([A-Za-z0-9-]+)\"");

    private static ConsoleSession signedIn(String role, String ward) {
        ConsoleSession browser = new ConsoleSession(() -> app.app().anonymousHttp(), null);
        browser.signIn(KyodoTestApp.username(role, ward), KyodoTestApp.PASSWORD).redirectsTo("/console");
        return browser;
    }

    /** The schedule form's fields for a saiwai ward assembly. */
    private static Map<String, String> scheduleForm(String title, String key) {
        Map<String, String> form = new HashMap<>(Map.of("kind", "WARD_ASSEMBLY", "ward", "saiwai", "title", title,
                "startsAt", "2026-09-19T13:00", "endsAt", "2026-09-19T16:30", "venue", "幸区役所 会議室",
                "capacity", "30", "publicObservation", "true", "themes", "交通\n\n防災\n", "term", "8"));
        form.put("session", "3");
        form.put("idempotencyKey", key);
        return form;
    }

    private static String keyOf(ConsoleSession.Page form) {
        Matcher key = KEY.matcher(form.html());
        assertThat(key.find()).as("the schedule form carries an Idempotency-Key").isTrue();
        return key.group(1);
    }

    /** Posts a meeting's form at that version and expects the page at the next one. */
    private static void step(ConsoleSession staff, String id, String action, long version, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(fields);
        form.put("version", Long.toString(version));
        staff.post("/console/meetings/" + id + "/" + action, form)
                .redirectsTo("/console/meetings/" + id + "?done=" + action + "&minVersion=" + (version + 1));
    }

    private static ConsoleSession.Page page(ConsoleSession staff, String id, long version) {
        return staff.get("/console/meetings/" + id + "?minVersion=" + version).status(200);
    }

    @Test
    void aMeetingIsScheduledOnceAndEachFormChangesItFromAgendaToFeedback() {
        ConsoleSession staff = signedIn("STAFF", "saiwai");
        String key = keyOf(staff.get("/console/meetings/new").status(200));
        ConsoleSession.Page scheduled = staff.post("/console/meetings", scheduleForm("コンソール 区民会議", key));
        assertThat(scheduled.status()).isEqualTo(303);
        String location = scheduled.location();
        assertThat(location).matches("/console/meetings/[a-f0-9-]{36}\\?done=schedule&minVersion=0");
        String id = location.substring("/console/meetings/".length(), location.indexOf('?'));
        long events = app.storedEvents();
        // a double click, or a reload of the post: the same meeting, nothing new
        staff.post("/console/meetings", scheduleForm("コンソール 区民会議", key)).redirectsTo(location);
        assertThat(app.storedEvents()).isEqualTo(events);
        assertThat(staff.get(location).status(200).html()).contains("会議を予定しました", "コンソール 区民会議",
                "form-agenda", "form-open");
        cityStaff.get("/api/meetings/{id}", id).ok().json().jsonPath("$.themes").isEqualTo(List.of("交通", "防災"))
                .jsonPath("$.startsAt").isEqualTo("2026-09-19T04:00:00Z");

        step(staff, id, "agenda", 0, Map.of("title", "駐輪場について", "lead", "座長",
                "discussionPoints", "必要な台数\n場所", "preparation", "現地調査"));
        step(staff, id, "agenda", 1, Map.of("title", "防災訓練について"));
        step(staff, id, "register", 2, Map.of("name", "会議 参加者", "affiliation", "幸区町内会連合会",
                "nominatedBy", "幸区町内会連合会", "contact", "sanka@example.jp"));
        ConsoleSession.Page registered = page(staff, id, 3);
        assertThat(registered.part("agenda", "ol")).contains("駐輪場について", "必要な台数", "防災訓練について");
        assertThat(registered.part("registrants", "table")).contains("会議 参加者", "幸区町内会連合会");

        step(staff, id, "open", 3, Map.of("attendance", "20"));
        Matcher mark = MARK.matcher(page(staff, id, 4).html());
        assertThat(mark.find()).as("the roll lists the registrant").isTrue();
        String registrant = mark.group(1);
        step(staff, id, "attendance", 4, Map.of("mark-" + registrant, "PRESENT"));
        step(staff, id, "group", 5, Map.of("number", "1", "theme", "交通"));
        step(staff, id, "opinion", 6, Map.of("group", "1", "theme", "交通", "text", "駐輪場は必要",
                "related", "朝が特に混む\n駅前は狭い"));

        // the quorum the command side will require is shown before a vote is sent
        ConsoleSession.Page open = page(staff, id, 7);
        assertThat(open.part("quorum", "p")).contains("20人", "11人以上");
        assertThat(open.html()).contains("朝が特に混む", "駅前は狭い");
        events = app.storedEvents();
        ConsoleSession.Page belowQuorum = staff.post("/console/meetings/" + id + "/resolution", Map.of(
                "motion", "定足数不足の動議", "votesFor", "5", "votesAgainst", "4", "abstentions", "1", "version", "7"))
                .status(409);
        assertThat(belowQuorum.part("refusal", "div")).contains("409");
        assertThat(app.storedEvents()).isEqualTo(events);
        step(staff, id, "resolution", 7, Map.of("motion", "駐輪場の増設を求める", "votesFor", "8",
                "votesAgainst", "2", "abstentions", "1", "proposalOutcome", ""));
        step(staff, id, "close", 8, Map.of("attendance", "19"));
        step(staff, id, "minutes", 9, Map.of("text", "駐輪場の増設を求めることを可決した。"));
        step(staff, id, "feedback", 10, Map.of("group", "幸区町内会連合会", "members", registrant,
                "text", "審議結果を報告した。"));

        cityStaff.get("/api/meetings/{id}?minVersion=11", id).ok().json()
                .jsonPath("$.status").isEqualTo("CLOSED")
                .jsonPath("$.agenda.length()").isEqualTo(2)
                .jsonPath("$.agenda[0].discussionPoints").isEqualTo(List.of("必要な台数", "場所"))
                .jsonPath("$.participants[0].attendance").isEqualTo("PRESENT")
                .jsonPath("$.groups[0].opinions[0].related").isEqualTo(List.of("朝が特に混む", "駅前は狭い"))
                .jsonPath("$.resolutions[0].outcome").isEqualTo("ADOPTED")
                .jsonPath("$.attendanceAtClosing").isEqualTo(19)
                .jsonPath("$.minutes.text").isEqualTo("駐輪場の増設を求めることを可決した。")
                .jsonPath("$.feedback[0].members").isEqualTo(1);
        assertThat(staff.get("/console/meetings/" + id + "?done=feedback&minVersion=11").status(200).html())
                .contains("報告を記録しました", "審議結果を報告した。")
                .doesNotContain("form-open", "form-resolution");
    }

    @Test
    void aMeetingIsMovedThenCancelledAndAStaleFormShowsTheCurrentState() {
        String id = cityStaff.scheduleMeeting(Requests.meeting());
        ConsoleSession staff = signedIn("WARD_HEAD", "saiwai");
        page(staff, id, 0);
        step(staff, id, "reschedule", 0, Map.of("startsAt", "2025-09-26T13:00", "endsAt", "2025-09-26T16:00",
                "reason", "会場の都合"));
        cityStaff.get("/api/meetings/{id}?minVersion=1", id).ok().json()
                .jsonPath("$.startsAt").isEqualTo("2025-09-26T04:00:00Z");

        long events = app.storedEvents();
        ConsoleSession.Page stale = staff.post("/console/meetings/" + id + "/cancel",
                Map.of("reason", "台風のため", "version", "0")).status(412);
        assertThat(stale.part("refusal", "div")).contains("ほかの人がこの会議をすでに変更しました");
        assertThat(stale.html()).contains("会場の都合");
        assertThat(app.storedEvents()).isEqualTo(events);

        step(staff, id, "cancel", 1, Map.of("reason", "台風のため"));
        assertThat(staff.get("/console/meetings/" + id + "?done=cancel&minVersion=2").status(200).html())
                .contains("会議を中止しました", "台風のため")
                .doesNotContain("form-cancel", "form-open");
    }

    @Test
    void invalidFieldsAreShownBesideTheirFieldsAndNothingIsSent() {
        ConsoleSession staff = signedIn("STAFF", "saiwai");
        String key = keyOf(staff.get("/console/meetings/new").status(200));
        long events = app.storedEvents();
        Map<String, String> form = scheduleForm("", key);
        form.put("startsAt", "いつか");
        form.put("capacity", "0");
        form.put("themes", "");
        ConsoleSession.Page invalid = staff.post("/console/meetings", form).status(400);
        assertThat(invalid.part("schedule-title-error", "p")).contains("入力してください");
        assertThat(invalid.part("schedule-startsAt-error", "p")).contains("日付と時刻を入力してください");
        assertThat(app.storedEvents()).isEqualTo(events);
        form.put("startsAt", "2026-09-19T13:00");
        invalid = staff.post("/console/meetings", form).status(400);
        assertThat(invalid.part("schedule-capacity-error", "p")).contains("1");
        assertThat(invalid.part("schedule-themes-error", "p")).contains("一つ以上入力してください");
        assertThat(invalid.html()).contains("aria-invalid=\"true\"", "value=\"" + key + "\"");

        String id = cityStaff.scheduleMeeting(Requests.meeting());
        page(staff, id, 0);
        ConsoleSession.Page agenda = staff.post("/console/meetings/" + id + "/agenda",
                Map.of("title", "", "discussionPoints", "x".repeat(1001), "version", "0")).status(400);
        assertThat(agenda.part("agenda-title-error", "p")).contains("入力してください");
        assertThat(agenda.part("agenda-discussionPoints-error", "p")).contains("1,000");
        assertThat(app.storedEvents()).isEqualTo(events + 1);
    }

    @Test
    void anotherWardsStaffSeeNoRegistrantsNamesAndCannotAct() {
        String id = cityStaff.scheduleMeeting(Requests.meeting());
        cityStaff.post("/api/meetings/{id}/registrations", id)
                .body(Requests.registration("幸区 参加者", "幸区子ども会")).succeeds();
        ConsoleSession nakahara = signedIn("STAFF", "nakahara");
        ConsoleSession.Page page = page(nakahara, id, 1);
        assertThat(page.html()).contains("第8期 幸区区民会議 第3回", "1人が申し込んでいます", "担当区の会議ではない")
                .doesNotContain("幸区 参加者", "幸区子ども会", "form-open", "form-agenda");
        assertThat(page(signedIn("STAFF", "saiwai"), id, 1).part("registrants", "table")).contains("幸区 参加者");

        long events = app.storedEvents();
        ConsoleSession.Page refused = nakahara.post("/console/meetings/" + id + "/open",
                Map.of("attendance", "10", "version", "1")).status(403);
        assertThat(refused.part("refusal", "div")).contains("この操作はできません");
        assertThat(refused.html()).doesNotContain("幸区 参加者");
        assertThat(app.storedEvents()).isEqualTo(events);

        // a ward member's list is their ward's
        assertThat(nakahara.get("/console/meetings?ward=saiwai").status(200).html()).doesNotContain(id);
        assertThat(signedIn("STAFF", null).get("/console/meetings?ward=saiwai").status(200).html()).contains(id);
        nakahara.get("/console/meetings/no-such-meeting").status(404);
        nakahara.post("/console/meetings/" + id + "/adjourn", Map.of("version", "1")).status(404);
    }

    @Test
    void theWholeCityIsChosenAsOnTheOtherListsAndEachMeetingShowsItsWardDistrictOrTheCity() {
        String cityWide = cityStaff.scheduleMeeting(Requests.cityWideMeeting("コンソール 市民フォーラム"));
        String south = cityStaff.scheduleMeeting(Requests.southernWorkshop());
        String saiwai = cityStaff.scheduleMeeting(Requests.meeting());
        app.awaitReadModels();
        ConsoleSession member = signedIn("STAFF", null);

        String whole = member.get("/console/meetings").status(200).html();
        String projects = member.get("/console/projects").status(200).html();

        assertThat(noWardChoice(whole)).isEqualTo("市全体").isEqualTo(noWardChoice(projects));
        assertThat(whole).containsPattern("<h1>会議：\\s*市全体</h1>");
        assertThat(rowOf(whole, cityWide)).contains("<td>市全体</td>");
        assertThat(rowOf(whole, south)).contains("<td>南部地区</td>");
        assertThat(rowOf(whole, saiwai)).contains("<td>幸区</td>");
        String ward = member.get("/console/meetings?ward=saiwai").status(200).html();
        assertThat(ward).contains(saiwai).doesNotContain(cityWide).doesNotContain(south);

        // the city's own meetings only, as the portal's ward=city
        String own = member.get("/console/meetings?ward=city").status(200).html();
        assertThat(own).contains(cityWide).doesNotContain(south).doesNotContain(saiwai);
        assertThat(own).containsPattern("<h1>会議：\\s*市の会議のみ（区・地区なし）</h1>")
                .contains("<option value=\"city\" selected=\"selected\">市の会議のみ（区・地区なし）</option>");
        assertThat(whole).contains("<option value=\"city\">市の会議のみ（区・地区なし）</option>");
        assertThat(projects).doesNotContain("value=\"city\"");
        // a ward's member sees their ward whatever is asked
        assertThat(signedIn("STAFF", "saiwai").get("/console/meetings?ward=city").status(200).html())
                .contains(saiwai).doesNotContain(cityWide);
    }

    /** What the ward chooser's first choice, the one without a ward, is called. */
    private static String noWardChoice(String html) {
        Matcher choice = Pattern.compile("<option value=\"\">([^<]*)</option>").matcher(html);
        assertThat(choice.find()).as("a choice without a ward").isTrue();
        return choice.group(1);
    }

    /** The table row that links to that meeting. */
    private static String rowOf(String html, String id) {
        int link = html.indexOf("/console/meetings/" + id + "\"");
        assertThat(link).as(id + " listed").isNotNegative();
        return html.substring(html.lastIndexOf("<tr", link), html.indexOf("</tr>", link));
    }

    @Test
    void anAnalystIsRefusedAndAFormWithoutItsTokenChangesNothing() {
        ConsoleSession analyst = new ConsoleSession(() -> app.app().anonymousHttp(), null);
        analyst.signIn(KyodoTestApp.username("ANALYST", null), KyodoTestApp.PASSWORD).redirectsTo("/console");
        analyst.get("/console/meetings").status(403);
        analyst.get("/console/meetings/new").status(403);

        String id = cityStaff.scheduleMeeting(Requests.meeting());
        ConsoleSession staff = signedIn("STAFF", "saiwai");
        String key = keyOf(staff.get("/console/meetings/new").status(200));
        long events = app.storedEvents();
        staff.postWithout("/console/meetings/" + id + "/open", Map.of("attendance", "10", "version", "0"))
                .status(403);
        staff.postWithout("/console/meetings", scheduleForm("トークンのない予定", key)).status(403);
        assertThat(app.storedEvents()).isEqualTo(events);
    }
}
