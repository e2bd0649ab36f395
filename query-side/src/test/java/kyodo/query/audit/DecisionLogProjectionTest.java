package kyodo.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import kyodo.kernel.decision.DecisionEvent;
import kyodo.query.audit.AuditFixtures.Audit;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static kyodo.query.audit.AuditFixtures.history;
import static kyodo.query.audit.AuditFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

class DecisionLogProjectionTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private Audit audit;
    private AnnotationEventHandlerAdapter handler;
    private MongoCollection<Document> log;
    private MongoCollection<Document> staff;
    private MongoCollection<Document> checkpoints;

    @BeforeEach
    void freshLog() {
        audit = new Audit(stores.freshDatabase(), 3);
        // Through Axon's own adapter, so that the handler's payload type and @MessageIdentifier are exercised.
        handler = new AnnotationEventHandlerAdapter(audit.projection);
        log = audit.database.getCollection(DecisionLog.LOG);
        staff = audit.database.getCollection(DecisionLog.STAFF);
        checkpoints = audit.database.getCollection(Checkpoints.COLLECTION);
    }

    @Test
    void everyDecisionBecomesTheNextEntryOfAnUnbrokenChainAndNothingElseDoes() {
        List<EventMessage<?>> history = history(5);

        history.forEach(this::apply);

        List<DecisionLogEntry> entries = entries();
        assertThat(entries).extracting(DecisionLogEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(entries).extracting(DecisionLogEntry::eventId).containsExactly("ev-1", "ev-2", "ev-3", "ev-4", "ev-5");
        String prev = Hashing.ZERO_HASH;
        for (DecisionLogEntry entry : entries) {
            assertThat(entry.prevHash()).isEqualTo(prev);
            assertThat(entry.recomputedHash()).isEqualTo(entry.hash());
            prev = entry.hash();
        }
        DecisionLogEntry rejected = entries.get(3);
        DecisionLogEntry expected = DecisionLogEntry.of(4, entries.get(2).hash(), "ev-4",
                ((DecisionEvent) AuditFixtures.decisionEvent(4)).decision());
        assertThat(rejected).isEqualTo(expected);
        assertThat(rejected).isEqualTo(new DecisionLogEntry(4, "resolution-r4", "proposal", "prop-4", "asao",
                "PROPOSAL_ANSWER", "REJECTED", "否決されました", "STAFF", "2025-06-15T05:30:00.123Z",
                new DecisionLogEntry.Basis("meeting-resolution", "r4"), "ev-4", entries.get(2).hash(), expected.hash()));
        assertThat(entries.get(1).reason()).isNull();
        assertThat(entries.get(4).ward()).isNull();
        assertThat(entries.get(4).subjectType()).isEqualTo("meeting");
    }

    @Test
    void staffIdsAreKeptApartFromTheLog() {
        history(5).forEach(this::apply);

        String logJson = log.find().map(Document::toJson).into(new ArrayList<>()).toString();
        assertThat(logJson).doesNotContain(AuditFixtures.CLERK.staffId()).doesNotContain(AuditFixtures.HEAD.staffId());
        assertThat(staff.find().sort(Sorts.ascending("seq")).into(new ArrayList<>())).containsExactly(
                staffDoc("ev-1", 1, "d-1", "staff-0042"), staffDoc("ev-2", 2, "d-2", "staff-0007"),
                staffDoc("ev-3", 3, "d-3", "staff-0007"), staffDoc("ev-4", 4, "resolution-r4", "staff-0042"),
                staffDoc("ev-5", 5, "d-5", "staff-0007"));
    }

    @Test
    void anEventAlreadyInTheLogIsSkipped() {
        for (EventMessage<?> message : history(4)) {
            apply(message);
            List<String> once = allJson();

            apply(message);

            assertThat(allJson()).isEqualTo(once);
        }
        assertThat(log.countDocuments()).isEqualTo(4);
        assertThat(staff.countDocuments()).isEqualTo(4);
    }

    @Test
    void replayingTwiceAfterAResetGivesByteIdenticalEntriesAndHashes() {
        List<EventMessage<?>> history = history(7);
        history.forEach(this::apply);
        List<String> onePass = allJson();
        List<String> staffOnePass = staff.find().sort(Sorts.ascending("seq")).map(Document::toJson)
                .into(new ArrayList<>());

        assertThat(audit.database.getCollection(DecisionLog.FRONTIER).countDocuments()).isOne();
        audit.projection.reset();
        assertThat(log.countDocuments()).isZero();
        assertThat(staff.countDocuments()).isZero();
        assertThat(audit.database.getCollection(DecisionLog.FRONTIER).countDocuments()).isZero();
        process(history, m -> { });
        history.forEach(this::apply);

        assertThat(allJson()).hasSize(7).isEqualTo(onePass);
        assertThat(staff.find().sort(Sorts.ascending("seq")).map(Document::toJson).into(new ArrayList<>()))
                .isEqualTo(staffOnePass);
    }

    @Test
    void aBatchIsAppendedInOneInsertWhenItCommitsBeforeItsPosition() {
        List<EventMessage<?>> batch = new ArrayList<>(history(4));
        batch.add(message("ev-last-other", "an event of another feature"));
        List<Long> sizeAfterEach = new ArrayList<>();
        stores.commands.clear();

        process(batch, m -> sizeAfterEach.add(log.countDocuments()));

        assertThat(sizeAfterEach).hasSize(batch.size()).containsOnly(0L);
        assertThat(log.countDocuments()).isEqualTo(4);
        assertThat(stores.commands.stream().filter("insert"::equals)).hasSize(1);
        List<String> batched = allJson();
        audit.projection.reset();
        history(4).forEach(this::apply);
        assertThat(allJson()).isEqualTo(batched);
    }

    @Test
    void aBatchThatFailsBeforeItsLastDecisionWritesNothing() {
        List<EventMessage<?>> batch = history(4);

        process(batch, m -> {
            if (m == batch.get(batch.size() - 2)) {
                throw new IllegalStateException("the processor failed mid-batch");
            }
        });

        assertThat(log.countDocuments()).isZero();
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    /**
     * Mongo is not in the processor's transaction: a batch is written while its last decision is
     * handled, before the token is stored. If the batch then fails, the retried batch must continue
     * the chain exactly as a clean run does, neither repeating nor skipping an entry.
     */
    @Test
    void aBatchThatFailsAfterWritingIsRetriedToTheSameLog() {
        List<EventMessage<?>> first = history(2);
        List<EventMessage<?>> second = history(6).subList(4, 12);
        process(first, m -> { });
        process(second, m -> { });
        List<String> clean = allJson();
        audit.projection.reset();
        process(first, m -> { });

        process(second, m -> {
            if (m == second.get(second.size() - 1)) {
                throw new IllegalStateException("the token could not be stored");
            }
        });
        process(second, m -> { });

        assertThat(allJson()).hasSize(6).isEqualTo(clean);
    }

    @Test
    void aCheckpointIsSignedWheneverTheLogReachesAMultipleOfTheInterval() {
        List<EventMessage<?>> history = history(7);
        process(history.subList(0, 6), m -> { });
        history.subList(6, 14).forEach(this::apply);

        List<Checkpoint> issued = audit.checkpoints.after(0, 100);
        assertThat(issued).extracting(Checkpoint::treeSize).containsExactly(3L, 6L);
        List<byte[]> leaves = entries().stream().map(e -> MerkleTree.leafHash(e.leafData())).toList();
        for (Checkpoint checkpoint : issued) {
            assertThat(audit.keys.verify(checkpoint)).isTrue();
            assertThat(checkpoint.keyId()).isEqualTo(AuditFixtures.KEY.keyId());
            assertThat(checkpoint.issuedAt()).isEqualTo("2025-07-01T00:00:00.000Z");
            assertThat(checkpoint.rootHash())
                    .isEqualTo(Hashing.hex(MerkleTree.root(leaves.subList(0, (int) checkpoint.treeSize()))));
        }
        assertThat(audit.checkpoints.latest()).contains(issued.get(1));
    }

    @Test
    void aResetKeepsTheCheckpointsAndTheReplayedLogStillMatchesThem() {
        List<EventMessage<?>> history = history(6);
        history.forEach(this::apply);
        List<Checkpoint> before = audit.checkpoints.after(0, 100);
        audit.clock.advance(Duration.ofDays(3));

        audit.projection.reset();
        process(history, m -> { });

        assertThat(audit.checkpoints.after(0, 100)).hasSize(2).isEqualTo(before);
        for (Checkpoint checkpoint : before) {
            assertThat(Hashing.hex(audit.log.root(checkpoint.treeSize()))).isEqualTo(checkpoint.rootHash());
        }
    }

    @Test
    void aCheckpointMissedAfterAFailureIsIssuedWithTheNextDecisions() {
        history(7).forEach(this::apply);
        checkpoints.deleteOne(Filters.eq("_id", 6L));

        history(8).subList(14, 16).forEach(this::apply);

        assertThat(audit.checkpoints.after(0, 100)).extracting(Checkpoint::treeSize).containsExactly(3L, 6L);
        assertThat(audit.checkpoints.find(6).orElseThrow().rootHash())
                .isEqualTo(Hashing.hex(audit.log.root(6)));
    }

    @Test
    void aRestartedProcessContinuesTheTreeFromTheFrontierKeptAtTheLastIntervalWithoutReadingTheEntriesBefore() {
        List<EventMessage<?>> history = history(10);
        history.subList(0, 16).forEach(this::apply);
        List<byte[]> genuineLeaves = new ArrayList<>(entries().stream().map(e -> MerkleTree.leafHash(e.leafData())).toList());
        byte[] genuineRoot = MerkleTree.root(genuineLeaves);
        // an entry the kept frontier covers, changed where only a rebuild from every entry would read it
        log.updateOne(Filters.eq("_id", 2L), new Document("$set", new Document("hash", "ab".repeat(32))));

        Audit restarted = new Audit(audit.database, 3);
        DecisionLog.Head head = restarted.log.head();
        assertThat(head.seq()).isEqualTo(8);
        assertThat(restarted.log.keptFrontier(head)).hasValueSatisfying(frontier -> {
            assertThat(frontier.size()).isEqualTo(8);
            assertThat(frontier.root()).isEqualTo(genuineRoot);
        });
        handleAll(new AnnotationEventHandlerAdapter(restarted.projection), history.subList(16, 20));

        genuineLeaves.add(MerkleTree.leafHash(entries().get(8).leafData()));
        assertThat(restarted.checkpoints.find(9).orElseThrow().rootHash())
                .isEqualTo(Hashing.hex(MerkleTree.root(genuineLeaves)));
        assertThat(audit.database.getCollection(DecisionLog.FRONTIER).find().first().get("size")).isEqualTo(9L);
    }

    @Test
    void theWholeLogIsSignedWithTheRootTheProjectionGrewWithoutReadingEveryEntry() {
        Audit restarted = new Audit(audit.database, 1000);
        handleAll(new AnnotationEventHandlerAdapter(restarted.projection), history(5));
        byte[] genuineRoot = MerkleTree.root(entries().stream().map(e -> MerkleTree.leafHash(e.leafData())).toList());
        // an entry before the head, changed where only a root from every leaf would read it
        log.updateOne(Filters.eq("_id", 2L), new Document("$set", new Document("hash", "ab".repeat(32))));

        assertThat(restarted.log.root(5)).isEqualTo(genuineRoot);

        log.updateOne(Filters.eq("_id", 5L), new Document("$set", new Document("hash", "cd".repeat(32))));
        assertThat(restarted.log.root(5)).as("the head is not what the projection grew").isNotEqualTo(genuineRoot);
    }

    @Test
    void theScheduleSignsTheRootTheProjectionGrewWhileAnAppendStoresEntriesAfterIt() {
        Audit restarted = new Audit(audit.database, 1000);
        handleAll(new AnnotationEventHandlerAdapter(restarted.projection), history(5));
        byte[] grown = MerkleTree.root(entries().stream().map(e -> MerkleTree.leafHash(e.leafData())).toList());
        // an append that has stored its entry but not yet handed the schedule its root
        DecisionLogEntry next = DecisionLogEntry.of(6, entries().get(4).hash(), "ev-next", ((DecisionEvent) AuditFixtures.decisionEvent(6)).decision());
        log.insertOne(next.toDocument());
        // an entry the known root covers, changed where only a root from every leaf would read it
        log.updateOne(Filters.eq("_id", 2L), new Document("$set", new Document("hash", "ab".repeat(32))));
        CheckpointSchedule schedule = new CheckpointSchedule(restarted.log, restarted.checkpoints, restarted.feed,
                new Witnessing(restarted.checkpoints, restarted.log, AuditFixtures.settings(1000)),
                AuditFixtures.settings(1000), (delay, task) -> { });

        assertThat(schedule.coverLog()).hasValueSatisfying(checkpoint -> {
            assertThat(checkpoint.treeSize()).isEqualTo(5);
            assertThat(checkpoint.rootHash()).isEqualTo(Hashing.hex(grown));
        });
        assertThat(schedule.coverLog()).as("the rest from the stored entries")
                .map(Checkpoint::treeSize).contains(6L);
    }

    @Test
    void aKeptFrontierThatIsNotOfTheStoredLogIsRebuiltFromTheEntries() {
        List<EventMessage<?>> history = history(10);
        history.subList(0, 16).forEach(this::apply);
        MongoCollection<Document> kept = audit.database.getCollection(DecisionLog.FRONTIER);
        kept.updateOne(new Document(), new Document("$set", new Document("headHash", "cd".repeat(32))));

        Audit restarted = new Audit(audit.database, 3);
        assertThat(restarted.log.keptFrontier(restarted.log.head())).isEmpty();
        handleAll(new AnnotationEventHandlerAdapter(restarted.projection), history.subList(16, 20));

        List<byte[]> leaves = entries().stream().map(e -> MerkleTree.leafHash(e.leafData())).toList();
        assertThat(restarted.checkpoints.find(9).orElseThrow().rootHash())
                .isEqualTo(Hashing.hex(MerkleTree.root(leaves.subList(0, 9))));
        assertThat(kept.find().first().getString("headHash"))
                .isEqualTo(entries().get(8).hash());
    }

    @Test
    void theFeedHandsOutStoredEntriesThenNewOnesAsTheyAreAppended() throws Exception {
        List<EventMessage<?>> history = history(3);
        history.subList(0, 4).forEach(this::apply);
        CompletableFuture<List<DecisionLogEntry>> followed = audit.feed.follow(0).take(3).collectList().toFuture();
        CompletableFuture<List<DecisionLogEntry>> onlyNew = audit.feed.follow(2).take(1).collectList().toFuture();

        history.subList(4, 6).forEach(this::apply);

        assertThat(followed.get(60, TimeUnit.SECONDS)).extracting(DecisionLogEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(onlyNew.get(60, TimeUnit.SECONDS)).extracting(DecisionLogEntry::eventId).containsExactly("ev-3");
    }

    @Test
    void theScheduleSignsOneCheckpointPerBatchOfAppendsWithinTheDelayAndNoneWithoutGrowth() {
        List<Duration> delays = new ArrayList<>();
        List<Runnable> armed = new ArrayList<>();
        CheckpointSchedule schedule = new CheckpointSchedule(audit.log, audit.checkpoints, audit.feed,
                new Witnessing(audit.checkpoints, audit.log, AuditFixtures.settings(1000)), AuditFixtures.settings(1000),
                (delay, task) -> {
                    delays.add(delay);
                    armed.add(task);
                });
        assertThat(schedule.coverLog()).as("empty log").isEmpty();

        history(2).forEach(this::apply);
        schedule.appended();
        schedule.appended();
        assertThat(armed).as("one signing for both appends").hasSize(1);
        assertThat(delays).containsExactly(Duration.ofSeconds(5));
        assertThat(audit.checkpoints.latest()).as("nothing signed before the delay").isEmpty();
        armed.remove(0).run();
        assertThat(audit.checkpoints.latest()).map(Checkpoint::treeSize).contains(2L);
        assertThat(audit.keys.verify(audit.checkpoints.find(2).orElseThrow())).isTrue();

        assertThat(schedule.coverLog()).as("no growth").isEmpty();
        history(4).subList(4, 6).forEach(this::apply);
        schedule.appended();
        assertThat(armed).as("the next append arms the next signing").hasSize(1);
        armed.remove(0).run();
        assertThat(audit.checkpoints.latest()).map(Checkpoint::treeSize).contains(3L);
        assertThat(audit.checkpoints.after(0, 10)).extracting(Checkpoint::treeSize).containsExactly(2L, 3L);
    }

    @Test
    void theDelayIsTheSmallerOfMaxDelayAndTheOlderMaxAge() {
        AuditSettings settings = AuditFixtures.settings(1000);
        AuditSettings olderName = new AuditSettings("", "", Duration.ofSeconds(10), 1000, Duration.ofSeconds(4),
                Duration.ofHours(1), "", "city.example", List.of(), settings.stream());

        assertThat(settings.checkpointDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(olderName.checkpointDelay()).isEqualTo(Duration.ofSeconds(4));
    }

    private static Document staffDoc(String eventId, long seq, String decisionId, String staffId) {
        return new Document("_id", eventId).append("seq", seq).append("decisionId", decisionId)
                .append("staffId", staffId);
    }

    private List<DecisionLogEntry> entries() {
        return audit.log.after(0, 1000);
    }

    private List<String> allJson() {
        return log.find().sort(Sorts.ascending("_id")).map(Document::toJson).into(new ArrayList<>());
    }

    /** One event outside any unit of work: written at once. */
    private void apply(EventMessage<?> message) {
        handleAll(handler, List.of(message));
    }

    /** Events one by one, outside any unit of work, through that projection's adapter. */
    private static void handleAll(AnnotationEventHandlerAdapter adapter, List<EventMessage<?>> messages) {
        for (EventMessage<?> message : messages) {
            try {
                adapter.handle(message);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Events in one unit of work, as a streaming processor hands over a batch; {@code during} runs after each. */
    private void process(List<EventMessage<?>> batch, Consumer<EventMessage<?>> during) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.copyOf(batch));
        unitOfWork.executeWithResult(() -> {
            handler.handle(unitOfWork.getMessage());
            during.accept(unitOfWork.getMessage());
            return null;
        });
    }
}
