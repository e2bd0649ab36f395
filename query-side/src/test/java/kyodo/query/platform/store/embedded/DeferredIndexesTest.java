package kyodo.query.platform.store.embedded;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.ReadStoreWriteException;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rebuild ({@link ReadStore#rebuild()}) refills an emptied collection without its non-unique
 * indexes and builds them once at its close: queries meanwhile are answered without them, unique
 * indexes still refuse, and afterwards (also after a {@code kill -9} in the middle, once reopened)
 * every index answers as one maintained write by write does.
 */
class DeferredIndexesTest {

    private static final int GROUPS = 7;
    private static final int BATCH = 50;

    @TempDir
    Path dir;

    @Test
    void aRebuiltCollectionAnswersAsOneMaintainedWriteByWrite() {
        try (EmbeddedReadStore live = EmbeddedReadStore.open(dir.resolve("live"));
             EmbeddedReadStore rebuilt = EmbeddedReadStore.open(dir.resolve("rebuilt"))) {
            ReadCollection expected = indexed(live.collection("docs"));
            ReadCollection docs = indexed(rebuilt.collection("docs"));
            List<Index> indexes = ((EmbeddedCollection) docs).indexes;
            write(expected, 0, 600);
            write(docs, 0, 100);
            try (ReadStore.Rebuild rebuilding = rebuilt.rebuild()) {
                docs.deleteMany(new Document());
                write(docs, 0, 300);
                assertThat(indexes).filteredOn(index -> !index.unique).hasSize(3)
                        .allMatch(index -> index.deferred && index.map.isEmpty());
                assertThatThrownBy(() -> docs.insertMany(List.of(new Document("_id", 10_000L).append("slug", "s7"))))
                        .isInstanceOf(ReadStoreWriteException.class).hasMessageContaining("slug");
                write(docs, 300, 600);
            }
            assertThat(indexes).noneMatch(index -> index.deferred);
            assertThat(answers(docs)).isEqualTo(answers(expected));

            try (ReadStore.Rebuild rebuilding = rebuilt.rebuild()) {
                docs.deleteMany(new Document());
                write(docs, 0, 600);
                // a read that an index would answer builds that index first, and it is kept from then on
                assertThat(docs.count(Filters.eq("group", 3))).isEqualTo(expected.count(Filters.eq("group", 3)));
                assertThat(indexes).filteredOn(index -> index.deferred).extracting(index -> index.fields)
                        .containsExactlyInAnyOrder(List.of("tokens"), List.of("where.ward"));
                write(docs, 600, 700);
                write(expected, 600, 700);
                assertThat(answers(docs)).isEqualTo(answers(expected));
            }
            assertThat(indexes).noneMatch(index -> index.deferred);
            assertThat(answers(docs)).isEqualTo(answers(expected));
        }
    }

    @Test
    void aBuildInChunksGivesTheSameIndexes() {
        // postings appended and entries written per 7 documents, instead of all at once
        buildsAsOneMaintainedWriteByWrite((rebuilt, docs) -> docs.locked(() -> {
            IndexBuild.finish(docs, docs.indexes, 7);
            return null;
        }));
    }

    @Test
    void aBuildOfSeveralPassesReadsTheDocumentsTwiceSideBySideAndTheLaterPassesAnOnlyIndexedFieldsCopy() {
        Set<Set<String>> copied = new HashSet<>();
        buildsAsOneMaintainedWriteByWrite((rebuilt, docs) -> {
            // entries for one index of all the documents at a time: three passes, the first two over the documents
            docs.finishDeferredAlone(docs.indexes, (int) docs.size(), 50, () -> {
                if (rebuilt.file().hasMap("build\0docs")) {
                    MVMap<Long, byte[]> copy = rebuilt.file().openMap("build\0docs");
                    copy.values().forEach(bytes -> copied.add(new RawBsonDocument(bytes).keySet()));
                }
            });
            assertThat(rebuilt.file().getMapNames()).noneMatch(name -> name.startsWith("build"));
        });
        // what the later pass reads: not the search tokens nor the ward (two passes over the documents side by
        // side, the second filling the copy), nor what no index reads
        assertThat(copied).isNotEmpty().allMatch(fields -> Set.of("_id", "group", "n").containsAll(fields))
                .anyMatch(fields -> fields.containsAll(Set.of("_id", "group", "n")));
        assertThat(Thread.getAllStackTraces().keySet()).as("the helpers ended with the build")
                .noneMatch(thread -> thread.getName().equals(BuildPasses.THREAD));
    }

    /**
     * Refills a collection of 400 documents in a rebuild, builds its deferred indexes with {@code build}, and
     * checks they answer as those of a collection maintained write by write.
     */
    private void buildsAsOneMaintainedWriteByWrite(BiConsumer<EmbeddedReadStore, EmbeddedCollection> build) {
        try (EmbeddedReadStore live = EmbeddedReadStore.open(dir.resolve("live"));
             EmbeddedReadStore rebuilt = EmbeddedReadStore.open(dir.resolve("rebuilt"))) {
            ReadCollection expected = indexed(live.collection("docs"));
            EmbeddedCollection docs = (EmbeddedCollection) indexed(rebuilt.collection("docs"));
            write(expected, 0, 400);
            try (ReadStore.Rebuild rebuilding = rebuilt.rebuild()) {
                docs.deleteMany(new Document());
                write(docs, 0, 400);
                build.accept(rebuilt, docs);
                assertThat(docs.indexes).noneMatch(index -> index.deferred);
            }
            assertThat(answers(docs)).isEqualTo(answers(expected));
        }
    }

    @Test
    void aCopyNotMuchSmallerThanTheDocumentsIsGivenUpAfterItsSampleAndTheLaterPassesReadTheDocuments() {
        try (EmbeddedReadStore rebuilt = EmbeddedReadStore.open(dir.resolve("rebuilt"))) {
            ReadCollection facts = rebuilt.collection("facts");
            List.of("a", "b", "c").forEach(field -> facts.createIndex(Indexes.ascending(field, "_id")));
            EmbeddedCollection docs = (EmbeddedCollection) facts;
            int size = 2 * SlimCopy.SAMPLE;
            try (ReadStore.Rebuild rebuilding = rebuilt.rebuild()) {
                facts.deleteMany(new Document());
                List<Document> all = new ArrayList<>();
                for (long n = 0; n < size; n++) {
                    all.add(new Document("_id", n).append("a", n % 7).append("b", n % 5).append("c", n % 3));
                }
                facts.insertMany(all);
                // the later passes read b, c and _id: most of each document, so the copy is not worth it
                List<Boolean> copied = new ArrayList<>();
                docs.finishDeferredAlone(docs.indexes, size, 50, () -> copied.add(rebuilt.file().hasMap("build\0facts")));
                assertThat(copied).startsWith(true).endsWith(false);
                assertThat(copied.subList(copied.indexOf(false), copied.size())).doesNotContain(true);
                assertThat(docs.indexes).noneMatch(index -> index.deferred);
            }
            for (String field : List.of("a", "b", "c")) {
                long modulus = Map.of("a", 7L, "b", 5L, "c", 3L).get(field);
                assertThat(facts.count(Filters.eq(field, 2L)))
                        .isEqualTo(LongStream.range(0, size).filter(n -> n % modulus == 2).count());
                assertThat(facts.find(Filters.eq(field, 1L)).sort(Sorts.descending(field, "_id")).limit(3)
                        .map(doc -> doc.getLong("_id"))).isEqualTo(LongStream.range(0, size)
                        .filter(n -> n % modulus == 1).boxed().sorted(Comparator.reverseOrder()).limit(3).toList());
            }
        }
    }

    @Test
    void aSlimCopyThatACrashLeftIsGoneAfterTheNextOpen() {
        Path path = dir.resolve("left");
        try (EmbeddedReadStore store = EmbeddedReadStore.open(path)) {
            EmbeddedCollection docs = (EmbeddedCollection) indexed(store.collection("docs"));
            write(docs, 0, 100);
            store.write(() -> SlimCopy.open(docs, Set.of("group")).map().put(1L, new byte[] {5, 0, 0, 0, 0}));
            store.makeDurable();
            assertThat(store.file().getMapNames()).contains("build\0docs");
        }
        try (EmbeddedReadStore reopened = EmbeddedReadStore.open(path)) {
            assertThat(reopened.file().getMapNames()).noneMatch(name -> name.startsWith("build"));
            assertThat(reopened.collection("docs").count(Filters.eq("group", 3))).isPositive();
        }
    }

    @Test
    void aBuildAloneCommitsBetweenChunksAndWhatItCommittedIsBuiltAgainAtTheNextOpen() {
        Path path = dir.resolve("alone");
        Map<String, Object> expectedAnswers;
        try (EmbeddedReadStore live = EmbeddedReadStore.open(dir.resolve("live"))) {
            ReadCollection expected = indexed(live.collection("docs"));
            write(expected, 0, 400);
            expectedAnswers = answers(expected);
        }
        try (EmbeddedReadStore rebuilt = EmbeddedReadStore.open(path)) {
            EmbeddedCollection docs = (EmbeddedCollection) indexed(rebuilt.collection("docs"));
            ReadStore.Rebuild rebuilding = rebuilt.rebuild(); // never closed: the build below stops halfway
            docs.deleteMany(new Document());
            write(docs, 0, 400);
            long[] commits = {0};
            assertThatThrownBy(() -> docs.finishDeferredAlone(docs.indexes, 7, () -> {
                assertThat(rebuilt.file().hasUnsavedChanges()).as("each chunk committed").isFalse();
                if (++commits[0] == 20) {
                    throw new IllegalStateException("stopped after 20 chunks");
                }
            })).hasMessage("stopped after 20 chunks");
            assertThat(docs.indexes).filteredOn(index -> !index.unique).allMatch(index -> index.deferred);
            assertThat(rebuilding).isNotNull();
        }
        try (EmbeddedReadStore reopened = EmbeddedReadStore.open(path)) {
            EmbeddedCollection docs = (EmbeddedCollection) reopened.collection("docs");
            assertThat(docs.indexes).hasSize(4).noneMatch(index -> index.deferred);
            assertThat(answers(docs)).isEqualTo(expectedAnswers);
        }
    }

    @Test
    void aRebuildKilledHalfwayLeavesWholeIndexesAfterTheNextOpen() throws Exception {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("writer.log").toFile()).start();
        try {
            // killed once the rebuild has refilled a few batches and made them durable
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (position(dir) < 5 * BATCH) {
                assertThat(writer.isAlive()).as("the writer runs").isTrue();
                assertThat(System.nanoTime()).as("the writer refilled batches").isLessThan(deadline);
                Thread.sleep(50);
            }
        } finally {
            writer.destroyForcibly(); // SIGKILL
            writer.waitFor(60, TimeUnit.SECONDS);
        }
        long upTo = position(dir);
        try (EmbeddedReadStore store = EmbeddedReadStore.open(dir.resolve("readmodels"));
             EmbeddedReadStore reference = EmbeddedReadStore.open(dir.resolve("reference"))) {
            ReadCollection docs = store.collection("docs");
            assertThat(((EmbeddedCollection) docs).indexes).hasSize(4).noneMatch(index -> index.deferred);
            // every bulk write is whole in a commit: the refill reached a batch's end at or after the position
            long refilled = docs.find().sort(Sorts.descending("n")).first().getLong("n") + 1;
            assertThat(refilled).as("documents refilled up to the stored position").isGreaterThanOrEqualTo(upTo);
            ReadCollection expected = indexed(reference.collection("docs"));
            write(expected, 0, (int) refilled);
            assertThat(answers(docs)).isEqualTo(answers(expected));
            write(docs, (int) refilled, (int) refilled + 100); // the processors go on after the restart
            write(expected, (int) refilled, (int) refilled + 100);
            assertThat(answers(docs)).isEqualTo(answers(expected));
        }
    }

    static ReadCollection indexed(ReadCollection docs) {
        docs.createIndex(Indexes.ascending("slug"), new IndexOptions().unique(true));
        docs.createIndex(Indexes.ascending("group", "n", "_id"));
        docs.createIndex(Indexes.ascending("tokens"));
        docs.createIndex(Indexes.ascending("where.ward")); // a build decodes only the fields its indexes read
        return docs;
    }

    /**
     * Documents {@code from..to-1}, each upserted in a batch of {@link #BATCH} and then changed by the
     * next batch: a new group and tokens (a rewrite) and, for every third one, a deletion.
     */
    static void write(ReadCollection docs, int from, int to) {
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        for (int start = from; start < to; start += BATCH) {
            List<WriteModel<Document>> batch = new ArrayList<>();
            for (long n = start; n < Math.min(to, start + BATCH); n++) {
                batch.add(new ReplaceOneModel<>(Filters.eq("_id", n), new Document("_id", n).append("slug", "s" + n)
                        .append("group", (int) (n % GROUPS)).append("n", n)
                        .append("tokens", List.of("x", "t" + n % 3, "u" + n % 5))
                        .append("body", "not indexed " + n)
                        .append("where", new Document("ward", "w" + n % 4).append("street", "s" + n)), upsert));
                long earlier = n - BATCH;
                if (earlier >= 0 && earlier % 3 == 0) {
                    batch.add(new DeleteOneModel<>(Filters.eq("_id", earlier)));
                } else if (earlier >= 0) {
                    batch.add(new UpdateOneModel<>(Filters.eq("_id", earlier), Updates.combine(
                            Updates.set("group", (int) (earlier * 5 % GROUPS)),
                            Updates.set("tokens", List.of("t" + earlier % 3, "u" + earlier % 5, "v" + earlier % 4)))));
                }
            }
            docs.bulkWrite(batch);
        }
    }

    /** What the index-backed queries answer: counts and pages per group, counts and intersections per token. */
    private static Map<String, Object> answers(ReadCollection docs) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int g = 0; g < GROUPS; g++) {
            var group = Filters.eq("group", g);
            answers.put("count group " + g, docs.count(group));
            answers.put("page group " + g, docs.find(group).sort(Sorts.ascending("n", "_id")).skip(3).limit(20)
                    .map(doc -> doc.get("_id")));
        }
        for (String token : List.of("x", "t0", "t1", "t2", "u0", "u4", "v1", "v3")) {
            answers.put("count " + token, docs.count(Filters.eq("tokens", token)));
            answers.put("all " + token, docs.count(Filters.all("tokens", List.of(token, "x"))));
            answers.put("page " + token, docs.find(Filters.eq("tokens", token)).sort(Sorts.descending("n"))
                    .limit(10).map(doc -> doc.get("_id")));
        }
        answers.put("slug s7", docs.find(Filters.eq("slug", "s7")).map(doc -> doc.get("_id")));
        for (String ward : List.of("w0", "w1", "w3")) {
            answers.put("count " + ward, docs.count(Filters.eq("where.ward", ward)));
            answers.put("page " + ward, docs.find(Filters.eq("where.ward", ward)).sort(Sorts.ascending("n"))
                    .limit(10).map(doc -> doc.get("_id")));
        }
        return answers;
    }

    private static long position(Path dir) throws Exception {
        Path position = dir.resolve("position");
        return Files.exists(position) ? Long.parseLong(Files.readString(position).trim()) : 0;
    }

    /** The child: a collection filled, then emptied and refilled in a rebuild, batch by batch, until killed. */
    public static final class Writer {

        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            EmbeddedReadStore store = EmbeddedReadStore.open(dir.resolve("readmodels"));
            ReadCollection docs = indexed(store.collection("docs"));
            write(docs, 0, 20 * BATCH);
            store.makeDurable();
            ReadStore.Rebuild rebuilding = store.rebuild(); // never closed: the process is killed first
            docs.deleteMany(new Document());
            for (int written = 0; ; written += BATCH) {
                write(docs, written, written + BATCH);
                store.makeDurable();
                // the position after the documents it covers are durable, as a processor stores it (ADR 13)
                Path temporary = dir.resolve("position.tmp");
                Files.writeString(temporary, Long.toString(written + BATCH));
                Files.move(temporary, dir.resolve("position"), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }
}
