package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import kyodo.kernel.StaffRef;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.ops.audit.PublicLogVerifier;
import kyodo.ops.audit.WitnessPolicy;
import kyodo.ops.cli.AuditCli;
import kyodo.query.audit.AuditReport.Divergence;
import kyodo.query.audit.AuditReport;
import kyodo.query.audit.AuditSigningKey;
import kyodo.query.audit.AuditVerifier;
import kyodo.query.audit.CanonicalJson;
import kyodo.query.audit.Checkpoint;
import kyodo.query.audit.DecisionLog;
import kyodo.query.audit.DecisionLogEntry;
import kyodo.query.audit.Hashing;
import kyodo.query.audit.MerkleTree;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision audit trail end to end: decisions made over HTTP appear in the public log within
 * seconds as an unbroken hash chain with signed checkpoints (every two entries here, the delay set long so that
 * the fifth stays unsigned), an outsider's
 * verifier accepts the running app through its public endpoints only, and the verifier that
 * recomputes the log from the event store catches each way of tampering with the stored log.
 */
class DecisionAuditIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.audit.checkpoint-every=2",
            "--kyodo.audit.checkpoint-max-delay=1h",
            "--kyodo.projections.segments=4");
    private static final Client staff = app.staff();
    private static final Client publicReader = app.anonymous();

    @BeforeAll
    static void fiveDecisions() {
        String first = acknowledged();
        post(first, "decision", Map.of("outcome", "ACCEPTED", "reason", "来年度に整備します"));
        String second = acknowledged();
        post(second, "revision-requests", Map.of("reason", "場所を具体的に書いてください"));
        post(second, "revisions", Map.of("body", "駅北口の駐輪場です"));
        post(second, "decision", Map.of("outcome", "REJECTED", "reason", "用地がありません"));
        String third = acknowledged();
        post(third, "decision", Map.of("outcome", "REJECTED", "reason", "区の所管ではありません"));
        String fourth = acknowledged();
        post(fourth, "revision-requests", Map.of("reason", "写真を添えてください"));
    }

    private static String acknowledged() {
        return staff.acknowledgedProposal("幸区役所 地域振興課");
    }

    private static void post(String id, String action, Object body) {
        staff.post("/api/proposals/{id}/" + action, id).body(body).ok();
    }

    private static JsonNode get(String uri) {
        try {
            return JSON.readTree(publicReader.get(uri).ok().text());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The public log, once it shows all five decisions (projections lag by design). */
    private static JsonNode publicLog() {
        JsonNode[] page = new JsonNode[1];
        KyodoTestApp.eventually(() -> {
            page[0] = get("/public/decisions");
            assertThat(page[0].get("items")).hasSize(5);
        });
        return page[0];
    }

    private static URI baseUrl() {
        return URI.create("http://localhost:" + app.port());
    }

    @Test
    void decisionsAppearInThePublicLogWithinSecondsAsAnUnbrokenChainWithoutStaffIds() {
        JsonNode items = publicLog().get("items");

        assertThat(items.findValuesAsText("seq")).containsExactly("1", "2", "3", "4", "5");
        assertThat(items.findValuesAsText("kind")).containsExactly("PROPOSAL_ANSWER", "REVISION_REQUEST",
                "PROPOSAL_ANSWER", "PROPOSAL_ANSWER", "REVISION_REQUEST");
        assertThat(items.findValuesAsText("outcome")).containsExactly("ACCEPTED", "REVISION_REQUESTED", "REJECTED",
                "REJECTED", "REVISION_REQUESTED");
        assertThat(items.findValuesAsText("reason")).startsWith("来年度に整備します", "場所を具体的に書いてください");
        assertThat(items.findValuesAsText("decidedByRole")).containsOnly("STAFF");
        assertThat(items.findValuesAsText("subjectType")).containsOnly("proposal");
        assertThat(items.findValuesAsText("ward")).containsOnly("saiwai");
        String prev = Hashing.ZERO_HASH;
        for (JsonNode item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> members = JSON.convertValue(item, LinkedHashMap.class);
            members.remove("prevHash");
            members.remove("hash");
            assertThat(item.get("prevHash").asText()).isEqualTo(prev);
            assertThat(DecisionLogEntry.chainHash(prev, CanonicalJson.bytes(members))).isEqualTo(item.get("hash").asText());
            prev = item.get("hash").asText();
        }
        String body = items.toString();
        assertThat(body).doesNotContain("s-test-1").doesNotContain(Requests.PROPOSER_NAME)
                .doesNotContain(Requests.PROPOSER_CONTACT);
    }

    @Test
    void checkpointsAreSignedEveryTwoEntriesAndVerifyWithTheServedKey() {
        JsonNode items = publicLog().get("items");
        KyodoTestApp.eventually(() -> assertThat(get("/public/audit/checkpoints/latest").get("treeSize").asLong())
                .isEqualTo(4));
        JsonNode key = get("/public/audit/keys").get("keys").get(0);
        byte[] x509 = Base64.getDecoder().decode(key.get("publicKey").asText());
        List<byte[]> leaves = new ArrayList<>();
        items.forEach(item -> leaves.add(MerkleTree.leafHash(Hashing.unhex(item.get("hash").asText()))));

        for (long size : List.of(2L, 4L)) {
            JsonNode node = get("/public/audit/checkpoints/" + size);
            Checkpoint checkpoint = new Checkpoint(node.get("treeSize").asLong(), node.get("rootHash").asText(),
                    node.get("issuedAt").asText(), node.get("signature").asText(), node.get("keyId").asText());

            assertThat(checkpoint.keyId()).isEqualTo(key.get("keyId").asText()).isEqualTo(AuditSigningKey.keyId(x509));
            assertThat(AuditSigningKey.verify(AuditSigningKey.publicKey(x509), checkpoint.statementBytes(),
                    checkpoint.signature())).isTrue();
            assertThat(checkpoint.rootHash()).isEqualTo(Hashing.hex(MerkleTree.root(leaves.subList(0, (int) size))));
        }
        publicReader.get("/public/audit/checkpoints/3").status(404).problem();
        assertThat(app.dataDir().resolve("audit/signing-key")).exists();
        assertThat(app.dataDir().resolve("audit/signing-key.pub")).exists();
    }

    @Test
    void theStreamReplaysTheLogFromAGivenSeq() {
        publicLog();

        List<ServerSentEvent<String>> events = publicReader.http().get().uri("/public/decisions/stream?after=3")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody().filter(e -> e.data() != null).take(2).collectList().block(Duration.ofSeconds(60));

        assertThat(events).extracting(ServerSentEvent::id).containsExactly("4", "5");
    }

    @Test
    void theIndependentVerifierAcceptsTheRunningAppThroughItsPublicEndpoints() {
        publicLog();
        KyodoTestApp.eventually(() -> assertThat(get("/public/audit/checkpoints/latest").get("treeSize").asLong())
                .isEqualTo(4));

        PublicLogVerifier.Result result = new PublicLogVerifier(baseUrl(), 8, null).check();

        assertThat(result.ok()).as(result.render()).isTrue();
        assertThat(result.lines()).anyMatch(l -> l.startsWith("ok   latest checkpoint (tree size 4"))
                .anyMatch(l -> l.equals("ok   4 of 4 entries fetched, hash chain recomputed and unbroken"))
                .anyMatch(l -> l.startsWith("ok   inclusion proofs of entries [1, 2, 3, 4] in tree 4"))
                .anyMatch(l -> l.equals("ok   consistency proof 2 → 4 verifies between the two signed roots"))
                .anyMatch(l -> l.equals("ok   1 unsigned entry after the checkpoint (5..5), hash chain unbroken"))
                .anyMatch(l -> l.startsWith("ok   latest checkpoint issued "));
        PublicLogVerifier.Result stale = new PublicLogVerifier(baseUrl(),
                new PublicLogVerifier.Options(1, null, Duration.ofHours(1), WitnessPolicy.none()),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(2))).check();
        assertThat(stale.ok()).as(stale.render()).isFalse();
        assertThat(stale.lines()).filteredOn(l -> l.startsWith("FAIL")).singleElement().asString()
                .contains("s ago: older than the 3600 s allowed");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), "audit", "check", "--url",
                baseUrl().toString(), "--samples", "3",
                "--max-checkpoint-age", "1h");
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("audit check: OK");
    }

    @Test
    void theIndependentVerifierCatchesEveryKindOfTamperingThroughThePublicEndpoints() {
        publicLog();
        KyodoTestApp.eventually(() -> assertThat(get("/public/audit/checkpoints/latest").get("treeSize").asLong())
                .isEqualTo(4));
        ReadCollection log = app.context().getBean(ReadStore.class).collection(DecisionLog.LOG);
        List<Document> original = log.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        List<DecisionLogEntry> entries = original.stream().map(DecisionLogEntry::fromDocument).toList();

        checked(log, original, stored -> stored.bulkWrite(List.of(
                new UpdateOneModel<>(Filters.eq("_id", 3L), Updates.set("reason", "改ざんした理由")))),
                "FAIL entry 3: hash " + entries.get(2).hash() + " but its content hashes to ");
        checked(log, original, stored -> stored.deleteMany(Filters.eq("_id", 2L)),
                "FAIL entry 2: the log serves seq 3 in its place");
        checked(log, original, stored -> {
            stored.deleteMany(Filters.in("_id", 2L, 4L));
            stored.insertMany(List.of(new Document(original.get(3)).append("_id", 2L),
                    new Document(original.get(1)).append("_id", 4L)));
        }, "FAIL entry 2: prevHash " + entries.get(3).prevHash() + " is not the previous hash " + entries.get(0).hash());
        checked(log, original, stored -> stored.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 5L),
                Updates.set("reason", "署名前に改ざん")))), "FAIL unsigned tail after tree size 4: entry 5: hash ");
        List<Document> rechained = new ArrayList<>(original.subList(0, 2));
        String prev = entries.get(1).hash();
        for (DecisionLogEntry e : entries.subList(2, 5)) {
            DecisionLogEntry forged = rehashed(new DecisionLogEntry(e.seq() + 1, e.decisionId(), e.subjectType(),
                    e.subjectId(), e.ward(), e.kind(), e.outcome(), e.reason(), e.decidedByRole(), e.decidedAt(),
                    e.basis(), e.eventId(), null, null), prev);
            if (e.seq() == 3) {
                DecisionLogEntry inserted = rehashed(new DecisionLogEntry(3, "d-forged", "proposal", "p-forged", null,
                        "PROPOSAL_ANSWER", "ACCEPTED", "存在しない決定", "ADMIN", e.decidedAt(), null, "ev-forged",
                        null, null), prev);
                rechained.add(inserted.toDocument());
                forged = rehashed(forged, inserted.hash());
            }
            rechained.add(forged.toDocument());
            prev = forged.hash();
        }
        checked(log, original, stored -> {
            stored.deleteMany(new Document());
            stored.insertMany(rechained.subList(0, 5));
        }, "FAIL root of entries 1..4 recomputed: ");

        PublicLogVerifier.Result restored = new PublicLogVerifier(baseUrl(), 8, null).check();
        assertThat(restored.ok()).as(restored.render()).isTrue();
    }

    /** The entry with that prevHash and the hash its members then give. */
    private static DecisionLogEntry rehashed(DecisionLogEntry e, String prevHash) {
        return ForgedLog.rehashed(e, e.seq(), prevHash);
    }

    /** Tampers with the stored log, checks {@code audit check} fails with that line first, restores the log. */
    private static void checked(ReadCollection log, List<Document> original, Consumer<ReadCollection> tampering,
                                String expectedFailure) {
        tampering.accept(log);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = AuditCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), "audit", "check", "--url",
                    baseUrl().toString());
            String output = out.toString(StandardCharsets.UTF_8);
            assertThat(status).as(output).isEqualTo(1);
            assertThat(output).startsWith("audit check: FAILED");
            assertThat(output.lines().filter(l -> l.startsWith("FAIL")).findFirst()).as(output).hasValueSatisfying(
                    line -> assertThat(line).startsWith(expectedFailure));
        } finally {
            log.deleteMany(new Document());
            log.insertMany(original);
        }
    }

    @Test
    void theTransparencyEndpointsAreDocumentedInOpenApi() {
        JsonNode paths = get("/v3/api-docs").get("paths");

        for (String path : List.of("/public/decisions", "/public/decisions/stream", "/public/audit/checkpoints/latest",
                "/public/audit/checkpoints/{treeSize}", "/public/audit/checkpoints", "/public/audit/proofs/inclusion",
                "/public/audit/proofs/consistency", "/public/audit/keys")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.get("/public/audit/proofs/inclusion").get("get").get("parameters").findValuesAsText("name"))
                .containsExactly("seq", "treeSize");
        assertThat(paths.get("/public/decisions").get("get").get("parameters").findValuesAsText("name"))
                .containsExactly("after", "limit", "subjectType", "subjectId", "kind", "outcome", "ward");
    }

    @Test
    void theDecisionLogRunsOnOneSegmentWhileOtherProjectionsKeepTheirs() {
        publicLog();
        ReadCollection tokens = app.context().getBean(ReadStore.class).collection("trackingtokens");

        assertThat(tokens.count(Filters.eq("processorName", DecisionLog.GROUP))).isEqualTo(1);
        assertThat(tokens.count(Filters.eq("processorName", "proposal-views"))).isEqualTo(4);
    }

    @Test
    void theAuditVerifierCatchesEveryKindOfTamperingWithTheStoredLog() {
        publicLog();
        KyodoTestApp.eventually(() -> assertThat(get("/public/audit/checkpoints/latest").get("treeSize").asLong())
                .isEqualTo(4));
        AuditVerifier verifier = app.context().getBean(AuditVerifier.class);
        ReadCollection log = app.context().getBean(ReadStore.class).collection(DecisionLog.LOG);
        List<Document> original = log.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        AuditReport intact = verifier.verify();
        assertThat(intact.ok()).as(intact.render()).isTrue();
        assertThat(intact.decisionEvents()).isEqualTo(5);
        assertThat(intact.logEntries()).isEqualTo(5);
        assertThat(intact.checkpointsVerified()).isEqualTo(2);
        assertThat(intact.eventsRead()).isEqualTo(app.storedEvents());

        tampered(log, original, stored -> stored.bulkWrite(List.of(
                new UpdateOneModel<>(Filters.eq("_id", 3L), Updates.set("reason", "改ざんした理由")))),
                new Divergence(3, "reason", "\"用地がありません\"", "\"改ざんした理由\""), verifier);
        tampered(log, original, stored -> stored.deleteMany(Filters.eq("_id", 2L)),
                new Divergence(2, "seq", "2", "3"), verifier);
        DecisionLogEntry last = DecisionLogEntry.fromDocument(original.get(4));
        Decision forged = new Decision("d-forged", SubjectType.PROPOSAL, "p-forged", null, DecisionKind.PROPOSAL_ANSWER,
                DecisionOutcome.ACCEPTED, "存在しない決定", new StaffRef("nobody", "ADMIN"),
                Instant.parse("2025-08-01T00:00:00Z"), null);
        tampered(log, original, stored -> stored.insertMany(List.of(DecisionLogEntry.of(6, last.hash(), "ev-forged", forged)
                        .toDocument())),
                new Divergence(6, "entry", "(none: the event store holds 5 decisions)",
                        "entry with eventId \"ev-forged\" at _id 6"), verifier);
        tampered(log, original, stored -> {
                    stored.deleteMany(Filters.in("_id", 2L, 4L));
                    stored.insertMany(List.of(new Document(original.get(3)).append("_id", 2L),
                            new Document(original.get(1)).append("_id", 4L)));
                }, new Divergence(2, "eventId", "\"" + original.get(1).getString("eventId") + "\"",
                        "\"" + original.get(3).getString("eventId") + "\""), verifier);

        assertThat(verifier.verify().ok()).as("restored").isTrue();
    }

    /** Tampers with the stored log, checks the verifier reports exactly this divergence, restores the log. */
    private static void tampered(ReadCollection log, List<Document> original,
                                 Consumer<ReadCollection> tampering, Divergence expected,
                                 AuditVerifier verifier) {
        tampering.accept(log);
        try {
            AuditReport report = verifier.verify();
            assertThat(report.ok()).isFalse();
            assertThat(report.divergence()).as(report.render()).isEqualTo(expected);
            assertThat(report.render()).contains("first divergent seq:  " + expected.seq());
        } finally {
            log.deleteMany(new Document());
            log.insertMany(original);
        }
    }
}
