package kyodo.query.platform.store.embedded;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ListIndexes;
import kyodo.query.platform.store.ReadCollection;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

/**
 * Not a test: writes as a projection catching up and then replaying does (a submission upsert and
 * two updates per proposal, in batches, the file committed after each batch; the replay starts with
 * the reset's delete of every document) and prints the write rate, the time spent committing and the
 * file's size while it runs and after the close.
 * {@code java ... EmbeddedStoreReplay <directory> [proposals] [events per batch]}.
 */
public final class EmbeddedStoreReplay {

    private EmbeddedStoreReplay() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path file = directory.resolve(EmbeddedReadStore.FILE);
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            ReadCollection proposals = store.collection("proposals");
            ListIndexes.declare(proposals, "listed", List.of("ward", "status", "fiscalYear", "themes", "programme",
                    "overdue"), List.of("submittedAt", "dueOn"), "searchTokens");
            for (String phase : List.of("catch-up", "replay")) {
                long start = System.nanoTime();
                long committing = 0;
                long largest = 0;
                if (phase.equals("replay")) {
                    proposals.deleteMany(new Document());
                }
                List<WriteModel<Document>> events = events(n);
                for (int from = 0; from < events.size(); from += batch) {
                    proposals.bulkWrite(events.subList(from, Math.min(events.size(), from + batch)));
                    long commit = System.nanoTime();
                    store.makeDurable();
                    committing += System.nanoTime() - commit;
                    largest = Math.max(largest, Files.size(file));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s: %d events in %.1f s (%.0f/s), committing %.1f s (%.2f ms per batch of %d),"
                                + " file at most %.1f MB, at the end %.1f MB%n", phase, events.size(), seconds,
                        events.size() / seconds, committing / 1e9, committing / 1e6 / (events.size() / batch), batch,
                        largest / 1e6, Files.size(file) / 1e6);
            }
            long settle = System.nanoTime();
            long size = Files.size(file);
            while (System.nanoTime() - settle < 70e9) {
                Thread.sleep(1000);
                proposals.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", "p0"), Updates.inc("version", 1L))));
                store.makeDurable();
                size = Files.size(file);
            }
            System.out.printf("after 70 s of light writes: %.1f MB, %d bytes per document%n", size / 1e6, size / n);
        }
        System.out.printf("after close: %.1f MB, %d bytes per document%n", Files.size(file) / 1e6, Files.size(file) / n);
    }

    /** A submission, an acknowledgement and an answer per proposal, interleaved as a stream of events. */
    private static List<WriteModel<Document>> events(int n) {
        Random random = new Random(13);
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        List<WriteModel<Document>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Document doc = EmbeddedStoreSpeed.proposal(random, i).append("listed", true);
            events.add(new UpdateOneModel<>(Filters.eq("_id", doc.getString("_id")), new Document("$setOnInsert", doc), upsert));
            if (i >= 50) {
                String earlier = "p" + (i - 50);
                events.add(new UpdateOneModel<>(Filters.eq("_id", earlier), Updates.combine(Updates.set("status", "ACKNOWLEDGED"),
                        Updates.inc("version", 1L), Updates.push("timeline", new Document("kind", "ACKNOWLEDGED").append("at", new Date())))));
            }
            if (i >= 200) {
                String earlier = "p" + (i - 200);
                events.add(new UpdateOneModel<>(Filters.eq("_id", earlier), Updates.combine(Updates.set("status", "ACCEPTED"),
                        Updates.set("overdue", false), Updates.inc("version", 1L),
                        Updates.push("timeline", new Document("kind", "ANSWERED").append("at", new Date())))));
            }
        }
        return events;
    }
}
