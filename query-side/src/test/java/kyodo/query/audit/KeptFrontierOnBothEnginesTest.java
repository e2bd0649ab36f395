package kyodo.query.audit;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.embedded.EmbeddedReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static kyodo.query.audit.AuditFixtures.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kept Merkle frontier and the subtree hashes across a restart, on both engines of the read store (the embedded one is
 * closed and opened again, the Mongo one is read by new components): one that belongs to the stored
 * log is continued, one behind the entries is continued only along their chain, and one ahead of them
 * or off their chain is rebuilt from every entry, never trusted.
 */
class KeptFrontierOnBothEnginesTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    @TempDir
    Path directory;

    private final List<EventMessage<?>> history = history(12);
    private MongoDatabase database;
    private EmbeddedReadStore embedded;

    @AfterEach
    void closeStore() {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** A process's audit components over the engine's store; the embedded store is closed and opened again. */
    private Process start(String engine) {
        ReadStore store;
        if (engine.equals("embedded")) {
            if (embedded != null) {
                embedded.close();
            }
            embedded = EmbeddedReadStore.open(directory);
            store = embedded;
        } else {
            if (database == null) {
                database = stores.freshDatabase();
            }
            store = MongoReadStore.of(database);
        }
        return new Process(store);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void aRestartedProcessPreparesTheKeptFrontierContinuedToTheHeadAndSignsWithIt(String engine) {
        Process first = start(engine);
        first.handle(history.subList(0, 16)); // 8 decisions: the frontier kept at 6
        byte[] root = first.root(8);
        assertThat(first.keptSize()).isEqualTo(6);

        Process restarted = start(engine);
        assertThat(restarted.log.keptFrontier(restarted.log.head())).hasValueSatisfying(frontier -> {
            assertThat(frontier.size()).isEqualTo(8);
            assertThat(frontier.root()).isEqualTo(root);
        });
        restarted.projection.prepare();
        assertThat(restarted.log.knownRoot()).hasValueSatisfying(known -> {
            assertThat(known.size()).isEqualTo(8);
            assertThat(known.root()).isEqualTo(root);
        });
        restarted.signsTheNinthDecisionWithTheRootOfTheStoredEntries(history);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void aKeptFrontierAheadOfTheEntriesIsRebuiltFromThem(String engine) {
        Process first = start(engine);
        first.handle(history.subList(0, 16));
        // as if a kill -9 lost the last entries but kept the frontier written after them
        MerkleTree.Frontier ahead = first.log.keptFrontier(first.log.head()).orElseThrow();
        ahead.append(MerkleTree.leafHash(new byte[32]));
        first.log.keepFrontier(9, "ab".repeat(32), ahead.roots());

        Process restarted = start(engine);
        assertThat(restarted.log.keptFrontier(restarted.log.head())).isEmpty();
        restarted.projection.prepare();
        assertThat(restarted.keptSize()).as("rebuilt, and kept where an append keeps it").isEqualTo(6);
        assertThat(restarted.log.knownRoot().orElseThrow().root()).isEqualTo(restarted.root(8));
        restarted.signsTheNinthDecisionWithTheRootOfTheStoredEntries(history);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void aKeptFrontierBehindEntriesThatDoNotContinueItsChainIsRebuiltFromThem(String engine) {
        Process first = start(engine);
        first.handle(history.subList(0, 16)); // kept at 6
        // entry 7 does not continue the chain of the kept frontier's entry 6
        first.store.collection(DecisionLog.LOG).bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 7L),
                new Document("$set", new Document("prevHash", "cd".repeat(32))))));

        Process restarted = start(engine);
        assertThat(restarted.log.keptFrontier(restarted.log.head())).isEmpty();
        restarted.projection.prepare();
        assertThat(restarted.keptSize()).as("rebuilt, and kept where an append keeps it").isEqualTo(6);
        assertThat(restarted.log.knownRoot().orElseThrow().root()).isEqualTo(restarted.root(8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void theScheduleHasTheFrontierPreparedAtStartAndSignsTheLogWithIt(String engine) throws Exception {
        Process first = start(engine);
        first.handle(history.subList(0, 14)); // 7 decisions: the last checkpoint at 6
        byte[] root = first.root(7);

        Process restarted = start(engine);
        CheckpointSchedule schedule = new CheckpointSchedule(restarted.log, restarted.checkpoints, restarted.feed,
                new Witnessing(restarted.checkpoints, restarted.log, AuditFixtures.settings(3)),
                AuditFixtures.settings(3), restarted.projection);
        schedule.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (restarted.checkpoints.find(7).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // a poll of the schedule's thread, bounded
            }
        } finally {
            schedule.stop();
        }
        assertThat(restarted.log.knownRoot()).hasValueSatisfying(known -> assertThat(known.root()).isEqualTo(root));
        assertThat(restarted.checkpoints.find(7).orElseThrow().rootHash()).isEqualTo(Hashing.hex(root));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void theSubtreeHashesAreBuiltOnceAndContinuedFromWhereTheyEnd(String engine) {
        start(engine).handle(history.subList(0, 10));
        Process restarted = start(engine);
        List<byte[]> leaves = restarted.leaves(5);

        assertThat(restarted.log.root(3)).isEqualTo(MerkleTree.root(leaves.subList(0, 3)));
        // an entry already covered, changed where only a second read would see it
        restarted.set(2, "hash", "ab".repeat(32));

        assertThat(restarted.log.root(5)).as("entries 4 and 5 read after the covered ones")
                .isEqualTo(MerkleTree.root(leaves));
        assertThat(restarted.log.root(2)).isEqualTo(MerkleTree.root(leaves.subList(0, 2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void theSubtreeHashesOfALogRebuiltUnderThemAreBuiltAgainFromTheFirstEntry(String engine) {
        start(engine).handle(history.subList(0, 10));
        Process restarted = start(engine);
        restarted.log.root(3);
        // another chain from entry 3 on: entry 4 no longer continues the covered entry 3
        restarted.set(3, "hash", "ab".repeat(32));
        restarted.set(4, "prevHash", "ab".repeat(32));
        List<byte[]> stored = restarted.leaves(5);

        assertThat(restarted.log.root(5)).isEqualTo(MerkleTree.root(stored));
        assertThat(stored.get(2)).isEqualTo(MerkleTree.leafHash(Hashing.unhex("ab".repeat(32))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void aGapInTheStoredLogIsAnErrorAndALogShorterThanAskedIsRefused(String engine) {
        start(engine).handle(history.subList(0, 10));
        Process restarted = start(engine);

        assertThatThrownBy(() -> restarted.log.root(6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only 5 entries");
        restarted.store.collection(DecisionLog.LOG).deleteMany(Filters.eq("_id", 2L));
        Process again = start(engine);
        assertThatThrownBy(() -> again.log.root(5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no entry 2");
    }

    /** One process's audit components, checkpointing (and keeping the frontier) every 3 entries. */
    private static final class Process {

        final ReadStore store;
        final DecisionLog log;
        final Checkpoints checkpoints;
        final DecisionFeed feed;
        final DecisionLogProjection projection;

        Process(ReadStore store) {
            this.store = store;
            this.log = new DecisionLog(store);
            this.checkpoints = new Checkpoints(store, log, new AuditKeyRing(AuditFixtures.KEY, List.of()),
                    new AuditFixtures.MutableClock(AuditFixtures.START), AuditFixtures.settings(3));
            this.feed = new DecisionFeed(log, AuditFixtures.settings(3));
            this.projection = new DecisionLogProjection(log, checkpoints, feed, AuditFixtures.settings(3));
        }

        void handle(List<EventMessage<?>> messages) {
            AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(projection);
            for (EventMessage<?> message : messages) {
                try {
                    adapter.handle(message);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        void signsTheNinthDecisionWithTheRootOfTheStoredEntries(List<EventMessage<?>> history) {
            handle(history.subList(16, 18));
            assertThat(checkpoints.find(9).orElseThrow().rootHash()).isEqualTo(Hashing.hex(root(9)));
        }

        /** The root over every stored entry's leaf, read from the entries themselves. */
        byte[] root(long size) {
            List<byte[]> leaves = new ArrayList<>();
            log.after(0, (int) size).forEach(entry -> leaves.add(MerkleTree.leafHash(entry.leafData())));
            return MerkleTree.root(leaves);
        }

        /** The leaves of the first {@code size} stored entries, from their stored hashes. */
        List<byte[]> leaves(long size) {
            return log.after(0, (int) size).stream().map(entry -> MerkleTree.leafHash(entry.leafData())).toList();
        }

        /** Sets one field of a stored entry, under the process's components. */
        void set(long seq, String field, String value) {
            store.collection(DecisionLog.LOG).bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", seq),
                    new Document("$set", new Document(field, value)))));
        }

        long keptSize() {
            return ((Number) store.collection(DecisionLog.FRONTIER).find().first().get("size")).longValue();
        }
    }
}
