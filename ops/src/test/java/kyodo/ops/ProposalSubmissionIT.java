package kyodo.ops;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spine end to end: a proposal submitted over HTTP is read back by staff (proposer included)
 * and by the public (no personal data), and is still there after a restart on the same data.
 */
class ProposalSubmissionIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.query.max-wait=1s");
    private static final Client staff = app.staff();

    /** When: a proposal is submitted (with that Idempotency-Key unless null); then: its creation at version 0. */
    private static String submit(Map<String, Object> body, String idempotencyKey) {
        Client.Request request = staff.post("/api/proposals");
        if (idempotencyKey != null) {
            request.idempotencyKey(idempotencyKey);
        }
        Answer answer = request.body(body).status(201).header("ETag", "\"0\"");
        answer.spec().expectHeader().valueMatches("Location", "/api/proposals/[0-9a-f-]{36}");
        Map<?, ?> created = answer.succeeds();
        assertThat(created.get("version")).isEqualTo(0);
        return (String) created.get("id");
    }

    @Test
    void aSubmittedProposalIsReadBackByStaffAndPublicAndSurvivesARestart() {
        String id = submit(Requests.proposal(), null);

        staff.get("/api/proposals/{id}?minVersion=0", id).ok().header("ETag", "\"0\"").json()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.ward").isEqualTo("saiwai")
                .jsonPath("$.wardNameJa").isEqualTo("幸区")
                .jsonPath("$.status").isEqualTo("SUBMITTED")
                .jsonPath("$.themes[0]").isEqualTo("交通")
                .jsonPath("$.proposer.name").isEqualTo(Requests.PROPOSER_NAME)
                .jsonPath("$.proposer.contact").isEqualTo(Requests.PROPOSER_CONTACT)
                .jsonPath("$.proposer.erased").isEqualTo(false);

        String publicJson = staff.get("/public/proposals/{id}", id).ok().header("ETag", "\"0\"").text();
        assertThat(publicJson).contains("\"title\":\"駅前の駐輪場を増やしてほしい\"")
                .doesNotContain("proposer").doesNotContain(Requests.PROPOSER_NAME)
                .doesNotContain(Requests.PROPOSER_CONTACT);

        app.restart();

        staff.get("/api/proposals/{id}", id).ok().json()
                .jsonPath("$.title").isEqualTo("駅前の駐輪場を増やしてほしい")
                .jsonPath("$.proposer.name").isEqualTo(Requests.PROPOSER_NAME);
        staff.get("/public/proposals/{id}", id).ok().json().jsonPath("$.id").isEqualTo(id);
    }

    @Test
    void anIdempotentRetryReturnsTheFirstAnswerAlsoAfterARestart() {
        long before = app.storedEvents();
        String first = submit(Requests.proposal(), "counter-2025-0001");
        String again = submit(Requests.proposal(), "counter-2025-0001");
        assertThat(again).isEqualTo(first);

        app.restart();

        String afterRestart = submit(Requests.proposal(), "counter-2025-0001");
        assertThat(afterRestart).isEqualTo(first);
        assertThat(app.storedEvents()).isEqualTo(before + 1);
    }

    /**
     * Repeats sent while the first is still being stored find the key claimed but no proposal yet, and
     * send the creation again: the event store refuses the second stream at commit (on Axon Server,
     * AXONIQ-2000 with no details), which every one of them must read as "already created".
     */
    @Test
    void concurrentRepeatsOfOneKeyAllAnswerTheOneCreation() throws Exception {
        long before = app.storedEvents();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(clients.submit(() -> submit(Requests.proposal(), "counter-2025-0003")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> answer : answers) {
                ids.add(answer.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            clients.shutdownNow();
        }
        assertThat(app.storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefusedAndCreatesNothing() {
        submit(Requests.proposal(), "counter-2025-0002");
        long before = app.storedEvents();
        Map<String, Object> other = Requests.proposal();
        other.put("title", "別の提案");

        staff.post("/api/proposals").idempotencyKey("counter-2025-0002").body(other)
                .refusedWith(422, "/problems/idempotency-key-reused");
        assertThat(app.storedEvents()).isEqualTo(before);
    }

    @Test
    void aReadAheadOfTheReadModelAnswers503WithRetryAfter() {
        String id = submit(Requests.proposal(), null);
        Answer lagging = staff.get("/api/proposals/{id}?minVersion=99", id).status(503);
        lagging.spec().expectHeader().exists("Retry-After");
        lagging.json().jsonPath("$.type").isEqualTo("/problems/read-model-lagging");
    }

    @Test
    void theEmbeddedEventStoreKeepsTheSettingsNumberOfLatestEventsInMemory() {
        // Axon's own store would keep 10,000 (about 13 MB of heap at 10⁶ events): kyodo builds it with its setting
        assertThat(app.context().getBean(EventStore.class)).isInstanceOf(EmbeddedEventStore.class)
                .extracting("producer.cachedEvents").isEqualTo(1000);
    }
}
