package kyodo.query.platform.store.embedded;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ReadCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded engine keeps what a projection relies on across {@code kill -9} (ADR 13): documents
 * made durable ({@link EmbeddedReadStore#makeDurable()}) before a position is stored elsewhere are
 * there whenever the position is, and the reopened file is consistent: every document has its index
 * entries and no entry lacks its document. A child JVM writes batches, makes them durable, then
 * stores the position in a file of its own (as a token store outside the read store would), and is
 * killed at some moment. Run the child with {@code skip-durable} to see the test fail: the file then
 * lags up to a second behind the position.
 */
class EmbeddedReadStoreKillTest {

    private static final int BATCH = 50;
    private static final int GROUPS = 7;

    @Test
    void everyDocumentUpToTheStoredPositionSurvivesKill9(@TempDir Path dir) throws Exception {
        long upTo = 0;
        for (int cycle = 0; cycle < 3; cycle++) {
            Files.deleteIfExists(dir.resolve("started"));
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString(),
                    System.getProperty("kyodo.kill-test.mode", "durable"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("writer-" + cycle + ".log").toFile())
                    .start();
            try {
                waitForProgress(dir, writer, upTo);
                Thread.sleep(2000 + 700L * cycle);
            } finally {
                writer.destroyForcibly(); // SIGKILL
                writer.waitFor(30, TimeUnit.SECONDS);
            }

            try (EmbeddedReadStore store = EmbeddedReadStore.open(dir.resolve("readmodels"))) {
                long before = upTo;
                upTo = position(dir);
                assertThat(upTo).as("the position after kill %d", cycle + 1).isGreaterThanOrEqualTo(before);
                ReadCollection docs = store.collection("docs");
                assertThat(docs.count(Filters.lte("_id", upTo))).as("documents 1..%d after kill %d", upTo, cycle + 1)
                        .isEqualTo(upTo);
                long all = docs.count(new Document());
                long indexed = 0;
                for (int g = 0; g < GROUPS; g++) {
                    // by rank in the index, and by matching each document: the same when both are whole
                    long byIndex = docs.count(Filters.eq("group", g));
                    long byDocuments = docs.count(Filters.and(Filters.eq("group", g), Filters.exists("text")));
                    assertThat(byIndex).as("group %d after kill %d", g, cycle + 1).isEqualTo(byDocuments);
                    indexed += byIndex;
                }
                assertThat(indexed).as("index entries after kill %d", cycle + 1).isEqualTo(all);
                for (String token : List.of("t0", "t1", "t2", "u0", "u4")) {
                    // postings blocks of a multikey index, counted and intersected without the documents
                    assertThat(docs.count(Filters.all("tokens", List.of(token, "x"))))
                            .as("postings of %s after kill %d", token, cycle + 1)
                            .isEqualTo(docs.count(Filters.and(Filters.eq("tokens", token), Filters.exists("text"))));
                }
            }
        }
        assertThat(upTo).as("positions were stored at all").isPositive();
    }

    private static long position(Path dir) throws Exception {
        Path position = dir.resolve("position");
        return Files.exists(position) ? Long.parseLong(Files.readString(position).trim()) : 0;
    }

    /**
     * Until the writer has stored a position beyond {@code before}: the kill then falls amid its writes
     * however slow the machine (a bound of 2 minutes for a loaded one, not a speed check).
     */
    private static void waitForProgress(Path dir, Process writer, long before) throws Exception {
        Path started = dir.resolve("started");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(started) || position(dir) <= before) {
            assertThat(writer.isAlive()).as("the writer runs").isTrue();
            assertThat(System.nanoTime()).as("the writer stored a position within 2 minutes").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The child: documents first, made durable, then the position; continues where the last run stopped. */
    public static final class Writer {

        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            boolean durable = !args[1].equals("skip-durable");
            EmbeddedReadStore store = EmbeddedReadStore.open(dir.resolve("readmodels"));
            ReadCollection docs = store.collection("docs");
            docs.createIndex(Indexes.ascending("group"));
            docs.createIndex(Indexes.ascending("tokens"));
            long next = position(dir);
            Files.writeString(dir.resolve("started"), "");
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            while (true) {
                List<WriteModel<Document>> batch = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    next++;
                    batch.add(new ReplaceOneModel<>(Filters.eq("_id", next), new Document("_id", next)
                            .append("group", (int) (next % GROUPS)).append("text", "x".repeat(300))
                            .append("tokens", List.of("x", "t" + next % 3, "u" + next % 5)), upsert));
                }
                docs.bulkWrite(batch);
                if (durable) {
                    store.makeDurable();
                }
                Path temporary = dir.resolve("position.tmp");
                Files.writeString(temporary, Long.toString(next));
                Files.move(temporary, dir.resolve("position"), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }
}
