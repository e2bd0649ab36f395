package kyodo.query.platform.store.embedded;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStoreWriteException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer never depends on the plan: random documents and random queries of the supported shapes,
 * answered by a store with indexes (walks, candidates, rank counts) and by one without (full scans),
 * agree on every document, its order and the page.
 */
class PlannerAgreementTest {

    private static final List<String> WARDS = List.of("w1", "w2", "w3", "w4");
    private static final List<String> THEMES = List.of("a", "b", "c", "d", "e");
    private static final List<String> TOKENS = List.of("ab", "bc", "cd", "de", "ef", "fg", "gh");

    private static final org.bson.codecs.DocumentCodec CODEC = new org.bson.codecs.DocumentCodec();

    @TempDir
    Path directory;

    @Test
    void indexedAnswersEqualFullScans() {
        for (long seed = 1; seed <= 3; seed++) {
            try (EmbeddedReadStore indexed = EmbeddedReadStore.open(directory.resolve("indexed" + seed));
                 EmbeddedReadStore plain = EmbeddedReadStore.open(directory.resolve("plain" + seed))) {
                ReadCollection withIndexes = indexed.collection("docs");
                ReadCollection scanned = plain.collection("docs");
                List.of("ward", "status", "themes", "at", "year", "tokens", "projects.projectId")
                        .forEach(f -> withIndexes.createIndex(Indexes.ascending(f)));
                withIndexes.createIndex(Indexes.ascending("ward", "at"));
                withIndexes.createIndex(Indexes.ascending("status", "year"));
                Random random = new Random(seed);
                int size = 300 + random.nextInt(300);
                for (int i = 0; i < size; i++) {
                    Document doc = document(random, i);
                    withIndexes.insertMany(List.of(doc));
                    scanned.insertMany(List.of(new org.bson.RawBsonDocument(doc, CODEC).decode(CODEC)));
                }
                for (int round = 0; round < 3; round++) {
                    List<WriteModel<Document>> changes = changes(random, size);
                    assertThat(refused(withIndexes, changes)).isEqualTo(refused(scanned, changes));
                    for (int q = 0; q < 120; q++) {
                        Bson filter = filter(random);
                        Bson sort = sort(random);
                        int skip = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
                        int limit = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(20);
                        String query = filter.toBsonDocument() + " sort " + sort + " skip " + skip + " limit " + limit;
                        assertThat(answer(withIndexes, filter, sort, skip, limit)).as(query)
                                .isEqualTo(answer(scanned, filter, sort, skip, limit));
                        assertThat(withIndexes.count(filter)).as("count " + query).isEqualTo(scanned.count(filter));
                    }
                }
            }
        }
    }

