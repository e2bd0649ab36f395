package kyodo.query.analytics;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import kyodo.kernel.Ward;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.ProposalStory;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics cells: always what the facts add up to, whether moved batch by batch, rebuilt after
 * a flush cut short, or built for facts that were there before the cells.
 */
class CellsTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private MongoDatabase database;
    private AnalyticsFixture fixture;
    private AnalyticsRows rows;

    @BeforeEach
    void freshDatabase() {
        database = stores.freshDatabase();
        fixture = new AnalyticsFixture(database);
        rows = new AnalyticsRows(MongoReadStore.of(database));
    }

    @Test
    void aCellHoldsOneCombinationWithItsFactsSumsAndHistogram() {
        fixture.feed(AnalyticsFixture.proposals(stores.protector));

        // Tama: four proposals on 緑化 (citizen-proposal programme, at the counter), answered after 2, 4, 7, 8 days.
        List<Document> tama = cells("analytics_proposal_cells", Filters.eq("ward", "tama"));
        assertThat(tama).hasSize(1);
        Document cell = new Document(tama.get(0));
        cell.remove("_id");
        assertThat(cell).isEqualTo(new Document("ward", "tama").append("fiscalYear", 2025)
                .append("themes", List.of(AnalyticsFixture.GREEN)).append("programme", "CITIZEN_PROPOSAL")
                .append("channel", "COUNTER").append("supportBand", "0").append("n", 4L).append("m_received", 4L).append("m_decided", 4L)
                .append("m_accepted", 4L).append("x_d2", 1L).append("x_d4", 1L).append("x_d7", 1L)
                .append("x_d8", 1L));
        // Saiwai's eight proposals fall into four cells by themes and programme; no amount is zero.
        assertThat(cells("analytics_proposal_cells", new Document()))
                .allSatisfy(c -> c.forEach((field, value) -> {
                    if (field.equals("n") || field.startsWith("m_") || field.startsWith("x_")) {
                        assertThat(((Number) value).longValue()).as(field).isNotZero();
                    }
                }))
                .extracting(c -> ((Number) c.get("n")).longValue()).containsExactlyInAnyOrder(4L, 1L, 3L, 1L, 3L);
    }

    @Test
    void aFactThatChangesMovesItsShareAndLeavesNoEmptyCell() {
        ProposalStory story = ProposalStory.submitted(stores.protector, "p1", Ward.SAIWAI, "提案", "本文",
                List.of(AnalyticsFixture.GREEN), kyodo.kernel.proposal.ProposalProgramme.CITIZEN_PROPOSAL,
                AnalyticsFixture.at("2025-05-01T01:00:00Z"));
        fixture.feed(story.messages());
        assertThat(cells("analytics_proposal_cells", new Document())).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("m_open", 1L).doesNotContainKey("m_decided"));

        fixture.feed(story.accepted("実施します。", null, 0, AnalyticsFixture.at("2025-05-06T01:00:00Z"))
                .messages().subList(1, 2));

        assertThat(cells("analytics_proposal_cells", new Document())).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("m_decided", 1L).containsEntry("x_d5", 1L)
                        .doesNotContainKey("m_open"));
    }

    @Test
    void cellsAreBuiltFromFactsThatCameBeforeThem() {
        fixture.feed(AnalyticsFixture.history(stores.protector));
        Map<String, List<Document>> moved = fixture.snapshot();
        List<Map<String, Object>> answer = answer();
        fixture.collections.stream().filter(c -> c.contains("_cells"))
                .forEach(c -> database.getCollection(c).deleteMany(new Document()));
        database.getCollection(Cells.STATE).deleteMany(new Document());

        new AnalyticsFixture(database);

        assertThat(fixture.snapshot()).isEqualTo(moved);
        assertThat(answer()).isEqualTo(answer);
    }

    @Test
    void aFlushCutShortIsRepairedFromTheFactsAtTheNextStart() {
        fixture.feed(AnalyticsFixture.history(stores.protector));
        Map<String, List<Document>> moved = fixture.snapshot();
        List<Map<String, Object>> answer = answer();
        // As if the process died after the facts were written and before their cells moved.
        database.getCollection("analytics_proposal_cells").updateOne(Filters.eq("ward", "tama"),
                Updates.inc("m_received", 5L));
        database.getCollection(Cells.STATE).insertOne(new Document("_id", "proposals/summary/flush/x")
                .append("model", "proposals/summary").append("flush", true));
        assertThat(answer()).isNotEqualTo(answer);

        new AnalyticsFixture(database);

        assertThat(fixture.snapshot()).isEqualTo(moved);
        assertThat(answer()).isEqualTo(answer);
        assertThat(database.getCollection(Cells.STATE).countDocuments(Filters.eq("flush", true))).isZero();
    }

    @Test
    void everyMoveAdvancesTheGenerationsAndNothingElseDoes() {
        fixture.feed(AnalyticsFixture.proposals(stores.protector));
        Map<String, Long> before = rows.generations().block();

        fixture.feed(AnalyticsFixture.proposals(stores.protector));
        assertThat(rows.generations().block()).as("events seen twice move nothing").isEqualTo(before);

        fixture.feed(AnalyticsFixture.meetings(stores.protector));
        Map<String, Long> after = rows.generations().block();
        assertThat(after.get("proposals/summary")).isEqualTo(before.get("proposals/summary"));
        assertThat(after.get("meetings/participation")).isGreaterThan(before.get("meetings/participation"));
    }

    @Test
    void aCoarserGrainHoldsTheSumsOfTheFinerCellsItCovers() {
        fixture.feed(AnalyticsFixture.history(stores.protector));

        for (ReadModelSchema model : AnalyticsCatalogue.all()) {
            List<Grain> grains = Grain.of(model);
            for (Grain coarse : grains.subList(1, grains.size())) {
                Map<String, Document> summed = new java.util.TreeMap<>();
                for (Document fine : cells(grains.get(0).collection(), new Document())) {
                    String key = coarse.dimensions().stream().map(d -> String.valueOf(fine.get(d.field()))).toList()
                            .toString();
                    Document cell = summed.computeIfAbsent(key, k -> {
                        Document c = new Document();
                        coarse.dimensions().forEach(d -> c.append(d.field(), fine.get(d.field())));
                        return c;
                    });
                    fine.forEach((field, value) -> {
                        if (field.equals("n") || field.startsWith("m_") || field.startsWith("x_")) {
                            cell.merge(field, value, (a, b) -> (Long) a + (Long) b);
                        }
                    });
                }
                List<Document> stored = cells(coarse.collection(), new Document());
                stored.forEach(c -> c.remove("_id"));
                assertThat(stored).as(coarse.collection()).isNotEmpty()
                        .containsExactlyInAnyOrderElementsOf(summed.values());
            }
        }
        assertThat(Grain.covering(AnalyticsCatalogue.PROPOSALS, List.of("ward")).collection())
                .isEqualTo("analytics_proposal_cells_by_ward_fiscalYear");
        assertThat(Grain.covering(AnalyticsCatalogue.PROPOSALS, List.of("ward", "theme")).collection())
                .isEqualTo("analytics_proposal_cells");
    }

    @Test
    void cellsAreTheSameDocumentsFieldForFieldWhateverTheBatches() {
        List<EventMessage<?>> history = AnalyticsFixture.history(stores.protector);
        fixture.feed(history);
        List<String> oneByOne = cellsAsJson();

        fixture.reset();
        for (int from = 0; from < history.size(); from += 5) {
            BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(
                    List.copyOf(history.subList(from, Math.min(from + 5, history.size()))));
            batch.executeWithResult(() -> {
                fixture.feed(List.of(batch.getMessage()));
                return null;
            });
        }

        assertThat(cellsAsJson()).isEqualTo(oneByOne).isNotEmpty();
    }

    @Test
    void aReplayInsideARebuildBuildsTheCellsOnceAtItsEndAsTheMovesLeftThem() {
        MongoReadStore store = MongoReadStore.of(database);
        AnalyticsFixture replaying = new AnalyticsFixture(database, store);
        List<EventMessage<?>> history = AnalyticsFixture.history(stores.protector);
        replaying.feed(history);
        List<String> moved = cellsAsJson();
        Map<String, List<Document>> live = fixture.snapshot();
        Map<String, Long> before = rows.generations().block();

        try (var rebuilding = store.rebuild()) {
            replaying.reset();
            replayInBatches(replaying, history);
            // no batch moved a cell: they stay empty and marked unbuilt until the rebuild ends
            assertThat(cellsAsJson()).isEmpty();
            assertThat(database.getCollection(Cells.STATE).find(Filters.eq("built", false)).into(new ArrayList<>()))
                    .hasSize(AnalyticsCatalogue.all().size());
            assertThat(rebuilding).isNotNull();
        }

        assertThat(cellsAsJson()).isEqualTo(moved).isNotEmpty();
        assertThat(fixture.snapshot()).isEqualTo(live);
        assertThat(database.getCollection(Cells.STATE).countDocuments(Filters.eq("built", false))).isZero();
        assertThat(rows.generations().block()).allSatisfy((model, generation) ->
                assertThat(generation).as(model).isGreaterThan(before.get(model)));
        // after the rebuild the batches move the cells again
        ProposalStory late = ProposalStory.submitted(stores.protector, "late", Ward.TAMA, "提案", "本文",
                List.of(AnalyticsFixture.GREEN), kyodo.kernel.proposal.ProposalProgramme.CITIZEN_PROPOSAL,
                AnalyticsFixture.at("2025-05-01T01:00:00Z"));
        replaying.feed(late.messages());
        assertThat(cellsAsJson()).isNotEqualTo(moved);
    }

    @Test
    void aReplayKilledBeforeItsRebuildEndedLeavesTheCellsToBeBuiltAtTheNextStart() {
        MongoReadStore store = MongoReadStore.of(database);
        AnalyticsFixture replaying = new AnalyticsFixture(database, store);
        List<EventMessage<?>> history = AnalyticsFixture.history(stores.protector);
        replaying.feed(history);
        List<String> moved = cellsAsJson();

        store.rebuild(); // never closed: the process dies during the replay
        replaying.reset();
        replayInBatches(replaying, history);
        assertThat(cellsAsJson()).isEmpty();

        new AnalyticsFixture(database); // the next start, on a store of its own

        assertThat(cellsAsJson()).isEqualTo(moved);
    }

    /** The events to the fixture's projections in units of work of five, as processor batches. */
    private static void replayInBatches(AnalyticsFixture projections, List<EventMessage<?>> history) {
        for (int from = 0; from < history.size(); from += 5) {
            BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(
                    List.copyOf(history.subList(from, Math.min(from + 5, history.size()))));
            batch.executeWithResult(() -> {
                projections.feed(List.of(batch.getMessage()));
                return null;
            });
        }
    }

    /** Every cell of every grain as JSON (field order included), as a replay test compares them. */
    private List<String> cellsAsJson() {
        List<String> all = new ArrayList<>();
        fixture.collections.stream().filter(c -> c.contains("_cells")).forEach(c -> database.getCollection(c).find()
                .sort(new Document("_id", 1)).forEach(cell -> all.add(c + " " + cell.toJson())));
        return all;
    }

    private List<Map<String, Object>> answer() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (ReadModelSchema model : AnalyticsCatalogue.all()) {
            List<String> everything = model.dimensions().stream().map(Dimension::name).toList();
            rows.rows(model.name(), Map.of(), everything).map(AnalyticsRow::values).toIterable().forEach(all::add);
        }
        return all;
    }

    @Test
    void aCellsIdIsItsCombinationAsTheJsonWriterWritesIt() {
        // every character, in a value and in a name: written here where it is plain, by the writer otherwise
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = "a" + (char) c + "b";
            assertThat(CellIds.of(new Document("theme", text))).as("value with U+%04X", c)
                    .isEqualTo(new Document("theme", text).toJson());
            assertThat(CellIds.of(new Document(text, "x"))).as("name with U+%04X", c)
                    .isEqualTo(new Document(text, "x").toJson());
        }
        List<Document> keys = List.of(new Document(),
                new Document("ward", "ward-3").append("fiscalYear", 2025).append("status", null),
                new Document("month", "2026-04").append("big", Long.MAX_VALUE).append("small", Long.MIN_VALUE)
                        .append("minus", -7).append("zero", 0L).append("yes", true).append("no", false),
                new Document("theme", "防災").append("empty", ""),
                // not plain: through the writer
                new Document("themes", List.of("a", "b")).append("ratio", 0.5),
                new Document("at", new java.util.Date(0)).append("nested", new Document("a", 1)));
        for (Document key : keys) {
            assertThat(CellIds.of(key)).isEqualTo(key.toJson());
        }
    }

    private List<Document> cells(String collection, org.bson.conversions.Bson filter) {
        return database.getCollection(collection).find(filter).into(new ArrayList<>());
    }
}
