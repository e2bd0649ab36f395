package kyodo.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.query.audit.AuditFixtures.Audit;
import kyodo.query.audit.AuditReport.CheckpointProblem;
import kyodo.query.audit.AuditReport.Divergence;
import kyodo.query.proposal.TestStores;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The verifier recomputes the log from an event store and finds each kind of tampering. */
class AuditVerifierTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private EmbeddedEventStore eventStore;
    private Audit audit;
    private AuditVerifier verifier;
    private MongoCollection<Document> log;

    @BeforeEach
    void sixDecisionsProjected() throws Exception {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        eventStore.publish(AuditFixtures.history(6));
        audit = new Audit(stores.freshDatabase(), 3);
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(audit.projection);
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(null)) {
            while (events.hasNextAvailable()) {
                handler.handle(events.nextAvailable());
            }
        }
        verifier = new AuditVerifier(eventStore, audit.log, audit.checkpoints, audit.keys);
        log = audit.database.getCollection(DecisionLog.LOG);
    }

    @AfterEach
    void stopEventStore() {
        eventStore.shutDown();
    }

    @Test
    void anIntactLogAndItsCheckpointsVerifyWithCounts() {
        AuditReport report = verifier.verify();

        assertThat(report.ok()).isTrue();
        assertThat(report.eventsRead()).isEqualTo(12);
        assertThat(report.decisionEvents()).isEqualTo(6);
        assertThat(report.logEntries()).isEqualTo(6);
        assertThat(report.checkpointsVerified()).isEqualTo(2);
        assertThat(report.divergence()).isNull();
        assertThat(report.checkpointProblems()).isEmpty();
        assertThat(report.render()).startsWith("audit verify: OK\n").contains("decision events:      6");
    }

    @Test
    void aModifiedFieldIsReportedWithItsSeqAndBothValues() {
        log.updateOne(Filters.eq("_id", 3L), Updates.set("reason", "書き換えた理由"));

        AuditReport report = verifier.verify();

        assertThat(report.ok()).isFalse();
        assertThat(report.divergence()).isEqualTo(new Divergence(3, "reason", "\"来年度に整備します\"", "\"書き換えた理由\""));
        assertThat(report.render()).contains("first divergent seq:  3").contains("field:    reason");
    }

    @Test
    void aModifiedFieldWhoseHashWasRecomputedIsStillCaught() {
        DecisionLogEntry third = audit.log.entry(3).orElseThrow();
        DecisionLogEntry forged = new DecisionLogEntry(3, third.decisionId(), third.subjectType(), third.subjectId(),
                third.ward(), third.kind(), "REJECTED", third.reason(), third.decidedByRole(), third.decidedAt(),
                third.basis(), third.eventId(), third.prevHash(), null);
        log.replaceOne(Filters.eq("_id", 3L), forged.withHash(forged.recomputedHash()).toDocument());

        assertThat(verifier.verify().divergence()).isEqualTo(new Divergence(3, "outcome", "\"ACCEPTED\"", "\"REJECTED\""));
    }

    @Test
    void aDeletedEntryIsReportedWhereTheGapOpens() {
        log.deleteOne(Filters.eq("_id", 4L));

        AuditReport report = verifier.verify();

        assertThat(report.divergence()).isEqualTo(new Divergence(4, "seq", "4", "5"));
        assertThat(report.logEntries()).isEqualTo(5);
    }

    @Test
    void aMissingLastEntryIsReported() {
        log.deleteOne(Filters.eq("_id", 6L));

        assertThat(verifier.verify().divergence())
                .isEqualTo(new Divergence(6, "entry", "entry with eventId \"ev-6\"", "(none: the log ends at seq 5)"));
    }

    @Test
    void aForgedEntryWithAValidChainIsReportedAsExtra() {
        DecisionLogEntry last = audit.log.entry(6).orElseThrow();
        Decision forged = new Decision("d-forged", SubjectType.PROPOSAL, "prop-x", Ward.KAWASAKI,
                DecisionKind.PROPOSAL_ANSWER, DecisionOutcome.ACCEPTED, "存在しない決定",
                new StaffRef("nobody", "ADMIN"), Instant.parse("2025-08-01T00:00:00Z"), null);
        log.insertOne(DecisionLogEntry.of(7, last.hash(), "ev-forged", forged).toDocument());

        AuditReport report = verifier.verify();

        assertThat(report.divergence()).isEqualTo(new Divergence(7, "entry",
                "(none: the event store holds 6 decisions)", "entry with eventId \"ev-forged\" at _id 7"));
        assertThat(report.logEntries()).isEqualTo(7);
    }

    @Test
    void twoEntriesSwappedAreReportedAtTheFirstOfThem() {
        Document second = log.find(Filters.eq("_id", 2L)).first();
        Document fifth = log.find(Filters.eq("_id", 5L)).first();
        log.deleteMany(Filters.in("_id", 2L, 5L));
        log.insertOne(new Document(fifth).append("_id", 2L));
        log.insertOne(new Document(second).append("_id", 5L));

        assertThat(verifier.verify().divergence()).isEqualTo(new Divergence(2, "eventId", "\"ev-2\"", "\"ev-5\""));
    }

    @Test
    void aCheckpointWithAnAlteredRootNoLongerVerifies() {
        audit.checkpoints.collection().bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 3L), Updates.set("rootHash", "00".repeat(32)))));

        AuditReport report = verifier.verify();

        assertThat(report.ok()).isFalse();
        assertThat(report.divergence()).isNull();
        assertThat(report.checkpointsVerified()).isEqualTo(1);
        assertThat(report.checkpointProblems()).containsExactly(new CheckpointProblem(3,
                "signature does not verify with key " + AuditFixtures.KEY.keyId()));
    }

    @Test
    void aCheckpointSignedOverAWrongRootIsCaughtByItsRoot() {
        Checkpoint genuine = audit.checkpoints.find(6).orElseThrow();
        Checkpoint unsigned = new Checkpoint(6, "11".repeat(32), genuine.issuedAt(), null, genuine.keyId());
        audit.checkpoints.collection().bulkWrite(List.of(new ReplaceOneModel<>(Filters.eq("_id", 6L), new Checkpoint(6, unsigned.rootHash(),
                unsigned.issuedAt(), AuditFixtures.KEY.sign(unsigned.statementBytes()), genuine.keyId()).toDocument())));

        assertThat(verifier.verify().checkpointProblems()).containsExactly(new CheckpointProblem(6,
                "rootHash: expected " + genuine.rootHash() + ", found " + "11".repeat(32)));
    }

    @Test
    void aCheckpointSignedWithAnUnknownKeyIsReported() {
        AuditSigningKey stranger = AuditSigningKey.generate(new SecureRandom());
        Checkpoint genuine = audit.checkpoints.find(3).orElseThrow();
        Checkpoint unsigned = new Checkpoint(3, genuine.rootHash(), genuine.issuedAt(), null, stranger.keyId());
        audit.checkpoints.collection().bulkWrite(List.of(new ReplaceOneModel<>(Filters.eq("_id", 3L), new Checkpoint(3, genuine.rootHash(),
                genuine.issuedAt(), stranger.sign(unsigned.statementBytes()), stranger.keyId()).toDocument())));

        assertThat(verifier.verify().checkpointProblems())
                .containsExactly(new CheckpointProblem(3, "signed with unknown key " + stranger.keyId()));
    }

    @Test
    void aCheckpointBeyondTheRecordedDecisionsIsReported() {
        audit.checkpoints.issue(9, MerkleTree.emptyRoot());

        assertThat(verifier.verify().checkpointProblems()).containsExactly(
                new CheckpointProblem(9, "covers 9 entries but the event store holds only 6 decisions"));
    }

    @Test
    void anEmptyStoreAndAnEmptyLogVerify() {
        EmbeddedEventStore empty = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        try {
            Audit fresh = new Audit(stores.freshDatabase(), 3);
            AuditReport report = new AuditVerifier(empty, fresh.log, fresh.checkpoints, fresh.keys).verify();

            assertThat(report.ok()).isTrue();
            assertThat(List.of(report.eventsRead(), report.decisionEvents(), report.logEntries()))
                    .containsExactly(0L, 0L, 0L);
        } finally {
            empty.shutDown();
        }
    }
}
