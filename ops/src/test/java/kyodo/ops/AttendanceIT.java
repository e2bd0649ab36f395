package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpMethod;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attendance per registrant over HTTP: recorded by registrant id alongside the headcount, shown to
 * staff per participant, to the public and analysts only as counts per nominating group; feedback to
 * a group names its attending members by id. No name and no registrant id in any public or analyst
 * answer.
 */
class AttendanceIT {

    private static final String GROUP = "幸区町内会連合会";
    private static final String OTHER_GROUP = "幸区PTA協議会";
    private static final List<String> NAMES = List.of("出席 一郎", "欠席 二郎", "届出 三子", "一般 四郎");

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client staff = app.staff();
    private static final Client publicReader = app.anonymous();
    private static final Client analyst = app.as("ANALYST", null);

    private static Client.Request step(String meeting, String action) {
        return staff.post("/api/meetings/{id}/" + action, meeting);
    }

    private static String register(String meeting, String name, String group) {
        Map<String, Object> participant = group == null ? Map.of("name", name, "affiliation", "個人")
                : Map.of("name", name, "affiliation", group, "nominatedBy", group);
        return (String) step(meeting, "registrations").body(Map.of("participant", participant)).succeeds()
                .get("participantId");
    }

    private static Map<String, String> mark(String registrantId, String status) {
        return Map.of("registrantId", registrantId, "status", status);
    }

    @Test
    void attendanceIsRecordedPerRegistrantAndShownPubliclyOnlyAsCountsPerGroup() {
        String meeting = staff.scheduleMeeting(Requests.meeting());
        String present = register(meeting, NAMES.get(0), GROUP);
        String absent = register(meeting, NAMES.get(1), GROUP);
        String excused = register(meeting, NAMES.get(2), OTHER_GROUP);
        String unnominated = register(meeting, NAMES.get(3), null);
        List<String> ids = List.of(present, absent, excused, unnominated);

        step(meeting, "attendance").body(Map.of("marks", List.of(mark(present, "PRESENT"))))
                .refusedWith(409, "/problems/meeting-not-open");
        step(meeting, "opening").body(Map.of("attendance", 20)).succeeds();
        long before = app.storedEvents();
        step(meeting, "attendance").body(Map.of("marks", List.of(mark(present, "PRESENT"),
                mark("no-such-registrant", "ABSENT")))).isProblem(409, "/problems/attendance-registrant-unknown");
        step(meeting, "attendance").body(Map.of("marks", List.of(mark(present, "LATE")))).invalidField("marks[0].status");
        step(meeting, "attendance").body(Map.of("marks", List.of())).invalidField("marks");
        step(meeting, "attendance").body(Map.of("marks", List.of(mark(present, "PRESENT"), mark(present, "ABSENT"))))
                .refusedWith(400, "/problems/invalid-input");
        assertThat(app.storedEvents()).as("refusals record nothing").isEqualTo(before);

        // scheduled 0, registrations 1-4, opened 5, attendance 6
        step(meeting, "attendance").ifMatch(5).body(Map.of("marks", List.of(mark(present, "PRESENT"),
                mark(absent, "ABSENT"), mark(excused, "EXCUSED"), mark(unnominated, "PRESENT"))))
                .answersVersion(meeting, 6);

        step(meeting, "feedback").body(Map.of("group", GROUP, "members", List.of(present, absent), "text", "報告"))
                .refusedWith(409, "/problems/feedback-member-not-attending");
        step(meeting, "feedback").body(Map.of("group", GROUP, "members", List.of(excused), "text", "報告"))
                .refusedWith(409, "/problems/feedback-member-not-attending");
        step(meeting, "closing").body(Map.of("attendance", 19)).succeeds();
        step(meeting, "attendance").body(Map.of("marks", List.of(mark(absent, "PRESENT"))))
                .refusedWith(409, "/problems/meeting-closed");
        // closed 7, feedback 8
        step(meeting, "feedback").body(Map.of("group", GROUP, "members", List.of(present), "text", "役員会で報告しました"))
                .answersVersion(meeting, 8);

        staff.get("/api/meetings/{id}?minVersion=8", meeting).ok().json()
                .jsonPath("$.attendanceAtOpening").isEqualTo(20)
                .jsonPath("$.attendanceAtClosing").isEqualTo(19)
                .jsonPath("$.participants[0].attendance").isEqualTo("PRESENT")
                .jsonPath("$.participants[1].attendance").isEqualTo("ABSENT")
                .jsonPath("$.participants[2].attendance").isEqualTo("EXCUSED")
                .jsonPath("$.participants[3].attendance").isEqualTo("PRESENT");

        publicReader.get("/public/meetings/{id}", meeting).ok().json()
                .jsonPath("$.attendanceByGroup.length()").isEqualTo(2)
                .jsonPath("$.attendanceByGroup[0].group").isEqualTo(OTHER_GROUP)
                .jsonPath("$.attendanceByGroup[0].excused").isEqualTo(1)
                .jsonPath("$.attendanceByGroup[1].group").isEqualTo(GROUP)
                .jsonPath("$.attendanceByGroup[1].present").isEqualTo(1)
                .jsonPath("$.attendanceByGroup[1].absent").isEqualTo(1)
                .jsonPath("$.attendanceByGroup[1].excused").isEqualTo(0)
                .jsonPath("$.feedback[0].members").isEqualTo(1)
                .jsonPath("$.participants").doesNotExist();

        app.awaitReadModels();
        String page = publicReader.method(HttpMethod.GET, "/meetings/" + meeting).header("Accept", "text/html")
                .send().ok().text();
        assertThat(page).contains("推薦した団体ごとの出欠").contains(GROUP).contains(OTHER_GROUP);
        List<String> publicAnswers = List.of(page,
                publicReader.get("/public/meetings/{id}", meeting).ok().text(),
                publicReader.get("/public/meetings").ok().text(),
                publicReader.get("/public/history/meeting/{id}", meeting).ok().text(),
                publicReader.get("/public/decisions?limit=1000").ok().text(),
                analyst.method(HttpMethod.GET, "/analytics/meetings/participation").header("Accept", "application/json")
                        .send().ok().text(),
                analyst.method(HttpMethod.GET, "/analytics/meetings/participation").header("Accept", "text/csv")
                        .send().ok().text());
        for (String answer : publicAnswers) {
            assertThat(answer).doesNotContain(NAMES).doesNotContain(ids).doesNotContain("s-test-1");
        }
        assertThat(publicAnswers.get(3)).contains("出欠が記録されました").contains("役員会で報告しました");
    }
}
