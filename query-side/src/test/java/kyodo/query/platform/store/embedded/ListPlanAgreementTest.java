package kyodo.query.platform.store.embedded;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ListIndexes;
import kyodo.query.platform.store.ReadCollection;
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
 * The list queries' plans (a search walked along the date index keeping only its postings' numbers,
 * a count from the scoped postings alone, a deep page skipped by rank) answer as full scans do: a
 * store with the indexes {@link ListIndexes} declares and one without, on documents with many equal
 * dates, missing and null ones, documents out of scope, and words both frequent and rare.
 */
class ListPlanAgreementTest {

    /** Token frequencies from every document to a handful, so that every plan gets its turn. */
    private static final List<String> TOKENS = List.of("aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh");
    private static final int[] PER_MILLE = {900, 500, 200, 60, 20, 8, 3, 1};
    private static final List<String> WARDS = List.of("w1", "w2", "w3");
    /**
     * The lists' orders, and orders an index holds only in part (its tie-breaker in the other
     * direction, or none), which a walk must still give in order.
     */
    private static final List<Bson> SORTS = List.of(Sorts.descending("at", "_id"), Sorts.ascending("at", "_id"),
            Sorts.descending("at", "_id"), Sorts.ascending("at", "_id"),
            Sorts.orderBy(Sorts.ascending("at"), Sorts.descending("_id")),
            Sorts.orderBy(Sorts.descending("at"), Sorts.ascending("_id")), Sorts.ascending("at"));

    @TempDir
    Path directory;

    @Test
    void listQueriesAnswerAsFullScans() {
        try (EmbeddedReadStore indexed = EmbeddedReadStore.open(directory.resolve("indexed"));
             EmbeddedReadStore plain = EmbeddedReadStore.open(directory.resolve("plain"))) {
            ReadCollection withIndexes = indexed.collection("docs");
            ReadCollection scanned = plain.collection("docs");
            ListIndexes.declare(withIndexes, "listed", List.of("ward", "status"), List.of("at"), "tokens");
            Random random = new Random(17);
            int size = 3000;
            for (int start = 0; start < size; start += 200) {
                List<Document> batch = new ArrayList<>();
                for (int i = start; i < start + 200; i++) {
                    batch.add(document(random, i));
                }
                withIndexes.insertMany(batch);
                scanned.insertMany(batch.stream().map(d -> Document.parse(d.toJson())).toList());
            }
            for (int round = 0; round < 2; round++) {
                for (int q = 0; q < 150; q++) {
                    Bson filter = filter(random);
                    Bson sort = SORTS.get(random.nextInt(SORTS.size()));
                    int skip = switch (random.nextInt(3)) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(60);
                        default -> random.nextInt(1200);
                    };
                    int limit = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(40);
                    String query = filter.toBsonDocument() + " sort " + sort + " skip " + skip + " limit " + limit;
                    assertThat(answer(withIndexes, filter, sort, skip, limit)).as(query)
                            .isEqualTo(answer(scanned, filter, sort, skip, limit));
                    assertThat(withIndexes.count(filter)).as("count " + query).isEqualTo(scanned.count(filter));
                }
                // documents leave the scope and change dates and words: postings and ranks follow
                List<WriteModel<Document>> changes = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    Bson id = Filters.eq("_id", "d" + random.nextInt(size));
                    changes.add(new UpdateOneModel<>(id, switch (random.nextInt(3)) {
                        case 0 -> Updates.set("listed", random.nextBoolean());
                        case 1 -> Updates.set("at", new Date(1000L * random.nextInt(50)));
                        default -> Updates.set("tokens", tokens(random));
                    }));
                }
                withIndexes.bulkWrite(changes);
                scanned.bulkWrite(changes);
            }
        }
    }

    /**
     * Clauses that are not independent: the open documents due soonest are nearly all overdue, so a
     * walk of the date index under "open" meets thousands of overdue ones before the first that is
     * not. The walk gives up within its budget and the candidates' plan answers; either way the
     * answer is the full scan's.
     */
    @Test
    void correlatedClausesAnswerAsFullScans() {
        try (EmbeddedReadStore indexed = EmbeddedReadStore.open(directory.resolve("indexed"));
             EmbeddedReadStore plain = EmbeddedReadStore.open(directory.resolve("plain"))) {
            ReadCollection withIndexes = indexed.collection("docs");
            ReadCollection scanned = plain.collection("docs");
            ListIndexes.declare(withIndexes, "listed", List.of("status", "overdue"), List.of("at"), null);
            Random random = new Random(29);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 6000; i++) {
                boolean open = random.nextInt(3) == 0;
                int at = random.nextInt(1000);
                batch.add(new Document("_id", "d" + i).append("listed", true)
                        .append("status", open ? "OPEN" : "DONE")
                        .append("overdue", open && at < 950)
                        .append("at", new Date(1000L * at)));
            }
            withIndexes.insertMany(batch);
            scanned.insertMany(batch.stream().map(d -> Document.parse(d.toJson())).toList());
            Bson filter = Filters.and(Filters.eq("listed", true), Filters.eq("status", "OPEN"), Filters.eq("overdue", false));
            for (Bson sort : SORTS) {
                for (int skip : new int[] {0, 5, 40, 100}) {
                    for (int limit : new int[] {1, 5, 20, 0}) {
                        assertThat(answer(withIndexes, filter, sort, skip, limit)).as(sort + " " + skip + " " + limit)
                                .isEqualTo(answer(scanned, filter, sort, skip, limit));
                    }
                }
            }
        }
    }

    private static List<Object> answer(ReadCollection c, Bson filter, Bson sort, int skip, int limit) {
        return c.find(filter).sort(sort).skip(skip).limit(limit).map(d -> d.get("_id"));
    }

    private static Document document(Random random, int i) {
        Document doc = new Document("_id", "d" + i).append("listed", random.nextInt(20) > 0)
                .append("ward", WARDS.get(random.nextInt(WARDS.size())))
                .append("status", random.nextBoolean() ? "OPEN" : "DONE");
        switch (random.nextInt(10)) {
            case 0 -> { }
            case 1 -> doc.append("at", null);
            default -> doc.append("at", new Date(1000L * random.nextInt(50)));
        }
        return doc.append("tokens", tokens(random));
    }

    private static List<String> tokens(Random random) {
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < TOKENS.size(); t++) {
            if (random.nextInt(1000) < PER_MILLE[t]) {
                tokens.add(TOKENS.get(t));
            }
        }
        return tokens;
    }

    /** The shapes the list endpoints send: the scope, then equalities and a search in any mix. */
    private static Bson filter(Random random) {
        List<Bson> clauses = new ArrayList<>();
        clauses.add(Filters.eq("listed", true));
        if (random.nextInt(3) == 0) {
            clauses.add(Filters.eq("ward", WARDS.get(random.nextInt(WARDS.size()))));
        }
        if (random.nextInt(3) == 0) {
            clauses.add(Filters.eq("status", random.nextBoolean() ? "OPEN" : "DONE"));
        }
        if (random.nextInt(3) > 0) {
            List<String> words = new ArrayList<>();
            for (int w = 0; w < 1 + random.nextInt(2); w++) {
                words.add(TOKENS.get(random.nextInt(TOKENS.size())));
            }
            clauses.add(Filters.all("tokens", words));
        }
        return Filters.and(clauses);
    }
}
