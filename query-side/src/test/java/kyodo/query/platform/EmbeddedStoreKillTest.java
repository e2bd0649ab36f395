package kyodo.query.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store keeps what a projection relies on across {@code kill -9}: documents written and
 * committed ({@link EmbeddedMongo#commit()}) before a position is stored are there whenever the
 * position is. A child JVM writes batches of documents, then the position covering them, in a loop,
 * and is killed at some moment; the reopened store must hold every document up to the position.
 * (Without the commit, 6 kills out of 6 lost documents below the stored position: ADR 13.)
 */
class EmbeddedStoreKillTest {

    private static final int BATCH = 50;

    @Test
    void everyDocumentUpToTheStoredPositionSurvivesKill9(@TempDir Path dir) throws Exception {
        // the child logs warnings only: at the default level the driver's debug lines slow it tenfold
        Path logging = dir.resolve("logback.xml");
        Files.writeString(logging, "<configuration><root level=\"WARN\"/></configuration>");
        long upTo = 0;
        for (int cycle = 0; cycle < 3; cycle++) {
            Files.deleteIfExists(dir.resolve("started"));
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dlogback.configurationFile=" + logging,
                    "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("writer-" + cycle + ".log").toFile())
                    .start();
            try {
                waitForProgress(dir, writer);
                Thread.sleep(2000 + 700L * cycle);
            } finally {
                writer.destroyForcibly(); // SIGKILL
                writer.waitFor(30, TimeUnit.SECONDS);
            }

            try (EmbeddedMongo store = new EmbeddedMongo(dir);
                 MongoClient client = MongoClients.create(store.connectionString())) {
                MongoDatabase db = client.getDatabase("kyodo");
                Document position = db.getCollection("positions").find(Filters.eq("_id", "views")).first();
                long before = upTo;
                upTo = position == null ? 0 : position.getLong("upTo");
                assertThat(upTo).as("the position after kill %d", cycle + 1).isGreaterThanOrEqualTo(before);
                MongoCollection<Document> docs = db.getCollection("docs");
                long present = docs.countDocuments(Filters.lte("_id", upTo));
                assertThat(present).as("documents 1..%d after kill %d", upTo, cycle + 1).isEqualTo(upTo);
            }
        }
        assertThat(upTo).as("positions were stored at all").isPositive();
    }

    private static void waitForProgress(Path dir, Process writer) throws Exception {
        Path started = dir.resolve("started");
        for (int i = 0; i < 300 && !Files.exists(started); i++) {
            assertThat(writer.isAlive()).as("the writer runs").isTrue();
            Thread.sleep(100);
        }
        assertThat(started).exists();
    }

    /** The child: documents first, committed, then the position; continues where the last run stopped. */
    public static final class Writer {

        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            EmbeddedMongo store = new EmbeddedMongo(dir);
            MongoClient client = MongoClients.create(store.connectionString());
            MongoDatabase db = client.getDatabase("kyodo");
            MongoCollection<Document> docs = db.getCollection("docs");
            MongoCollection<Document> positions = db.getCollection("positions");
            Document stored = positions.find(Filters.eq("_id", "views")).first();
            long next = stored == null ? 0 : stored.getLong("upTo");
            Files.writeString(dir.resolve("started"), "");
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            while (true) {
                List<WriteModel<Document>> batch = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    next++;
                    batch.add(new ReplaceOneModel<>(Filters.eq("_id", next),
                            new Document("_id", next).append("text", "x".repeat(300)), upsert));
                }
                docs.bulkWrite(batch);
                store.commit();
                positions.replaceOne(Filters.eq("_id", "views"), new Document("_id", "views").append("upTo", next),
                        upsert);
            }
        }
    }
}
