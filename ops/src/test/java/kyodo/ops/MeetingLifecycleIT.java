package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meeting over HTTP from scheduling through minutes, and a referred proposal decided by the
 * meeting's resolution exactly once, also across a restart.
 */
class MeetingLifecycleIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client staff = app.staff();

    /** Given: a meeting scheduled as {@link Requests#meeting()}; when: this step on it. */
    private static Client.Request step(String meeting, String action) {
        return staff.post("/api/meetings/{id}/" + action, meeting);
    }

    @Test
    void aMeetingRunsFromSchedulingToMinutesAndItsResolutionDecidesAReferredProposalOnce() {
        String meeting = staff.scheduleMeeting(Requests.meeting());
        step(meeting, "agenda").body(Map.of("items", List.of(Map.of("title", "駐輪場の提案について",
                "lead", "座長", "discussionPoints", List.of("必要な台数"), "preparation", List.of("現地調査")))))
                .succeeds();
        Map<?, ?> registered = step(meeting, "registrations")
                .body(Requests.registration("会議 参加者", "幸区町内会連合会")).succeeds();
        assertThat(registered.get("participantId")).isNotNull();

        String proposalId = staff.acknowledgedProposal("地域振興課");
        staff.post("/api/proposals/{id}/referral", proposalId)
                .body(Map.of("meetingId", meeting, "reason", "区民会議で審議")).succeeds();

        step(meeting, "opinions").body(Map.of("theme", "交通", "text", "早すぎる意見"))
                .refusedWith(409, "/problems/meeting-not-open");
        step(meeting, "opening").body(Map.of("attendance", 20)).succeeds();
        step(meeting, "groups").body(Map.of("number", 1, "theme", "交通")).succeeds();
        step(meeting, "opinions").body(Map.of("group", 1, "theme", "交通", "text", "駐輪場は必要",
                "related", List.of("朝が特に混む"), "proposalId", proposalId)).succeeds();
        step(meeting, "resolutions").body(Map.of("motion", "定足数不足の動議", "votesFor", 5,
                "votesAgainst", 2, "abstentions", 0)).refusedWith(409, "/problems/quorum-not-reached");
        Map<?, ?> resolution = step(meeting, "resolutions").body(Map.of(
                "motion", "駐輪場増設の提案を採択する", "proposalId", proposalId, "proposalOutcome", "ACCEPTED",
                "votesFor", 15, "votesAgainst", 3, "abstentions", 1)).succeeds();
        assertThat(resolution.get("resolutionId")).isNotNull();
        step(meeting, "closing").body(Map.of("attendance", 19)).succeeds();
        step(meeting, "minutes").body(Map.of("text", "駐輪場増設の提案を採択した。")).succeeds();
        step(meeting, "feedback").body(Map.of("group", "幸区町内会連合会", "text", "審議結果を報告した。")).succeeds();

        // the proposal was acknowledged (1), referred (2) and decided by the resolution (3)
        staff.get("/api/proposals/{id}?minVersion=3", proposalId).ok().json()
                .jsonPath("$.status").isEqualTo("ACCEPTED")
                .jsonPath("$.version").isEqualTo(3);

        long events = app.storedEvents();
        app.restart();
        staff.get("/api/proposals/{id}?minVersion=3", proposalId).ok().json().jsonPath("$.version").isEqualTo(3);
        assertThat(app.storedEvents()).as("nothing decided twice after a restart").isEqualTo(events);

        // scheduled 0, agenda 1, registration 2, opened 3, group 4, opinion 5, resolution 6, closed 7,
        // minutes 8, feedback 9
        staff.get("/api/meetings/{id}?minVersion=9", meeting).ok().json()
                .jsonPath("$.participants[0].name").isEqualTo("会議 参加者")
                .jsonPath("$.participants[0].nominatedBy").isEqualTo("幸区町内会連合会");
        String publicJson = staff.get("/public/meetings/{id}", meeting).ok().text();
        assertThat(publicJson).contains("駐輪場増設の提案を採択する").contains("ADOPTED")
                .doesNotContain("会議 参加者").doesNotContain("s-test-1");
    }

    @Test
    void aResolutionCannotDecideAProposalNotReferredToTheMeeting() {
        String meeting = staff.scheduleMeeting(Requests.meeting());
        step(meeting, "opening").body(Map.of("attendance", 10)).succeeds();
        step(meeting, "resolutions").body(Map.of("motion", "無関係な提案を採択", "proposalId",
                "00000000-0000-0000-0000-000000000000", "proposalOutcome", "ACCEPTED", "votesFor", 8,
                "votesAgainst", 1, "abstentions", 0))
                .refusedWith(409, "/problems/proposal-not-referred-here");
    }

    @Test
    void aCancelledMeetingRefusesToOpen() {
        String meeting = staff.scheduleMeeting(Requests.meeting());
        step(meeting, "cancellation").body(Map.of("reason", "台風のため")).succeeds();
        step(meeting, "opening").body(Map.of("attendance", 10)).refusedWith(409, "/problems/meeting-cancelled");
    }
}
