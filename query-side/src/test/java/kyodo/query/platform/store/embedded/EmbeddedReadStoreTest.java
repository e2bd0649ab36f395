package kyodo.query.platform.store.embedded;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.ReadStoreWriteException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the embedded engine promises: refusals, its file, and reads beside concurrent writes. */
class EmbeddedReadStoreTest {

    @TempDir
    Path directory;

    @Test
    void anythingOutsideTheSubsetIsRefusedAndChangesNothing() {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            ReadCollection docs = store.collection("docs");
            docs.insertMany(List.of(new Document("_id", 1).append("v", 1)));
            assertThatThrownBy(() -> docs.find(Filters.or(Filters.eq("v", 1), Filters.eq("v", 2))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$or");
            assertThatThrownBy(() -> docs.find(Filters.regex("v", "x"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> docs.find(Filters.elemMatch("v", Filters.eq("a", 1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$elemMatch");
            assertThatThrownBy(() -> docs.find().sort(Sorts.metaTextScore("s")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> docs.find().projection(Projections.include("a.b")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> docs.bulkWrite(List.of(
                    new InsertOneModel<>(new Document("_id", 2)),
                    new UpdateOneModel<>(Filters.eq("_id", 1), Updates.mul("v", 2)))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$mul");
            assertThatThrownBy(() -> docs.createIndex(Indexes.text("v"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(docs.find().into(new ArrayList<>())).containsExactly(new Document("_id", 1).append("v", 1));
        }
    }

    @Test
    void anUpdateThatCannotApplyIsRefusedAlone() {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            ReadCollection docs = store.collection("docs");
            docs.insertMany(List.of(new Document("_id", 1).append("v", "text")));
            ReadStoreWriteException e = org.assertj.core.api.Assertions.catchThrowableOfType(ReadStoreWriteException.class,
                    () -> docs.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 1), Updates.inc("v", 1)),
                            new UpdateOneModel<>(Filters.eq("_id", 1), Updates.set("w", 2))), false));
            assertThat(e.failures()).hasSize(1);
            assertThat(e.failures().get(0).duplicateKey()).isFalse();
            assertThat(e.onlyDuplicateKeys()).isFalse();
            assertThat(docs.find().first()).isEqualTo(new Document("_id", 1).append("v", "text").append("w", 2));
            assertThatThrownBy(() -> docs.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 1),
                    Updates.set("_id", 2))))).isInstanceOf(ReadStoreWriteException.class).hasMessageContaining("_id");
        }
    }

    @Test
    void documentsAndIndexesSurviveReopeningAndTheDirectoryIsOwnerOnly() throws Exception {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            ReadCollection docs = store.collection("docs");
            docs.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true));
            docs.createIndex(Indexes.ascending("tags"));
            docs.insertMany(List.of(new Document("_id", 1L).append("eventId", "e1").append("tags", List.of("a", "b"))
                    .append("at", new Date(5))));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            ReadCollection docs = store.collection("docs");
            assertThat(docs.count(Filters.eq("tags", "b"))).isEqualTo(1);
            assertThatThrownBy(() -> docs.insertMany(List.of(new Document("_id", 2L).append("eventId", "e1"))))
                    .isInstanceOf(ReadStoreWriteException.class);
            docs.insertMany(List.of(new Document("_id", 2L).append("eventId", "e2")));
            assertThat(docs.find(Filters.gt("_id", 1L)).sort(Sorts.ascending("_id")).map(d -> d.get("_id")))
                    .containsExactly(2L);
            assertThat(store.collectionNames()).containsExactly("docs");
        }
    }

    @Test
    void aSecondOpeningOfTheSameDirectoryFailsClearly() {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            assertThatThrownBy(() -> EmbeddedReadStore.open(directory))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another process");
            assertThat(store.describe()).contains(directory.toString());
        }
    }

    @Test
    void readsSeeWholeDocumentsWhileSeveralThreadsWrite() throws Exception {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            ReadCollection docs = store.collection("docs");
            docs.createIndex(Indexes.ascending("ward"));
            docs.createIndex(Indexes.ascending("n"));
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int writer = t;
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        String id = "w" + writer + "-" + (i % 50);
                        docs.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", id),
                                Updates.combine(Updates.set("ward", "w" + writer), Updates.inc("n", 1)),
                                new com.mongodb.client.model.UpdateOptions().upsert(true))));
                        if (i % 20 == 0) {
                            store.makeDurable();
                        }
                    }
                }));
            }
            Future<?> reader = threads.submit(() -> {
                while (writers.stream().anyMatch(w -> !w.isDone())) {
                    for (Document doc : docs.find(Filters.eq("ward", "w1")).sort(Sorts.descending("n")).limit(10)
                            .into(new ArrayList<>())) {
                        assertThat(doc.getString("ward")).isEqualTo("w1");
                        assertThat(doc.getInteger("n")).isPositive();
                    }
                }
            });
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            reader.get(120, TimeUnit.SECONDS);
            threads.shutdown();
            assertThat(docs.count(new Document())).isEqualTo(150);
            assertThat(docs.count(Filters.eq("ward", "w2"))).isEqualTo(50);
            assertThat(docs.find(Filters.eq("n", 6)).into(new ArrayList<>())).hasSize(150);
        }
    }

    @Test
    void aFileOfAnotherFormatStartsOverInsteadOfBeingMisread() {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            store.collection("proposals").insertMany(List.of(new Document("_id", "p1")));
            store.makeDurable();
        }
        // as an earlier layout of the engine left it: documents, but another format in the catalog
        org.h2.mvstore.MVStore raw = new org.h2.mvstore.MVStore.Builder()
                .fileName(directory.resolve(EmbeddedReadStore.FILE).toString()).open();
        raw.<String, String>openMap("catalog").put("format", "kyodo-read-store/2");
        raw.close(0);

        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            assertThat(store.collectionNames()).isEmpty();
            store.collection("proposals").insertMany(List.of(new Document("_id", "p1")));
            store.makeDurable();
        }
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            assertThat(store.collection("proposals").count(new Document())).isEqualTo(1);
        }
    }

    /**
     * A projection rewriting its documents over and over (a replay, a busy day) leaves most of each
     * commit's pages dead soon after: the file must not keep them. MVStore's own retention kept 45 s
     * of them and nothing rewrote half-empty chunks, so the file grew with every write.
     */
    @Test
    void theFileStaysCompactWhileDocumentsAreRewritten() throws Exception {
        Path file = directory.resolve(EmbeddedReadStore.FILE);
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            ReadCollection docs = store.collection("docs");
            docs.createIndex(Indexes.ascending("tokens"));
            long written = 0;
            long live = 0;
            for (int round = 0; round < 8; round++) {
                for (int from = 0; from < 1000; from += 100) {
                    List<com.mongodb.client.model.WriteModel<Document>> batch = new ArrayList<>();
                    for (int i = from; i < from + 100; i++) {
                        List<String> tokens = new ArrayList<>();
                        for (int t = 0; t < 40; t++) {
                            tokens.add("t" + (i * 7 + t * 13 + round) % 997);
                        }
                        batch.add(new com.mongodb.client.model.ReplaceOneModel<>(Filters.eq("_id", i),
                                new Document("_id", i).append("round", round).append("tokens", tokens),
                                new com.mongodb.client.model.ReplaceOptions().upsert(true)));
                    }
                    docs.bulkWrite(batch);
                    store.makeDurable();
                    written += 100;
                }
                if (round == 0) {
                    live = Files.size(file);
                }
            }
            // as the housekeeping thread does every two seconds, once the retention time has passed; each
            // call moves a bounded amount, so a loaded machine may need more of them (a bound, not a speed check)
            Thread.sleep(EmbeddedReadStore.RETENTION_MILLIS + 500);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (int i = 0; i < 40 || Files.size(file) >= 3 * live && System.nanoTime() < deadline; i++) {
                store.compact();
                docs.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 0), Updates.inc("round", 1))));
                store.makeDurable();
            }
            assertThat(written).isEqualTo(8_000);
            assertThat(Files.size(file)).as("the file after rewriting every document 8 times, against %d bytes"
                    + " after the first time", live).isLessThan(3 * live);
            assertThat(docs.count(Filters.eq("round", 7))).isEqualTo(999);
        }
    }

    /**
     * What a burst of writes leaves behind (the high-water mark, mostly free once the documents shrank) is
     * copied away when the store closes, so that the next start does not pay for it.
     */
    @Test
    void aMostlyEmptyFileIsCopiedIntoACompactOneWhenItCloses() throws Exception {
        Path file = directory.resolve(EmbeddedReadStore.FILE);
        java.util.Random random = new java.util.Random(13);
        long sparse;
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            ReadCollection docs = store.collection("docs");
            for (int i = 0; i < 300; i++) {
                byte[] large = new byte[100_000];
                random.nextBytes(large);
                docs.insertMany(List.of(new Document("_id", i).append("body", new org.bson.types.Binary(large))));
            }
            store.makeDurable();
            for (int i = 0; i < 300; i++) {
                docs.bulkWrite(List.of(new com.mongodb.client.model.ReplaceOneModel<>(Filters.eq("_id", i),
                        new Document("_id", i).append("body", "small " + i))));
            }
            store.makeDurable();
            sparse = Files.size(file);
            assertThat(sparse).isGreaterThan(EmbeddedReadStore.SPARSE_BYTES);
        }

        assertThat(Files.size(file)).isLessThan(sparse / 10);
        assertThat(directory.resolve(EmbeddedReadStore.FILE + ".tempFile")).doesNotExist();
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            assertThat(store.collection("docs").count(new Document())).isEqualTo(300);
            assertThat(store.collection("docs").count(Filters.eq("body", "small 299"))).isEqualTo(1);
        }
    }

    /**
     * A replay's store writes its pages uncompressed (a commit then costs less); its file is compressed once,
     * by the copy when it closes, however live it is, and no longer marked.
     */
    @Test
    void aStoreOpenedUncompressedIsCopiedIntoACompressedFileWhenItCloses() throws Exception {
        Path file = directory.resolve(EmbeddedReadStore.FILE);
        long written;
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory, 4, false)) {
            insertCompressible(store, 400);
            store.makeDurable();
            written = Files.size(file);
            assertThat(written).as("4 MB of text, uncompressed").isGreaterThan(4_000_000);
            assertThat(uncompressedMark(store.file())).isTrue();
        }

        assertThat(Files.size(file)).isLessThan(written / 4);
        assertThat(uncompressedMark(file)).isFalse();
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            assertThat(store.collection("opinions").count(new Document())).isEqualTo(400);
            assertThat(store.collection("opinions").count(Filters.eq("text", text(399)))).isEqualTo(1);
        }
    }

    /** A process killed while it wrote uncompressed leaves the mark: the next compressed open makes the copy. */
    @Test
    void aFileLeftUncompressedIsCopiedIntoACompressedOneWhenItOpensCompressed() throws Exception {
        Path file = directory.resolve(EmbeddedReadStore.FILE);
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            insertCompressible(store, 10);
        }
        // as a killed replay leaves it: pages written uncompressed and committed, the mark in the catalog
        org.h2.mvstore.MVStore raw = new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).open();
        org.h2.mvstore.MVMap<Integer, String> written = raw.openMap("written");
        for (int i = 0; i < 400; i++) {
            written.put(i, text(i));
        }
        raw.<String, String>openMap("catalog").put("uncompressed", "");
        raw.commit();
        raw.close(0);
        long uncompressed = Files.size(file);
        assertThat(uncompressed).isGreaterThan(4_000_000);

        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            assertThat(Files.size(file)).isLessThan(uncompressed / 4);
            assertThat(uncompressedMark(store.file())).isFalse();
            assertThat(store.collection("opinions").count(Filters.eq("text", text(9)))).isEqualTo(1);
        }
        // a store opened compressed and not copied at close leaves no mark either
        assertThat(uncompressedMark(file)).isFalse();
    }

    private static void insertCompressible(EmbeddedReadStore store, int documents) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            docs.add(new Document("_id", "o" + i).append("text", text(i)));
        }
        store.collection("opinions").insertMany(docs);
    }

    /** About 10 KB of text that compresses well, different for each i. */
    private static String text(int i) {
        return ("意見 " + i + " 駐輪場の整備について。").repeat(400);
    }

    private static boolean uncompressedMark(org.h2.mvstore.MVStore store) {
        return store.<String, String>openMap("catalog").containsKey("uncompressed");
    }

    private static boolean uncompressedMark(Path file) {
        org.h2.mvstore.MVStore raw = new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return uncompressedMark(raw);
        } finally {
            raw.close(0);
        }
    }

    /** What a replay leaves behind (the high-water mark of its writes, mostly free) is not kept. */
    @Test
    void aMostlyEmptyFileIsCopiedIntoACompactOneWhenItOpens() throws Exception {
        Path file = directory.resolve(EmbeddedReadStore.FILE);
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            store.collection("proposals").insertMany(List.of(new Document("_id", "p1").append("title", "駐輪場")));
            store.makeDurable();
        }
        org.h2.mvstore.MVStore raw = new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).open();
        org.h2.mvstore.MVMap<Integer, byte[]> rewritten = raw.openMap("rewritten");
        for (int i = 0; i < 400; i++) {
            rewritten.put(i, new byte[100_000]);
        }
        raw.commit();
        for (int i = 0; i < 400; i++) {
            rewritten.put(i, new byte[1]);
        }
        raw.commit();
        rewritten.put(0, new byte[2]);
        raw.commit();
        raw.close(0);
        long sparse = Files.size(file);
        assertThat(sparse).isGreaterThan(EmbeddedReadStore.SPARSE_BYTES);

        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            assertThat(Files.size(file)).isLessThan(sparse / 10);
            assertThat(store.collection("proposals").count(Filters.eq("title", "駐輪場"))).isEqualTo(1);
            store.collection("proposals").insertMany(List.of(new Document("_id", "p2")));
            store.makeDurable();
        }
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            assertThat(store.collection("proposals").count(new Document())).isEqualTo(2);
        }
    }

    @Test
    void theWriteStampMovesWithEveryWriteToAnyCollectionAndNotWithReads() {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            ReadCollection docs = store.collection("docs");
            long before = store.writeStamp().orElseThrow();
            docs.find().into(new ArrayList<>());
            docs.count(new Document());
            assertThat(store.writeStamp()).hasValue(before);

            docs.insertMany(List.of(new Document("_id", 1)));
            long inserted = store.writeStamp().orElseThrow();
            assertThat(inserted).isGreaterThan(before);
            store.collection("other").deleteMany(new Document());
            long deleted = store.writeStamp().orElseThrow();
            assertThat(deleted).isGreaterThan(inserted);

            // the processors' claims and heartbeats, written with no event coming, are no content
            store.collection(ReadStore.TRACKING_TOKENS).insertMany(List.of(new Document("_id", "claim")));
            store.collection(ReadStore.QUERY_PROCESSES).insertMany(List.of(new Document("_id", "beat")));
            assertThat(store.writeStamp()).hasValue(deleted);
        }
    }

    @Test
    void theWriteStampIsUnknownWhileAWriteRuns() throws Exception {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            long before = store.writeStamp().orElseThrow();
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<?> write = writer.submit(() -> store.write(() -> {
                    writing.countDown();
                    try {
                        return release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
                assertThat(writing.await(60, TimeUnit.SECONDS)).isTrue();
                assertThat(store.writeStamp()).isEmpty();
                release.countDown();
                write.get(60, TimeUnit.SECONDS);
                assertThat(store.writeStamp()).hasValue(before + 1);
            } finally {
                release.countDown();
                writer.shutdownNow();
            }
        }
    }
}
