package kyodo.query.platform.store;

import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What every {@link ReadStore} answers alike (ADR 17): run on the official driver against
 * mongo-java-server (standing in for MongoDB) and on the embedded engine. Each case is written as
 * MongoDB behaves; where mongo-java-server deviates, the case says so and lives with the engine's tests.
 */
public abstract class ReadStoreContract {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final ReplaceOptions REPLACE_UPSERT = new ReplaceOptions().upsert(true);

    protected ReadStore store;
    protected ReadCollection docs;

    /** A new, empty store. */
    protected abstract ReadStore open();

    @BeforeEach
    void openStore() {
        store = open();
        docs = store.collection("docs");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected List<Object> ids(Bson filter) {
        return docs.find(filter).sort(Sorts.ascending("_id")).map(d -> d.get("_id"));
    }

    protected void insert(Document... documents) {
        docs.insertMany(List.of(documents));
    }

    @Test
    void aTaskForTheEndOfARebuildRunsOnceWhenTheLastOpenRebuildCloses() {
        docs.createIndex(Indexes.ascending("k"));
        insert(new Document("_id", "a").append("k", 1));
        List<String> ran = Collections.synchronizedList(new ArrayList<>()); // the tasks run side by side
        assertThat(store.whenRebuilt(() -> ran.add("none open"))).isFalse();

        ReadStore.Rebuild outer = store.rebuild();
        ReadStore.Rebuild inner = store.rebuild();
        docs.deleteMany(new Document());
        assertThat(store.whenRebuilt(() -> {
            // the collection emptied in the rebuild, refilled here, is answered by its index afterwards
            insert(new Document("_id", "b").append("k", 2), new Document("_id", "c").append("k", 2));
            ran.add("first");
        })).isTrue();
        assertThat(store.whenRebuilt(() -> ran.add("second"))).isTrue();
        inner.close();
        inner.close();
        assertThat(ran).as("another rebuild is still open").isEmpty();
        outer.close();
        outer.close();

        assertThat(ran).containsExactlyInAnyOrder("first", "second");
        assertThat(ids(Filters.eq("k", 2))).containsExactly("b", "c");
        assertThat(store.whenRebuilt(() -> ran.add("after"))).isFalse();
        try (ReadStore.Rebuild again = store.rebuild()) {
            assertThat(again).isNotNull();
        }
        assertThat(ran).as("each task once").containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void aFailingTaskAtTheEndOfARebuildLetsTheOthersRunAndIsThrownByTheClose() {
        List<String> ran = new ArrayList<>();
        ReadStore.Rebuild rebuilding = store.rebuild();
        store.whenRebuilt(() -> {
            throw new IllegalStateException("task failed");
        });
        store.whenRebuilt(() -> ran.add("second"));

        assertThat(catchThrowableOfType(IllegalStateException.class, rebuilding::close)).hasMessage("task failed");
        assertThat(ran).containsExactly("second");
        assertThat(store.whenRebuilt(() -> ran.add("after"))).isFalse();
    }

    @Test
    void aDocumentReadBackHasTheDriversJavaTypes() {
        Date when = new Date(1_700_000_000_123L);
        Document doc = new Document("_id", "a").append("int", 7).append("long", 7L).append("double", 2.5)
                .append("date", when).append("decimal", new Decimal128(new BigDecimal("12.30")))
                .append("nested", new Document("x", 1).append("list", List.of(1, "two")))
                .append("binary", new Binary(new byte[]{1, 2, 3})).append("flag", true).append("none", null)
                .append("oid", new ObjectId("65f000000000000000000001"));
        insert(doc);
        Document back = docs.find(Filters.eq("_id", "a")).first();
        assertThat(back).isEqualTo(doc);
        assertThat(back.get("int")).isInstanceOf(Integer.class);
        assertThat(back.get("long")).isInstanceOf(Long.class);
        assertThat(back.get("date")).isEqualTo(when);
        assertThat(back.get("nested")).isInstanceOf(Document.class);
        assertThat(back.get("nested", Document.class).get("list")).isInstanceOf(ArrayList.class);
        assertThat(back.keySet().iterator().next()).isEqualTo("_id");
    }

    @Test
    void anInsertWithoutIdGetsAnObjectId() {
        Document doc = new Document("x", 1);
        insert(doc);
        assertThat(doc.get("_id")).isInstanceOf(ObjectId.class);
        assertThat(docs.find(Filters.eq("x", 1)).first()).isEqualTo(doc);
    }

    @Test
    void equalityLooksIntoArraysAndComparesNumbersByValue() {
        insert(new Document("_id", 1).append("themes", List.of("a", "b")).append("n", 1),
                new Document("_id", 2).append("themes", List.of("b")).append("n", 1L),
                new Document("_id", 3).append("themes", "a").append("n", 1.0),
                new Document("_id", 4).append("n", 2));
        assertThat(ids(Filters.eq("themes", "a"))).containsExactly(1, 3);
        assertThat(ids(Filters.eq("themes", List.of("b")))).containsExactly(2);
        assertThat(ids(Filters.ne("themes", "a"))).containsExactly(2, 4);
        assertThat(ids(Filters.in("themes", "a", "x"))).containsExactly(1, 3);
        assertThat(ids(Filters.nin("themes", "b"))).containsExactly(3, 4);
        assertThat(ids(Filters.all("themes", "a", "b"))).containsExactly(1);
        assertThat(ids(Filters.eq("n", 1))).containsExactly(1, 2, 3);
        assertThat(ids(Filters.eq("n", 1L))).containsExactly(1, 2, 3);
        assertThat(ids(Filters.size("themes", 1))).containsExactly(2);
        assertThat(ids(Filters.eq("themes", null))).containsExactly(4);
        assertThat(docs.count(Filters.eq("themes", "b"))).isEqualTo(2);
    }

    @Test
    void comparisonsHoldWithinATypeOnly() {
        insert(new Document("_id", 1).append("v", 5), new Document("_id", 2).append("v", 7.5),
                new Document("_id", 3).append("v", "9"), new Document("_id", 4).append("v", List.of(1, 10)),
                new Document("_id", 5).append("v", null), new Document("_id", 6),
                new Document("_id", 7).append("v", new Date(5)));
        assertThat(ids(Filters.gt("v", 6))).containsExactly(2, 4);
        assertThat(ids(Filters.gte("v", 5L))).containsExactly(1, 2, 4);
        assertThat(ids(Filters.lt("v", 5))).containsExactly(4);
        assertThat(ids(Filters.lte("v", "9"))).containsExactly(3);
        assertThat(ids(Filters.gt("v", new Date(1)))).containsExactly(7);
        // each condition may hold for another element of an array, as in MongoDB
        assertThat(ids(Filters.and(Filters.gt("v", 1), Filters.lt("v", 6)))).containsExactly(1, 4);
    }

    @Test
    void existsAndNullSeeMissingFields() {
        insert(new Document("_id", 1).append("v", null), new Document("_id", 2), new Document("_id", 3).append("v", 0));
        assertThat(ids(Filters.exists("v"))).containsExactly(1, 3);
        assertThat(ids(Filters.exists("v", false))).containsExactly(2);
        assertThat(ids(Filters.eq("v", null))).containsExactly(1, 2);
        assertThat(ids(Filters.ne("v", null))).containsExactly(3);
    }

    @Test
    void dottedPathsGoThroughDocumentsAndArraysOfDocuments() {
        insert(new Document("_id", 1).append("a", new Document("b", new Document("c", 1))),
                new Document("_id", 2).append("projects", List.of(new Document("projectId", "p1"),
                        new Document("projectId", "p2"))),
                new Document("_id", 3).append("projects", List.of(new Document("projectId", "p3"))));
        assertThat(ids(Filters.eq("a.b.c", 1))).containsExactly(1);
        assertThat(ids(Filters.eq("projects.projectId", "p2"))).containsExactly(2);
        assertThat(ids(Filters.in("projects.projectId", "p1", "p3"))).containsExactly(2, 3);
        assertThat(ids(Filters.exists("a.b"))).containsExactly(1);
        assertThat(ids(Filters.exists("a.x"))).isEmpty();
    }

    @Test
    void sortsFollowTheTypeOrderWithMissingFirst() {
        insert(new Document("_id", 1).append("v", "b"), new Document("_id", 2).append("v", 3L),
                new Document("_id", 3), new Document("_id", 4).append("v", 2.5),
                new Document("_id", 5).append("v", true), new Document("_id", 6).append("v", new Date(0)),
                new Document("_id", 7).append("v", "a"), new Document("_id", 8).append("v", new Document("x", 1)));
        assertThat(docs.find().sort(Sorts.ascending("v")).map(d -> d.get("_id")))
                .containsExactly(3, 4, 2, 7, 1, 8, 5, 6);
        assertThat(docs.find().sort(Sorts.descending("v")).map(d -> d.get("_id")))
                .containsExactly(6, 5, 8, 1, 7, 2, 4, 3);
    }

    @Test
    void sortsOnSeveralKeysThenPages() {
        for (int i = 1; i <= 10; i++) {
            insert(new Document("_id", i).append("ward", i % 2 == 0 ? "even" : "odd").append("at", i / 3));
        }
        Bson order = Sorts.orderBy(Sorts.descending("at"), Sorts.ascending("_id"));
        assertThat(docs.find().sort(order).map(d -> d.get("_id"))).containsExactly(9, 10, 6, 7, 8, 3, 4, 5, 1, 2);
        assertThat(docs.find().sort(order).skip(3).limit(4).map(d -> d.get("_id"))).containsExactly(7, 8, 3, 4);
        assertThat(docs.find(Filters.eq("ward", "odd")).sort(order).skip(1).limit(2).map(d -> d.get("_id")))
                .containsExactly(7, 3);
        assertThat(docs.find().sort(order).skip(20).map(d -> d.get("_id"))).isEmpty();
    }

    @Test
    void projectionsIncludeOrExcludeTopLevelFields() {
        insert(new Document("_id", 1).append("a", 1).append("b", 2).append("c", 3));
        assertThat(docs.find().projection(Projections.include("a", "c")).first())
                .isEqualTo(new Document("_id", 1).append("a", 1).append("c", 3));
        assertThat(docs.find().projection(Projections.exclude("a")).first())
                .isEqualTo(new Document("_id", 1).append("b", 2).append("c", 3));
        assertThat(docs.find().projection(Projections.fields(Projections.include("b"), Projections.excludeId())).first())
                .isEqualTo(new Document("b", 2));
    }

    @Test
    void updateOperatorsChangeFieldsAndPaths() {
        insert(new Document("_id", 1).append("n", 1).append("tags", new ArrayList<>(List.of("a"))).append("gone", 1));
        docs.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 1), Updates.combine(
                Updates.set("a.b", "x"), Updates.inc("n", 2), Updates.inc("m", 5L), Updates.unset("gone"),
                Updates.push("list", 1), Updates.pushEach("more", List.of(2, 3)),
                Updates.addToSet("tags", "a"), Updates.addEachToSet("tags", List.of("b", "c", "b")),
                Updates.setOnInsert("never", true)))));
        Document doc = docs.find(Filters.eq("_id", 1)).first();
        assertThat(doc).isEqualTo(new Document("_id", 1).append("n", 3).append("tags", List.of("a", "b", "c"))
                .append("a", new Document("b", "x")).append("m", 5L).append("list", List.of(1)).append("more", List.of(2, 3)));
        assertThat(doc.get("n")).isInstanceOf(Integer.class);
        docs.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 1), Updates.inc("n", 1L))));
        assertThat(docs.find(Filters.eq("_id", 1)).first().get("n")).isEqualTo(4L);
    }

    @Test
    void aLongInListMatchesAsItsValuesOneByOne() {
        // eight values or more: the embedded engine looks the strings up in a set, the rest one by one
        insert(new Document("_id", 1).append("k", "a"),
                new Document("_id", 2).append("k", List.of("x", "h")),
                new Document("_id", 3).append("k", 1.0),
                new Document("_id", 4).append("k", List.of(List.of("c"))),
                new Document("_id", 5),
                new Document("_id", 6).append("k", "z"),
                new Document("_id", 7).append("k", List.of(2L, "y")));
        List<Object> values = List.of("a", "b", "c", "d", "e", "f", "g", "h", 1);
        assertThat(ids(Filters.in("k", values))).containsExactly(1, 2, 3);
        assertThat(ids(Filters.nin("k", values))).containsExactly(4, 5, 6, 7);
        List<Object> withNull = new ArrayList<>(values);
        withNull.add(null);
        assertThat(ids(Filters.in("k", withNull))).containsExactly(1, 2, 3, 5);
        assertThat(ids(Filters.in("_id", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))).containsExactly(1, 2, 3, 4, 5, 6, 7);
        List<Object> strings = List.of("b", "c", "d", "e", "f", "g", "y", "q");
        assertThat(ids(Filters.in("k", strings))).containsExactly(7);
        assertThat(docs.count(Filters.nin("k", strings))).isEqualTo(6);
    }

    @Test
    void addToSetSkipsWhatTheArrayHoldsWhateverItsLength() {
        List<Object> held = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            held.add("t" + i);
        }
        held.add(1);
        held.add(new Document("p", "t1"));
        insert(new Document("_id", 1).append("tags", held));
        docs.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 1), Updates.combine(
                Updates.addEachToSet("tags", List.of("t3", "new", "t49", "new", 1, 2L, new Document("p", "t1"),
                        new Document("p", "t2"), "t0"))))));
        List<Object> expected = new ArrayList<>(held);
        expected.addAll(List.of("new", 2L, new Document("p", "t2")));
        assertThat(docs.find(Filters.eq("_id", 1)).first().get("tags")).isEqualTo(expected);
        docs.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 1), Updates.addToSet("tags", "t7")),
                new UpdateOneModel<>(Filters.eq("_id", 1), Updates.addToSet("tags", "last"))));
        expected.add("last");
        assertThat(docs.find(Filters.eq("_id", 1)).first().get("tags")).isEqualTo(expected);
    }

    @Test
    void anUpdateUpsertBuildsTheDocumentFromTheFiltersEqualities() {
        ReadCollection.WriteResult result = docs.bulkWrite(List.of(new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", "p1"), Filters.eq("ward", "w1"), Filters.exists("version", false)),
                Updates.combine(Updates.set("title", "t"), Updates.setOnInsert("created", 1)), UPSERT)));
        assertThat(result).isEqualTo(new ReadCollection.WriteResult(0, 0, 1, 0, 0));
        assertThat(docs.find(Filters.eq("_id", "p1")).first()).isEqualTo(new Document("_id", "p1")
                .append("ward", "w1").append("title", "t").append("created", 1));
        result = docs.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", "p1"),
                Updates.combine(Updates.set("title", "u"), Updates.setOnInsert("created", 2)), UPSERT)));
        assertThat(result).isEqualTo(new ReadCollection.WriteResult(1, 1, 0, 0, 0));
        assertThat(docs.find(Filters.eq("_id", "p1")).first().get("created")).isEqualTo(1);
    }

    @Test
    void anUpsertWhoseFilterMissesAnExistingIdIsADuplicateKey() {
        insert(new Document("_id", "b1").append("applied", List.of("e1", "e2")));
        ReadStoreWriteException e = catchThrowableOfType(ReadStoreWriteException.class, () -> docs.bulkWrite(List.of(
                new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "b1"), Filters.size("applied", 1)),
                        new Document("_id", "b1").append("applied", List.of("e1", "x")), REPLACE_UPSERT))));
        assertThat(e).isNotNull();
        assertThat(e.onlyDuplicateKeys()).isTrue();
        assertThat(e.failures()).extracting(ReadStoreWriteException.Failure::index).containsExactly(0);
        assertThat(docs.find().first().getList("applied", String.class)).containsExactly("e1", "e2");
    }

    @Test
    void aReplaceUpsertTakesItsIdFromTheFilter() {
        docs.bulkWrite(List.of(new ReplaceOneModel<>(Filters.eq("_id", 42L), new Document("v", 1), REPLACE_UPSERT)));
        assertThat(docs.find().first()).isEqualTo(new Document("_id", 42L).append("v", 1));
        docs.bulkWrite(List.of(new ReplaceOneModel<>(Filters.eq("_id", 42L), new Document("w", 2), REPLACE_UPSERT)));
        assertThat(docs.find().into(new ArrayList<>())).containsExactly(new Document("_id", 42L).append("w", 2));
    }

    @Test
    void writeResultsCountAsMongoDbDoes() {
        insert(new Document("_id", 1).append("v", 1), new Document("_id", 2).append("v", 1));
        ReadCollection.WriteResult result = docs.bulkWrite(List.of(
                new InsertOneModel<>(new Document("_id", 3).append("v", 2)),
                new UpdateOneModel<>(Filters.eq("_id", 1), Updates.set("v", 1)),
                new UpdateOneModel<>(Filters.eq("_id", 2), Updates.set("v", 5)),
                new UpdateOneModel<>(Filters.eq("_id", 9), Updates.set("v", 5)),
                new ReplaceOneModel<>(Filters.eq("_id", 3), new Document("v", 3)),
                new DeleteOneModel<>(Filters.eq("v", 5)),
                new DeleteManyModel<>(Filters.gte("v", 1))));
        assertThat(result).isEqualTo(new ReadCollection.WriteResult(3, 2, 0, 1, 3));
        assertThat(docs.count(new Document())).isZero();
    }

    @Test
    void writesToTheSameDocumentsInOneBatchSeeEachOther() {
        docs.createIndex(Indexes.ascending("ward"), new IndexOptions());
        insert(new Document("_id", "a").append("version", 1L).append("n", 1).append("ward", "w1"));
        ReadCollection.WriteResult result = docs.bulkWrite(List.of(
                new UpdateOneModel<>(Filters.eq("_id", "b"), new Document("$setOnInsert",
                        new Document("version", 1L).append("n", 0).append("ward", "w2")), UPSERT),
                new UpdateOneModel<>(Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 2L)),
                        Updates.combine(Updates.set("version", 2L), Updates.inc("n", 1), Updates.push("log", "x"))),
                new UpdateOneModel<>(Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 2L)),
                        Updates.combine(Updates.set("version", 2L), Updates.inc("n", 1))),
                new UpdateOneModel<>(Filters.and(Filters.eq("_id", "b"), Filters.lt("version", 2L)),
                        Updates.combine(Updates.set("version", 2L), Updates.inc("n", 5), Updates.set("ward", "w1"))),
                new UpdateOneModel<>(Filters.eq("_id", "a"), Updates.set("n", 2)),
                new UpdateOneModel<>(Filters.eq("ward", "w1"), Updates.push("log", "by ward")),
                new UpdateOneModel<>(Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 3L)),
                        Updates.combine(Updates.set("version", 3L), Updates.push("log", "y"))),
                new InsertOneModel<>(new Document("_id", "c").append("n", 1)),
                new DeleteOneModel<>(Filters.eq("_id", "c")),
                new UpdateOneModel<>(Filters.eq("_id", "c"), Updates.set("n", 2)),
                new ReplaceOneModel<>(Filters.eq("_id", "c"), new Document("n", 3), REPLACE_UPSERT),
                new DeleteOneModel<>(Filters.eq("_id", "b")),
                new InsertOneModel<>(new Document("_id", "b").append("n", 9).append("ward", "w3"))));
        assertThat(result).isEqualTo(new ReadCollection.WriteResult(5, 4, 2, 2, 2));
        assertThat(docs.find().sort(Sorts.ascending("_id")).into(new ArrayList<>())).containsExactly(
                new Document("_id", "a").append("version", 3L).append("n", 2).append("ward", "w1")
                        .append("log", List.of("x", "by ward", "y")),
                new Document("_id", "b").append("n", 9).append("ward", "w3"),
                new Document("_id", "c").append("n", 3));
        assertThat(ids(Filters.eq("ward", "w1"))).containsExactly("a");
        assertThat(ids(Filters.eq("ward", "w3"))).containsExactly("b");
        assertThat(docs.count(Filters.eq("ward", "w2"))).isZero();
    }

    /**
     * A change refused in the middle of a batch changes nothing of its document, which stays as the writes
     * before it left it, and the writes after it see that; the fields a change did not touch stay as they were.
     */
    @Test
    void aRefusedChangeLeavesTheDocumentAsTheWritesBeforeItLeftIt() {
        insert(new Document("_id", "h").append("n", 1).append("tags", List.of("a"))
                .append("info", new Document("w", "w1")).append("kept", new Document("k", List.of(1, 2))));
        ReadStoreWriteException e = catchThrowableOfType(ReadStoreWriteException.class, () -> docs.bulkWrite(List.of(
                new UpdateOneModel<>(Filters.eq("_id", "h"),
                        Updates.combine(Updates.push("tags", "b"), Updates.set("info.x", 1))),
                new UpdateOneModel<>(Filters.eq("_id", "h"),
                        Updates.combine(Updates.set("n", 5), Updates.push("tags", "z"), Updates.inc("info", 1))),
                new UpdateOneModel<>(Filters.eq("_id", "h"), Updates.push("tags", "c"))), false));
        assertThat(e).isNotNull();
        assertThat(e.failures()).extracting(ReadStoreWriteException.Failure::index).containsExactly(1);
        assertThat(docs.find().into(new ArrayList<>())).containsExactly(new Document("_id", "h").append("n", 1)
                .append("tags", List.of("a", "b", "c")).append("info", new Document("w", "w1").append("x", 1))
                .append("kept", new Document("k", List.of(1, 2))));
    }

    @Test
    void anOrderedBatchStopsAtADuplicateAndAnUnorderedOneGoesOn() {
        docs.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true));
        List<WriteModel<Document>> batch = List.of(
                new InsertOneModel<>(new Document("_id", 1).append("eventId", "e1")),
                new InsertOneModel<>(new Document("_id", 2).append("eventId", "e1")),
                new InsertOneModel<>(new Document("_id", 1).append("eventId", "e3")),
                new InsertOneModel<>(new Document("_id", 4).append("eventId", "e4")));
        ReadStoreWriteException ordered = catchThrowableOfType(ReadStoreWriteException.class,
                () -> docs.bulkWrite(batch, true));
        assertThat(ordered.failures()).extracting(ReadStoreWriteException.Failure::index).containsExactly(1);
        assertThat(ordered.onlyDuplicateKeys()).isTrue();
        assertThat(ids(new Document())).containsExactly(1);
        docs.deleteMany(new Document());
        ReadStoreWriteException unordered = catchThrowableOfType(ReadStoreWriteException.class,
                () -> docs.bulkWrite(batch, false));
        assertThat(unordered.failures()).extracting(ReadStoreWriteException.Failure::index).containsExactly(1, 2);
        assertThat(ids(new Document())).containsExactly(1, 4);
    }

    @Test
    void aUniqueIndexRefusesAnUpdateToATakenKey() {
        docs.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true));
        docs.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true));
        insert(new Document("_id", 1).append("eventId", "e1"), new Document("_id", 2).append("eventId", "e2"));
        ReadStoreWriteException e = catchThrowableOfType(ReadStoreWriteException.class, () -> docs.bulkWrite(
                List.of(new UpdateOneModel<>(Filters.eq("_id", 2), Updates.set("eventId", "e1")))));
        assertThat(e.onlyDuplicateKeys()).isTrue();
        assertThat(docs.find(Filters.eq("eventId", "e2")).first()).isEqualTo(new Document("_id", 2).append("eventId", "e2"));
        docs.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 2), Updates.set("eventId", "e3"))));
        insert(new Document("_id", 3).append("eventId", "e2"));
        assertThat(docs.count(Filters.in("eventId", "e1", "e2", "e3"))).isEqualTo(3);
    }

    @Test
    void insertManyStopsAtTheFirstDuplicate() {
        insert(new Document("_id", 2));
        ReadStoreWriteException e = catchThrowableOfType(ReadStoreWriteException.class, () -> docs.insertMany(List.of(
                new Document("_id", 1), new Document("_id", 2), new Document("_id", 3))));
        assertThat(e.onlyDuplicateKeys()).isTrue();
        assertThat(ids(new Document())).containsExactly(1, 2);
    }

    @Test
    void idRangesWalkInIdOrder() {
        docs.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true));
        for (long i = 1; i <= 30; i++) {
            insert(new Document("_id", i).append("eventId", "e" + i));
        }
        assertThat(docs.find(Filters.gt("_id", 25L)).sort(Sorts.ascending("_id")).limit(3).map(d -> d.get("_id")))
                .containsExactly(26L, 27L, 28L);
        assertThat(docs.find(Filters.gt("_id", 25)).sort(Sorts.ascending("_id")).map(d -> d.get("_id")))
                .containsExactly(26L, 27L, 28L, 29L, 30L);
        assertThat(docs.find().sort(Sorts.descending("_id")).limit(1).first().get("_id")).isEqualTo(30L);
        assertThat(docs.count(Filters.lte("_id", 10L))).isEqualTo(10);
    }

    @Test
    void deleteManyCountsAndCollectionNamesListOnlyCollectionsWithDocuments() {
        store.collection("empty");
        store.collection("b").insertMany(List.of(new Document("_id", 1)));
        insert(new Document("_id", 1).append("v", 1), new Document("_id", 2).append("v", 2));
        assertThat(store.collectionNames()).containsExactly("b", "docs");
        assertThat(docs.deleteMany(Filters.eq("v", 1))).isEqualTo(1);
        assertThat(docs.deleteMany(new Document())).isEqualTo(1);
        assertThat(docs.count(new Document())).isZero();
    }

    @Test
    void indexedAndUnindexedQueriesAgree() {
        for (int i = 0; i < 60; i++) {
            insert(new Document("_id", "d" + i).append("ward", "w" + i % 4).append("themes", List.of("t" + i % 3, "t" + i % 5))
                    .append("at", new Date(1000L * (i % 7))).append("year", i % 2 == 0 ? 2025 : 2026L));
        }
        Bson order = Sorts.orderBy(Sorts.descending("at"), Sorts.ascending("_id"));
        List<List<Object>> before = answers(order);
        List.of("ward", "themes", "at", "year").forEach(f -> docs.createIndex(Indexes.ascending(f)));
        assertThat(answers(order)).isEqualTo(before);
        assertThat(before.get(0)).hasSize(10);
    }

    private List<List<Object>> answers(Bson order) {
        List<List<Object>> answers = new ArrayList<>();
        answers.add(docs.find(Filters.eq("ward", "w1")).sort(order).skip(2).limit(10).map(d -> d.get("_id")));
        answers.add(docs.find(Filters.and(Filters.eq("themes", "t1"), Filters.eq("year", 2026))).sort(order).map(d -> d.get("_id")));
        answers.add(docs.find(Filters.all("themes", "t1", "t2")).sort(order).map(d -> d.get("_id")));
        answers.add(docs.find(Filters.gte("at", new Date(3000))).sort(Sorts.ascending("at", "_id")).limit(7).map(d -> d.get("_id")));
        answers.add(List.of(docs.count(Filters.eq("ward", "w2")), docs.count(Filters.eq("themes", "t0")),
                docs.count(Filters.eq("year", 2025L)), docs.count(Filters.and(Filters.eq("ward", "w2"), Filters.eq("year", 2025)))));
        return answers;
    }
}
