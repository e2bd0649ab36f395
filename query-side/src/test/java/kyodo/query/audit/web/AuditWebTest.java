package kyodo.query.audit.web;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.query.audit.AuditFixtures;
import kyodo.query.audit.AuditSigningKey;
import kyodo.query.audit.CanonicalJson;
import kyodo.query.audit.Checkpoint;
import kyodo.query.audit.DecisionLogEntry;
import kyodo.query.audit.Hashing;
import kyodo.query.audit.MerkleTree;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import kyodo.query.web.QueryWebTest;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static kyodo.query.web.QueryWebTest.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transparency endpoints over HTTP in a bare WebFlux context (no Spring Boot, no Axon
 * processors): shapes, proofs that verify, problems for bad parameters, the live stream.
 */
class AuditWebTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    @TempDir
    Path dataDir;

    private AnnotationConfigApplicationContext context;
    private WebTestClient client;
    private AnnotationEventHandlerAdapter projection;
    private final List<EventMessage<?>> history = AuditFixtures.history(8);

    @BeforeEach
    void sevenDecisions() throws Exception {
        context = new AnnotationConfigApplicationContext();
        context.getBeanFactory().setConversionService(new ApplicationConversionService());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "kyodo.data-dir", dataDir.toString(), "kyodo.audit.checkpoint-every", "3",
                "kyodo.audit.stream.poll-interval", "200ms")));
        context.registerBean(ReadStore.class, () -> MongoReadStore.of(stores.freshDatabase()));
        context.registerBean(Clock.class, () -> new AuditFixtures.MutableClock(Instant.parse("2025-07-01T00:00:00Z")));
        context.registerBean(EventStore.class,
                () -> EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build());
        context.register(Web.class);
        context.refresh();
        client = WebTestClient.bindToApplicationContext(context).configureClient()
                .responseTimeout(Duration.ofSeconds(60)).build();
        projection = new AnnotationEventHandlerAdapter(context.getBean("decisionLogProjection"));
        for (EventMessage<?> message : history.subList(0, 14)) {
            projection.handle(message);
        }
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void theLogIsServedInOrderWithEveryMemberAndNoStaffId() {
        String body = client.get().uri("/public/decisions").exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        JsonNode page = json(body);
        assertThat(page.get("after").asLong()).isZero();
        assertThat(page.get("limit").asInt()).isEqualTo(100);
        assertThat(page.get("logSize").asLong()).isEqualTo(7);
        assertThat(page.get("items").findValuesAsText("eventId"))
                .containsExactly("ev-1", "ev-2", "ev-3", "ev-4", "ev-5", "ev-6", "ev-7");
        List<String> members = new ArrayList<>();
        page.get("items").get(4).fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactly("seq", "decisionId", "subjectType", "subjectId", "ward", "kind", "outcome",
                "reason", "decidedByRole", "decidedAt", "basis", "eventId", "prevHash", "hash");
        assertThat(page.get("items").get(3).get("basis")).isEqualTo(json("{\"type\":\"meeting-resolution\",\"id\":\"r4\"}"));
        assertThat(page.get("items").get(4).get("ward").isNull()).isTrue();
        assertThat(body).doesNotContain(AuditFixtures.CLERK.staffId()).doesNotContain(AuditFixtures.HEAD.staffId())
                .doesNotContain("staffId");
    }

    @Test
    void anyoneCanRecomputeEveryHashFromTheServedJsonAlone() {
        JsonNode items = getJson("/public/decisions?limit=1000").get("items");
        String prev = Hashing.ZERO_HASH;
        for (JsonNode item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> members = TestStores.JSON.convertValue(item, LinkedHashMap.class);
            members.remove("prevHash");
            members.remove("hash");

            assertThat(item.get("prevHash").asText()).isEqualTo(prev);
            assertThat(DecisionLogEntry.chainHash(prev, CanonicalJson.bytes(members))).isEqualTo(item.get("hash").asText());
            prev = item.get("hash").asText();
        }
    }

    @Test
    void aPageStartsAfterTheGivenSeq() {
        JsonNode page = getJson("/public/decisions?after=2&limit=3");

        assertThat(page.get("items").findValuesAsText("seq")).containsExactly("3", "4", "5");
        assertThat(page.get("after").asLong()).isEqualTo(2);
        assertThat(page.get("limit").asInt()).isEqualTo(3);
    }

    @Test
    void badPageParametersAnswerInvalidInputNamingEachOne() {
        assertThat(problem("/public/decisions?after=-1&limit=1001", 400).get("errors").findValuesAsText("field"))
                .containsExactly("after", "limit");
        assertThat(problem("/public/decisions?limit=abc", 400).get("errors")).isEqualTo(json(
                "[{\"field\":\"limit\",\"message\":\"must be a whole number from 1 to 1000\"}]"));
        assertThat(problem("/public/decisions?after=1&after=2", 400).get("errors")).isEqualTo(json(
                "[{\"field\":\"after\",\"message\":\"give it once\"}]"));
        assertThat(problem("/public/decisions?limit=0", 400).get("type").asText()).isEqualTo("/problems/invalid-input");
    }

    @Test
    void checkpointsAreServedSignedByThePublishedKey() throws Exception {
        JsonNode keys = getJson("/public/audit/keys").get("keys");
        assertThat(keys).hasSize(1);
        byte[] x509 = Base64.getDecoder().decode(keys.get(0).get("publicKey").asText());
        assertThat(keys.get(0).get("keyId").asText()).isEqualTo(AuditSigningKey.keyId(x509));
        assertThat(keys.get(0).get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(keys.get(0).get("current").asBoolean()).isTrue();

        Checkpoint latest = TestStores.JSON.treeToValue(getJson("/public/audit/checkpoints/latest"), Checkpoint.class);
        Checkpoint three = TestStores.JSON.treeToValue(getJson("/public/audit/checkpoints/3"), Checkpoint.class);

        assertThat(latest.treeSize()).isEqualTo(6);
        assertThat(three.treeSize()).isEqualTo(3);
        for (Checkpoint checkpoint : List.of(latest, three)) {
            assertThat(checkpoint.keyId()).isEqualTo(keys.get(0).get("keyId").asText());
            assertThat(AuditSigningKey.verify(AuditSigningKey.publicKey(x509), checkpoint.statementBytes(),
                    checkpoint.signature())).isTrue();
        }
        assertThat(getJson("/public/audit/checkpoints?after=0").get("items").findValuesAsText("treeSize"))
                .containsExactly("3", "6");
        assertThat(getJson("/public/audit/checkpoints?after=3").get("items").findValuesAsText("treeSize"))
                .containsExactly("6");
        problem("/public/audit/checkpoints/4", 404);
        assertThat(problem("/public/audit/checkpoints/abc", 400).get("errors").findValuesAsText("field"))
                .containsExactly("treeSize");
        problem("/public/audit/checkpoints/0", 400);
    }

    @Test
    void inclusionProofsVerifyAgainstTheSignedRoot() {
        Checkpoint six = checkpoint(6);
        List<JsonNode> entries = new ArrayList<>();
        getJson("/public/decisions").get("items").forEach(entries::add);
        for (int seq = 1; seq <= 6; seq++) {
            JsonNode proof = getJson("/public/audit/proofs/inclusion?seq=" + seq + "&treeSize=6");
            byte[] leaf = MerkleTree.leafHash(Hashing.unhex(entries.get(seq - 1).get("hash").asText()));

            assertThat(proof.get("leafHash").asText()).isEqualTo(Hashing.hex(leaf));
            assertThat(proof.get("rootHash").asText()).isEqualTo(six.rootHash());
            assertThat(proof.get("leafIndex").asLong()).isEqualTo(seq - 1);
            assertThat(MerkleTree.verifyInclusion(seq - 1, 6, leaf, hashes(proof.get("auditPath")),
                    Hashing.unhex(six.rootHash()))).as("seq %d", seq).isTrue();
        }
        assertThat(getJson("/public/audit/proofs/inclusion?seq=7").get("treeSize").asLong()).isEqualTo(7);
    }

    @Test
    void badInclusionParametersAre400AndTreesTheLogHasNotReachedAre404() {
        assertThat(problem("/public/audit/proofs/inclusion", 400).get("errors")).isEqualTo(json(
                "[{\"field\":\"seq\",\"message\":\"is required\"}]"));
        assertThat(problem("/public/audit/proofs/inclusion?seq=5&treeSize=4", 400).get("errors")).isEqualTo(json(
                "[{\"field\":\"seq\",\"message\":\"must not exceed treeSize\"}]"));
        assertThat(problem("/public/audit/proofs/inclusion?seq=0&treeSize=x", 400).get("errors")
                .findValuesAsText("field")).containsExactly("seq", "treeSize");
        problem("/public/audit/proofs/inclusion?seq=2&treeSize=99", 404);
        problem("/public/audit/proofs/inclusion?seq=8", 404);
    }

    @Test
    void consistencyProofsVerifyBetweenSignedRoots() {
        Checkpoint three = checkpoint(3);
        Checkpoint six = checkpoint(6);

        JsonNode proof = getJson("/public/audit/proofs/consistency?from=3&to=6");

        assertThat(proof.get("fromRoot").asText()).isEqualTo(three.rootHash());
        assertThat(proof.get("toRoot").asText()).isEqualTo(six.rootHash());
        assertThat(MerkleTree.verifyConsistency(3, 6, Hashing.unhex(three.rootHash()), Hashing.unhex(six.rootHash()),
                hashes(proof.get("consistencyPath")))).isTrue();
        assertThat(getJson("/public/audit/proofs/consistency?from=6&to=6").get("consistencyPath")).isEmpty();
        assertThat(problem("/public/audit/proofs/consistency?from=6&to=3", 400).get("errors")
                .findValuesAsText("field")).containsExactly("from");
        assertThat(problem("/public/audit/proofs/consistency", 400).get("errors").findValuesAsText("field"))
                .containsExactly("from", "to");
        problem("/public/audit/proofs/consistency?from=3&to=99", 404);
    }

    @Test
    void theStreamSendsEntriesAfterTheGivenSeqAsServerSentEvents() {
        List<ServerSentEvent<String>> events = client.get().uri("/public/decisions/stream?after=5")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody().filter(e -> e.data() != null).take(2).collectList().block(Duration.ofSeconds(60));

        assertThat(events).extracting(ServerSentEvent::id).containsExactly("6", "7");
        assertThat(events).extracting(ServerSentEvent::event).containsExactly("decision", "decision");
        assertThat(json(events.get(0).data()).get("eventId").asText()).isEqualTo("ev-6");
    }

    @Test
    void theStreamSendsNewEntriesAsTheyAreAppended() throws Exception {
        CompletableFuture<List<ServerSentEvent<String>>> next = client.get().uri("/public/decisions/stream")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody().filter(e -> e.data() != null).take(1).collectList().toFuture();
        Thread.sleep(300);

        projection.handle(history.get(14));
        projection.handle(history.get(15));

        List<ServerSentEvent<String>> events = next.get(60, TimeUnit.SECONDS);
        assertThat(events).extracting(ServerSentEvent::id).containsExactly("8");
    }

    @Test
    void aBadStreamParameterIsAProblemNotAStream() {
        client.get().uri("/public/decisions/stream?after=x").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("after");
    }

    private Checkpoint checkpoint(long treeSize) {
        try {
            return TestStores.JSON.treeToValue(getJson("/public/audit/checkpoints/" + treeSize), Checkpoint.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(h -> hashes.add(Hashing.unhex(h.asText())));
        return hashes;
    }

    private JsonNode getJson(String uri) {
        return QueryWebTest.getJson(client, uri);
    }

    private JsonNode problem(String uri, int status) {
        JsonNode problem = json(client.get().uri(uri).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    /**
     * The query side's audit beans on the shared HTTP edge, without the time-based signing: its check at
     * start ran on its own thread while the test appended, and sometimes signed a checkpoint at size 1
     * besides the every-third ones these tests expect ({@code DecisionLogProjectionTest} covers the schedule).
     */
    @Configuration
    @ComponentScan(value = "kyodo.query.audit", excludeFilters = @ComponentScan.Filter(
            type = FilterType.REGEX, pattern = "kyodo\\.query\\.audit\\.CheckpointSchedule"))
    @Import(QueryWebTest.Edge.class)
    static class Web {
    }
}