    /**
     * A filter naming a string {@code _id} is read through the {@code _id} map without a plan: it answers
     * what the same filter with {@code $in} on that one id answers by the planner, with any other clauses,
     * skips and sorts, for ids there and not there, and after a write changed or deleted documents.
     */
    @Test
    void filtersByAStringIdAnswerAsThePlannerDoes() {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory.resolve("ids"))) {
            ReadCollection c = store.collection("docs");
            c.createIndex(Indexes.ascending("ward"));
            Random random = new Random(7);
            for (int i = 0; i < 200; i++) {
                c.insertMany(List.of(document(random, i)));
            }
            int matched = 0;
            for (int round = 0; round < 2; round++) {
                for (int q = 0; q < 300; q++) {
                    String id = "d" + random.nextInt(220);
                    Bson others = filter(random);
                    Bson byEq = Filters.and(Filters.eq("_id", id), others);
                    Bson byIn = Filters.and(Filters.in("_id", id), others);
                    Bson sort = sort(random);
                    int skip = random.nextInt(4) == 0 ? 1 : 0;
                    List<Object> expected = answer(c, byIn, sort, skip, 0);
                    assertThat(answer(c, byEq, sort, skip, 0)).as(byEq.toBsonDocument().toJson()).isEqualTo(expected);
                    assertThat(c.count(byEq)).isEqualTo(c.count(byIn));
                    assertThat(c.find(new Document("_id", id)).first()).isEqualTo(c.find(Filters.in("_id", id)).first());
                    matched += expected.size();
                }
                refused(c, changes(random, 200));
            }
            assertThat(matched).isPositive();
        }
    }

    /** The positions of the writes refused (e.g. $addToSet on a theme that is not an array). */
    private static List<Integer> refused(ReadCollection c, List<WriteModel<Document>> changes) {
        try {
            c.bulkWrite(changes, false);
            return List.of();
        } catch (ReadStoreWriteException e) {
            return e.failures().stream().map(ReadStoreWriteException.Failure::index).toList();
        }
    }

    private static List<Object> answer(ReadCollection c, Bson filter, Bson sort, int skip, int limit) {
        var find = c.find(filter).skip(skip).limit(limit);
        if (sort != null) {
            find = find.sort(sort);
        }
        return find.map(d -> d.get("_id"));
    }

    private static Document document(Random random, int i) {
        Document doc = new Document("_id", random.nextBoolean() ? (Object) ("d" + i) : (Object) (long) i);
        if (random.nextInt(10) > 0) {
            doc.append("ward", pick(random, WARDS));
        }
        doc.append("status", pick(random, List.of("OPEN", "DONE", "NEW")));
        switch (random.nextInt(5)) {
            case 0 -> doc.append("themes", pick(random, THEMES));
            case 1 -> { }
            default -> doc.append("themes", some(random, THEMES, 3));
        }
        switch (random.nextInt(6)) {
            case 0 -> { }
            case 1 -> doc.append("at", null);
            default -> doc.append("at", new Date(1000L * random.nextInt(40)));
        }
        Object year = switch (random.nextInt(3)) {
            case 0 -> 2024 + random.nextInt(3);
            case 1 -> 2024L + random.nextInt(3);
            default -> 2024.0 + random.nextInt(3);
        };
        doc.append("year", year);
        doc.append("tokens", some(random, TOKENS, 5));
        if (random.nextBoolean()) {
            doc.append("projects", List.of(new Document("projectId", "p" + random.nextInt(8)),
                    new Document("projectId", "p" + random.nextInt(8))));
        }
        return doc;
    }

    private static List<WriteModel<Document>> changes(Random random, int size) {
        List<WriteModel<Document>> changes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = random.nextInt(size);
            Bson id = Filters.in("_id", "d" + n, (long) n);
            changes.add(switch (random.nextInt(5)) {
                case 0 -> new UpdateOneModel<>(id, Updates.set("ward", pick(random, WARDS)));
                case 1 -> new UpdateOneModel<>(id, Updates.addToSet("themes", pick(random, THEMES)));
                case 2 -> new UpdateOneModel<>(id, Updates.unset("at"));
                case 3 -> new UpdateOneModel<>(id, Updates.set("at", new Date(1000L * random.nextInt(40))));
                default -> new com.mongodb.client.model.DeleteOneModel<>(id);
            });
        }
        return changes;
    }

    private static Bson filter(Random random) {
        List<Bson> clauses = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            clauses.add(switch (random.nextInt(14)) {
                case 0 -> Filters.eq("ward", pick(random, WARDS));
                case 1 -> Filters.eq("status", pick(random, List.of("OPEN", "DONE", "NEW")));
                case 2 -> Filters.eq("themes", pick(random, THEMES));
                case 3 -> Filters.in("themes", some(random, THEMES, 2));
                case 4 -> Filters.all("tokens", some(random, TOKENS, 3));
                case 5 -> Filters.gt("at", new Date(1000L * random.nextInt(40)));
                case 6 -> Filters.lte("at", new Date(1000L * random.nextInt(40)));
                case 7 -> Filters.eq("year", random.nextBoolean() ? (Object) 2025 : (Object) 2025.0);
                case 8 -> Filters.gte("year", 2025L);
                case 9 -> Filters.ne("status", "DONE");
                case 10 -> Filters.nin("themes", pick(random, THEMES));
                case 11 -> Filters.exists("at", random.nextBoolean());
                case 12 -> Filters.eq("projects.projectId", "p" + random.nextInt(8));
                default -> Filters.size("themes", random.nextInt(3));
            });
        }
        return clauses.isEmpty() ? new Document() : Filters.and(clauses);
    }

    private static Bson sort(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> Sorts.orderBy(Sorts.descending("at"), Sorts.ascending("_id"));
            case 2 -> Sorts.ascending("year");
            case 3 -> Sorts.descending("_id");
            case 4 -> Sorts.orderBy(Sorts.ascending("ward"), Sorts.descending("at"));
            default -> Sorts.ascending("at");
        };
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<String> some(Random random, List<String> values, int most) {
        List<String> picked = new ArrayList<>();
        int n = 1 + random.nextInt(most);
        for (int i = 0; i < n; i++) {
            String v = pick(random, values);
            if (!picked.contains(v)) {
                picked.add(v);
            }
        }
        return picked;
    }
}
