package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.ReadCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader that is interrupted while it reads the file does not close the store for everyone else.
 * Reactor interrupts a blocking read on a worker thread when the request's client hangs up (wrk's
 * two-second timeout did it on a cold 100k store): over a plain file channel the interrupt closed
 * the channel, and every later read of every request answered 500 until the restart.
 */
class EmbeddedReadStoreInterruptTest {

    private static final int DOCUMENTS = 3_000;

    @TempDir
    Path directory;

    @Test
    void anInterruptedReaderLeavesTheStoreReadableForEveryoneElse() throws Exception {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                documents.add(new Document("_id", i).append("text", "x".repeat(1_000) + i));
            }
            store.collection("docs").insertMany(documents);
        }
        // reopened: nothing cached, so the reads below go to the file
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            ReadCollection docs = store.collection("docs");
            AtomicReference<Throwable> interruptedRead = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    docs.find().into(new ArrayList<>());
                } catch (RuntimeException e) {
                    interruptedRead.set(e);
                }
            });
            reader.start();
            reader.join();

            assertThat(docs.count(new Document())).as("read after another thread was interrupted reading")
                    .isEqualTo(DOCUMENTS);
            assertThat(docs.find().into(new ArrayList<>())).hasSize(DOCUMENTS);
        }
    }
}
