package kyodo.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spine end to end: a proposal submitted over HTTP is read back by staff (proposer included)
 * and by the public (no personal data), and is still there after a restart on the same data.
 */
class ProposalSubmissionIT {

    @TempDir
    static Path dataDir;
    static KyodoTestApp app;

    @BeforeAll
    static void start() {
        app = KyodoTestApp.start(dataDir, "--kyodo.query.max-wait=1s");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String submit(WebTestClient http, Map<String, Object> body, String idempotencyKey) {
        WebTestClient.RequestBodySpec request = http.post().uri("/api/proposals")
                .contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        Map<?, ?> answer = request.bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectHeader().valueMatches("Location", "/api/proposals/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(answer.get("version")).isEqualTo(0);
        return (String) answer.get("id");
    }

    @Test
    void aSubmittedProposalIsReadBackByStaffAndPublicAndSurvivesARestart() {
        String id = submit(app.http(), Requests.proposal(), null);

        app.http().get().uri("/api/proposals/{id}?minVersion=0", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.ward").isEqualTo("saiwai")
                .jsonPath("$.wardNameJa").isEqualTo("幸区")
                .jsonPath("$.status").isEqualTo("SUBMITTED")
                .jsonPath("$.themes[0]").isEqualTo("交通")
                .jsonPath("$.proposer.name").isEqualTo(Requests.PROPOSER_NAME)
                .jsonPath("$.proposer.contact").isEqualTo(Requests.PROPOSER_CONTACT)
                .jsonPath("$.proposer.erased").isEqualTo(false);

        String publicJson = app.http().get().uri("/public/proposals/{id}", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(publicJson).contains("\"title\":\"駅前の駐輪場を増やしてほしい\"")
                .doesNotContain("proposer").doesNotContain(Requests.PROPOSER_NAME)
                .doesNotContain(Requests.PROPOSER_CONTACT);

        app.restart();

        app.http().get().uri("/api/proposals/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.title").isEqualTo("駅前の駐輪場を増やしてほしい")
                .jsonPath("$.proposer.name").isEqualTo(Requests.PROPOSER_NAME);
        app.http().get().uri("/public/proposals/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id);
    }

    @Test
    void anIdempotentRetryReturnsTheFirstAnswerAlsoAfterARestart() {
        long before = app.storedEvents();
        String first = submit(app.http(), Requests.proposal(), "counter-2025-0001");
        String again = submit(app.http(), Requests.proposal(), "counter-2025-0001");
        assertThat(again).isEqualTo(first);

        app.restart();

        String afterRestart = submit(app.http(), Requests.proposal(), "counter-2025-0001");
        assertThat(afterRestart).isEqualTo(first);
        assertThat(app.storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefusedAndCreatesNothing() {
        submit(app.http(), Requests.proposal(), "counter-2025-0002");
        long before = app.storedEvents();
        Map<String, Object> other = Requests.proposal();
        other.put("title", "別の提案");

        app.http().post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "counter-2025-0002").bodyValue(other).exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/idempotency-key-reused");
        assertThat(app.storedEvents()).isEqualTo(before);
    }

    @Test
    void aReadAheadOfTheReadModelAnswers503WithRetryAfter() {
        String id = submit(app.http(), Requests.proposal(), null);
        app.http().get().uri("/api/proposals/{id}?minVersion=99", id).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/read-model-lagging");
    }
}
