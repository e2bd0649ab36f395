package kyodo.query.platform;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.ReadStoreTokenStore;
import kyodo.query.platform.store.embedded.EmbeddedReadStore;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the embedded engine a processor's position needs no commit of its own (ADR 13, update of issue 13):
 * positions are documents of the same file, written after the documents they cover, and every commit of
 * the file is an atomic snapshot, so whenever a reopened file holds a position it holds every document
 * up to it. A child JVM runs three processors on one store, each in batches as Axon's pooled processor
 * does (its position's prepare-commit step registered before the batch is handled, the documents of two
 * collections left for {@link PendingWrites}), with positions stored through {@link PositionAfterWrites}
 * on {@link ReadStoreTokenStore} and no {@link ReadStore#makeDurable()}: only the store's timer commits.
 * It is killed three times amid its writes, then stopped cleanly, and the file is checked after each.
 * Run the child with {@code -Dkyodo.kill-test.mode=position-first} (positions stored straight into the
 * token store before the batch's writes, ADR 13's original fault) to see the test fail.
 */
class PositionAfterWritesKillTest {

    private static final int PROCESSORS = 3;
    private static final int BATCH = 40;
    private static final int GROUPS = 5;
    private static final String NODE = "writer";

    @Test
    void everyDocumentUpToEachStoredPositionSurvivesKill9WithoutACommitPerBatch(@TempDir Path dir) throws Exception {
        long[] upTo = new long[PROCESSORS];
        for (int cycle = 0; cycle < 4; cycle++) {
            boolean cleanStop = cycle == 3;
            Files.deleteIfExists(dir.resolve("progress"));
            Files.deleteIfExists(dir.resolve("stop"));
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString(),
                    System.getProperty("kyodo.kill-test.mode", "after-writes"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("writer-" + cycle + ".log").toFile())
                    .start();
            try {
                waitFor(writer, () -> batches(dir) >= 20, "the writer stored 20 positions");
                if (cleanStop) {
                    Files.writeString(dir.resolve("stop"), "");
                    assertThat(writer.waitFor(2, TimeUnit.MINUTES)).as("the writer stopped").isTrue();
                    assertThat(writer.exitValue()).as("the writer's exit").isZero();
                } else {
                    long seen = batches(dir);
                    // amid the writes, a different moment against the one-second commits each time
                    waitFor(writer, () -> batches(dir) >= seen + 30, "the writer stored 30 more positions");
                    Thread.sleep(1300 + 450L * cycle);
                }
            } finally {
                writer.destroyForcibly(); // SIGKILL
                writer.waitFor(30, TimeUnit.SECONDS);
            }

            try (EmbeddedReadStore store = EmbeddedReadStore.open(dir.resolve("readmodels"))) {
                TokenStore positions = tokens(store);
                for (int p = 0; p < PROCESSORS; p++) {
                    String processor = "p" + p;
                    long position = position(positions.fetchToken(processor, 0));
                    assertThat(position).as("%s's position after stop %d", processor, cycle + 1)
                            .isGreaterThanOrEqualTo(upTo[p]);
                    upTo[p] = position;
                    for (String kind : List.of("a", "b")) {
                        ReadCollection docs = store.collection(kind + "-" + processor);
                        assertThat(docs.count(Filters.lte("n", position)))
                                .as("%s documents 1..%d of %s after stop %d", kind, position, processor, cycle + 1)
                                .isEqualTo(position);
                        long indexed = 0;
                        for (int g = 0; g < GROUPS; g++) {
                            long byIndex = docs.count(Filters.eq("group", g));
                            assertThat(byIndex).as("group %d of %s-%s after stop %d", g, kind, processor, cycle + 1)
                                    .isEqualTo(docs.count(Filters.and(Filters.eq("group", g), Filters.exists("n"))));
                            indexed += byIndex;
                        }
                        assertThat(indexed).as("index entries of %s-%s", kind, processor)
                                .isEqualTo(docs.count(new Document()));
                    }
                    if (cleanStop) {
                        // a clean close commits what no timer's commit covered yet
                        assertThat(position).as("%s's last position, after a clean stop", processor)
                                .isEqualTo(Long.parseLong(Files.readString(dir.resolve("last-" + processor)).trim()))
                                .isPositive();
                    }
                }
            }
        }
    }

    /** As the processors name their claims: the same node across the child's runs, so it takes them back at once. */
    private static TokenStore tokens(ReadStore store) {
        return new ReadStoreTokenStore(store.collection(ReadStore.TRACKING_TOKENS), JacksonSerializer.defaultSerializer(),
                Duration.ofSeconds(10), NODE, Clock.systemUTC());
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : ((GlobalSequenceTrackingToken) token).getGlobalIndex();
    }

    private static long batches(Path dir) throws Exception {
        Path progress = dir.resolve("progress");
        return Files.exists(progress) ? Long.parseLong(Files.readString(progress).trim()) : 0;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls, with a bound of two minutes for a loaded machine (not a speed check). */
    private static void waitFor(Process writer, Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.holds()) {
            assertThat(writer.isAlive()).as("the writer runs, waiting until " + what).isTrue();
            assertThat(System.nanoTime()).as(what + " within 2 minutes").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * The child: {@value #PROCESSORS} processors, each on a thread of its own, go on from their stored
     * positions in batches of {@value #BATCH} events; every event upserts a document into two collections
     * of its processor. Reports the batches done in {@code progress} (not durable, for pacing only); on
     * {@code stop} the processors finish their batch and the store is closed.
     */
    public static final class Writer {

        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            boolean positionFirst = args[1].equals("position-first");
            EmbeddedReadStore store = EmbeddedReadStore.open(dir.resolve("readmodels"));
            if (!store.positionsCommitWithDocuments()) {
                throw new IllegalStateException("the embedded store should commit positions with documents");
            }
            TokenStore raw = tokens(store);
            TokenStore positions = positionFirst ? raw : PositionAfterWrites.inReadStore(store, raw);
            AtomicLong done = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PROCESSORS; p++) {
                String processor = "p" + p;
                if (positions.fetchSegments(processor).length == 0) {
                    positions.initializeTokenSegments(processor, 1);
                }
                Thread thread = new Thread(() -> run(dir, store, positions, processor, done), processor);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            store.close();
        }

        private static void run(Path dir, ReadStore store, TokenStore positions, String processor, AtomicLong done) {
            List<BatchedWrites<WriteBatch>> writes = new ArrayList<>();
            for (String kind : List.of("a", "b")) {
                ReadCollection docs = store.collection(kind + "-" + processor);
                docs.createIndex(Indexes.ascending("group"));
                writes.add(new BatchedWrites<>(Writer.class, docs, WriteBatch::new));
            }
            try {
                long next = position(positions.fetchToken(processor, 0));
                while (!Files.exists(dir.resolve("stop"))) {
                    List<EventMessage<?>> batch = new ArrayList<>();
                    for (int i = 1; i <= BATCH; i++) {
                        batch.add(GenericEventMessage.asEventMessage(next + i));
                    }
                    long end = next + BATCH;
                    BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
                    // as Axon's pooled processor: the position's step comes before the batch's writes
                    unitOfWork.onPrepareCommit(u -> positions.storeToken(new GlobalSequenceTrackingToken(end),
                            processor, 0));
                    ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                        long n = (Long) unitOfWork.getMessage().getPayload();
                        for (BatchedWrites<WriteBatch> kind : writes) {
                            kind.write(pending -> pending.add(new ReplaceOneModel<>(Filters.eq("_id", n),
                                    new Document("_id", n).append("n", n).append("group", (int) (n % GROUPS))
                                            .append("text", "x".repeat(200)), new ReplaceOptions().upsert(true))));
                        }
                        return null;
                    });
                    if (result.isExceptional()) {
                        throw new IllegalStateException(result.exceptionResult());
                    }
                    next = end;
                    report(dir.resolve("progress"), done.incrementAndGet());
                }
                report(dir.resolve("last-" + processor), next);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }

        private static synchronized void report(Path file, long value) throws Exception {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, Long.toString(value));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
