package kyodo.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meeting over HTTP from scheduling through minutes, and a referred proposal decided by the
 * meeting's resolution exactly once, also across a restart.
 */
class MeetingLifecycleIT {

    @TempDir
    static Path dataDir;
    static KyodoTestApp app;

    @BeforeAll
    static void start() {
        app = KyodoTestApp.start(dataDir);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Map<?, ?> post(String path, Object body) {
        return app.http().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().is2xxSuccessful()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static WebTestClient.ResponseSpec attempt(String path, Object body) {
        return app.http().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static String schedule() {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("kind", "WARD_ASSEMBLY");
        body.put("ward", "saiwai");
        body.put("title", "第8期 幸区区民会議 第3回");
        body.put("startsAt", "2025-09-19T13:00:00+09:00");
        body.put("endsAt", "2025-09-19T16:30:00+09:00");
        body.put("venue", "幸区役所 会議室");
        body.put("capacity", 30);
        body.put("publicObservation", true);
        body.put("themes", List.of("交通", "防災"));
        body.put("term", 8);
        body.put("session", 3);
        return (String) post("/api/meetings", body).get("id");
    }

    @Test
    void aMeetingRunsFromSchedulingToMinutesAndItsResolutionDecidesAReferredProposalOnce() {
        String meeting = schedule();
        post("/api/meetings/" + meeting + "/agenda", Map.of("items", List.of(Map.of("title", "駐輪場の提案について",
                "lead", "座長", "discussionPoints", List.of("必要な台数"), "preparation", List.of("現地調査")))));
        Map<?, ?> registered = post("/api/meetings/" + meeting + "/registrations", Map.of("participant",
                Map.of("name", "会議 参加者", "affiliation", "幸区町内会連合会", "nominatedBy", "幸区町内会連合会")));
        assertThat(registered.get("participantId")).isNotNull();

        Map<?, ?> proposal = app.http().post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Requests.proposal()).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String proposalId = (String) proposal.get("id");
        post("/api/proposals/" + proposalId + "/acknowledgement", Map.of("department", "地域振興課"));
        post("/api/proposals/" + proposalId + "/referral", Map.of("meetingId", meeting, "reason", "区民会議で審議"));

        attempt("/api/meetings/" + meeting + "/opinions", Map.of("theme", "交通", "text", "早すぎる意見"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("/problems/meeting-not-open");
        post("/api/meetings/" + meeting + "/opening", Map.of("attendance", 20));
        post("/api/meetings/" + meeting + "/groups", Map.of("number", 1, "theme", "交通"));
        post("/api/meetings/" + meeting + "/opinions", Map.of("group", 1, "theme", "交通", "text", "駐輪場は必要",
                "related", List.of("朝が特に混む"), "proposalId", proposalId));
        attempt("/api/meetings/" + meeting + "/resolutions", Map.of("motion", "定足数不足の動議", "votesFor", 5,
                "votesAgainst", 2, "abstentions", 0))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("/problems/quorum-not-reached");
        Map<?, ?> resolution = post("/api/meetings/" + meeting + "/resolutions", Map.of(
                "motion", "駐輪場増設の提案を採択する", "proposalId", proposalId, "proposalOutcome", "ACCEPTED",
                "votesFor", 15, "votesAgainst", 3, "abstentions", 1));
        assertThat(resolution.get("resolutionId")).isNotNull();
        post("/api/meetings/" + meeting + "/closing", Map.of("attendance", 19));
        post("/api/meetings/" + meeting + "/minutes", Map.of("text", "駐輪場増設の提案を採択した。"));
        post("/api/meetings/" + meeting + "/feedback", Map.of("group", "幸区町内会連合会", "text", "審議結果を報告した。"));

        // the proposal was acknowledged (1), referred (2) and decided by the resolution (3)
        app.http().get().uri("/api/proposals/{id}?minVersion=3", proposalId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("ACCEPTED")
                .jsonPath("$.version").isEqualTo(3);

        long events = app.storedEvents();
        app.restart();
        app.http().get().uri("/api/proposals/{id}?minVersion=3", proposalId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(3);
        assertThat(app.storedEvents()).as("nothing decided twice after a restart").isEqualTo(events);

        // scheduled 0, agenda 1, registration 2, opened 3, group 4, opinion 5, resolution 6, closed 7,
        // minutes 8, feedback 9
        app.http().get().uri("/api/meetings/{id}?minVersion=9", meeting).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.participants[0].name").isEqualTo("会議 参加者")
                .jsonPath("$.participants[0].nominatedBy").isEqualTo("幸区町内会連合会");
        String publicJson = app.http().get().uri("/public/meetings/{id}", meeting).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(publicJson).contains("駐輪場増設の提案を採択する").contains("ADOPTED")
                .doesNotContain("会議 参加者").doesNotContain("s-test-1");
    }

    @Test
    void aResolutionCannotDecideAProposalNotReferredToTheMeeting() {
        String meeting = schedule();
        post("/api/meetings/" + meeting + "/opening", Map.of("attendance", 10));
        attempt("/api/meetings/" + meeting + "/resolutions", Map.of("motion", "無関係な提案を採択", "proposalId",
                "00000000-0000-0000-0000-000000000000", "proposalOutcome", "ACCEPTED", "votesFor", 8,
                "votesAgainst", 1, "abstentions", 0))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/proposal-not-referred-here");
    }

    @Test
    void aCancelledMeetingRefusesToOpen() {
        String meeting = schedule();
        post("/api/meetings/" + meeting + "/cancellation", Map.of("reason", "台風のため"));
        attempt("/api/meetings/" + meeting + "/opening", Map.of("attendance", 10))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/meeting-cancelled");
    }
}
