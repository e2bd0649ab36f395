package kyodo.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A proposal's life over HTTP against the running app: versions as ETags, If-Match, the rules as
 * 409 problems, and a response deadline that is stored durably and cancelled by the answer.
 */
class ProposalLifecycleIT {

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

    private static String submit() {
        Map<?, ?> created = app.http().post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Requests.proposal()).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("id");
    }

    private static WebTestClient.ResponseSpec command(String id, String action, Object body, String ifMatch) {
        WebTestClient.RequestBodySpec request = app.http().post().uri("/api/proposals/{id}/" + action, id)
                .contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.bodyValue(body).exchange();
    }

    private static void answersVersion(WebTestClient.ResponseSpec response, String id, long version) {
        response.expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"" + version + "\"")
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.version").isEqualTo((int) version);
    }

    private static void refusedWith(WebTestClient.ResponseSpec response, int status, String type) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(type);
    }

    private static long scheduledDeadlines() {
        Long count = app.context().getBean(JdbcTemplate.class)
                .queryForObject("SELECT COUNT(*) FROM scheduled_tasks", Long.class);
        return count == null ? 0 : count;
    }

    @Test
    void aProposalIsAcknowledgedUpdatedAndAnsweredWithVersionsAndADurableDeadline() {
        String id = submit();
        long deadlinesBefore = scheduledDeadlines();

        answersVersion(command(id, "acknowledgement", Map.of("department", "幸区役所 地域振興課"), "\"0\""), id, 1);
        assertThat(scheduledDeadlines()).as("response deadline stored").isEqualTo(deadlinesBefore + 1);

        answersVersion(command(id, "progress-updates", Map.of("text", "現地を確認しました"), "\"1\""), id, 2);
        refusedWith(command(id, "progress-updates", Map.of("text", "二重送信"), "\"1\""), 412,
                "/problems/stale-version");

        app.restart();
        assertThat(scheduledDeadlines()).as("deadline survives a restart").isEqualTo(deadlinesBefore + 1);

        answersVersion(command(id, "decision", Map.of("outcome", "ACCEPTED", "reason", "来年度に整備します",
                "conditions", "町内会と協議のうえ"), null), id, 3);
        // the answer leaves the deadline in place: it fires on the due day, finds the proposal decided
        // and records nothing (ADR 7; cancelling it read every pending deadline on every answer)
        assertThat(scheduledDeadlines()).as("the answer leaves the deadline").isEqualTo(deadlinesBefore + 1);

        command(id, "decision", Map.of("outcome", "REJECTED", "reason", "やはり無理です"), null)
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/proposal-already-decided")
                .jsonPath("$.currentStatus").isEqualTo("ACCEPTED");

        app.http().get().uri("/api/proposals/{id}?minVersion=3", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody().jsonPath("$.status").isEqualTo("ACCEPTED");

        app.http().get().uri("/public/proposals/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.reason").isEqualTo("来年度に整備します")
                .jsonPath("$.conditions").isEqualTo("町内会と協議のうえ")
                .jsonPath("$.timeline[*].kind").value(org.hamcrest.Matchers.contains(
                        "SUBMITTED", "ACKNOWLEDGED", "PROGRESS_UPDATE", "ACCEPTED"))
                .jsonPath("$.timeline[3].reason").isEqualTo("来年度に整備します")
                .jsonPath("$.timeline[3].role").isEqualTo("STAFF");
        String publicJson = app.http().get().uri("/public/proposals/{id}", id).exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(publicJson).doesNotContain("s-test-1").doesNotContain(Requests.PROPOSER_NAME);
    }

    @Test
    void theRulesAreRefusedAs409ProblemsNamingTheRule() {
        String id = submit();
        refusedWith(command(id, "decision", Map.of("outcome", "ACCEPTED", "reason", "よい提案"), null), 409,
                "/problems/proposal-not-acknowledged");
        answersVersion(command(id, "acknowledgement", Map.of("department", "地域振興課", "responseDueDays", 14), null),
                id, 1);
        refusedWith(command(id, "acknowledgement", Map.of("department", "地域振興課"), null), 409,
                "/problems/proposal-already-acknowledged");
        refusedWith(command(id, "revisions", Map.of("title", "新しい題"), null), 409,
                "/problems/proposal-revision-not-requested");
        refusedWith(command(id, "referral", Map.of("meetingId", "no-such-meeting"), null), 409,
                "/problems/referral-meeting-unknown");
        answersVersion(command(id, "revision-requests", Map.of("reason", "場所を具体的に書いてください"), null), id, 2);
        answersVersion(command(id, "revisions", Map.of("body", "駅北口の駐輪場です"), null), id, 3);
        answersVersion(command(id, "withdrawal", Map.of("reason", "自治会で解決しました"), null), id, 4);
        refusedWith(command(id, "progress-updates", Map.of("text", "進捗"), null), 409, "/problems/proposal-withdrawn");
    }

    @Test
    void badBodiesAndUnknownProposalsAreRefusedBeforeAnyRule() {
        String id = submit();
        command(id, "acknowledgement", Map.of("department", "課", "responseDueDays", 0), null)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("responseDueDays");
        command(id, "decision", Map.of("outcome", "MAYBE", "reason", "理由"), null)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("outcome");
        command(id, "decision", Map.of("outcome", "REJECTED"), null)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        refusedWith(command(id, "progress-updates", Map.of("text", "x"), "\"abc\""), 400, "/problems/invalid-input");
        refusedWith(command("00000000-0000-0000-0000-000000000000", "acknowledgement",
                Map.of("department", "課"), null), 404, "/problems/not-found");
    }

    @Test
    void aCommandWithoutTheActingStaffMemberIs401() {
        app.anonymousHttp().post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Requests.proposal()).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthenticated");
    }
}
