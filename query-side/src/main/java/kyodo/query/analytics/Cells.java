package kyodo.query.analytics;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.ReadStoreWriteException;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The cells of one read model (its cube): one document per combination of dimension values that
 * occurs among its facts, holding what those facts add up to, so that a query reads a few cells
 * instead of every fact. A cell holds its combination in the facts' own fields (the multi-valued
 * one as the fact's whole list, so a filter or a grouping reads the same on cells as on facts),
 * {@code n} the number of facts, {@code m_<measure>} their sums and {@code x_<key>} keyed counts (a
 * histogram of days, opinions per theme); only non-zero amounts are kept, and a cell without facts
 * is removed, so a cell depends only on the facts and not on how batches were cut.
 * <p>
 * A projection's batch moves each changed fact's share: minus its share as stored before the
 * batch, plus its share after ({@link FactBatch}); a fact whose stored version did not change moves
 * nothing, so an event seen twice counts once. The amounts are added with {@code $inc}, so
 * segments may write at once. A flush marks itself in {@value #STATE} before it writes the facts
 * and clears the mark after the cells: a mark found at start-up (a crash in between), or a model
 * whose cells were never built (data from before the cells), rebuilds the cells from the facts.
 * Each write of cells also advances the model's {@code generation}, which tells readers (the
 * dashboard) that figures may have moved.
 */
final class Cells {

    static final String COUNT = "n";
    static final String SUMS = "m_";
    static final String KEYED = "x_";
    /** Per read model: its generation document and the marks of flushes under way. */
    static final String STATE = "analytics_cells_state";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ReadModelSchema model;
    private final ReadCollection facts;
    private final ReadCollection cells;
    private final ReadCollection state;
    private final String generation;

    Cells(ReadStore store, ReadModelSchema model) {
        this.model = model;
        this.facts = store.collection(model.collection());
        this.cells = store.collection(model.cells());
        this.state = store.collection(STATE);
        this.generation = model.name() + "/generation";
        model.dimensions().forEach(d -> cells.createIndex(Indexes.ascending(d.field())));
        state.createIndex(Indexes.ascending("model"));
        if (!built()) {
            rebuild();
        }
    }

    /**
     * Where a fact counts and what it adds there.
     *
     * @param cell    the cell's id: its combination written as JSON
     * @param key     the combination, by fact field
     * @param amounts by cell field, {@code n} included
     */
    record Share(String cell, Document key, Map<String, Long> amounts) {
    }

    /** The fact's share, or null for no fact. */
    Share share(Document fact) {
        if (fact == null) {
            return null;
        }
        Document key = new Document();
        model.dimensions().forEach(d -> key.append(d.field(), fact.get(d.field())));
        Map<String, Long> amounts = new LinkedHashMap<>();
        amounts.put(COUNT, 1L);
        amounts.putAll(model.share().apply(fact));
        return new Share(key.toJson(), key, amounts);
    }

    /** The amounts a batch moves, by cell. */
    static final class Moves {

        private final Map<String, Document> keys = new HashMap<>();
        private final Map<String, Map<String, Long>> amounts = new TreeMap<>();

        void add(Share share, long sign) {
            if (share != null) {
                keys.putIfAbsent(share.cell(), share.key());
                Map<String, Long> cell = amounts.computeIfAbsent(share.cell(), id -> new TreeMap<>());
                share.amounts().forEach((field, amount) -> cell.merge(field, Math.multiplyExact(sign, amount),
                        Math::addExact));
            }
        }

        /** The non-zero amounts, by cell. */
        private Map<String, Map<String, Long>> nonZero() {
            Map<String, Map<String, Long>> moved = new TreeMap<>();
            amounts.forEach((cell, byField) -> {
                Map<String, Long> changed = new TreeMap<>(byField);
                changed.values().removeIf(amount -> amount == 0);
                if (!changed.isEmpty()) {
                    moved.put(cell, changed);
                }
            });
            return moved;
        }
    }

    /** Writes the facts (by {@code writeFacts}), then moves the cells, as one marked flush. */
    void write(Moves moves, Runnable writeFacts) {
        Map<String, Map<String, Long>> moved = moves.nonZero();
        if (moved.isEmpty()) {
            writeFacts.run();
            return;
        }
        String flush = model.name() + "/flush/" + UUID.randomUUID();
        state.bulkWrite(List.of(new InsertOneModel<>(new Document("_id", flush).append("model", model.name())
                .append("flush", true))));
        writeFacts.run();
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        moved.forEach((id, amounts) -> {
            List<Bson> updates = new ArrayList<>();
            moves.keys.get(id).forEach((field, value) -> updates.add(Updates.setOnInsert(field, value)));
            amounts.forEach((field, amount) -> updates.add(Updates.inc(field, amount)));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(updates), UPSERT));
        });
        try {
            cells.bulkWrite(writes, false);
        } catch (ReadStoreWriteException e) {
            if (!e.onlyDuplicateKeys()) {
                throw e;
            }
            // Two segments created the same cell at once: the cell exists now, so the retry adds to it.
            cells.bulkWrite(e.failures().stream().map(f -> writes.get(f.index())).toList(), false);
        }
        tidy(moved);
        state.bulkWrite(List.of(new DeleteOneModel<>(Filters.eq("_id", flush)), advance()));
    }

    /**
     * Removes what a move left at zero: the amounts (each only if still zero) and cells without
     * facts (only if still without), so that another segment's concurrent move is never lost.
     */
    private void tidy(Map<String, Map<String, Long>> moved) {
        List<String> shrunk = moved.entrySet().stream()
                .filter(e -> e.getValue().values().stream().anyMatch(amount -> amount < 0))
                .map(Map.Entry::getKey).toList();
        if (shrunk.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        cells.find(Filters.in("_id", shrunk)).forEach(cell -> {
            Object id = cell.get("_id");
            if (((Number) cell.get(COUNT)).longValue() == 0) {
                writes.add(new DeleteOneModel<>(Filters.and(Filters.eq("_id", id), Filters.eq(COUNT, 0L))));
                return;
            }
            moved.get((String) id).forEach((field, amount) -> {
                if (amount < 0 && cell.get(field) instanceof Number n && n.longValue() == 0) {
                    writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", id), Filters.eq(field, 0L)),
                            Updates.unset(field)));
                }
            });
        });
        if (!writes.isEmpty()) {
            cells.bulkWrite(writes, false);
        }
    }

    /** Empties the cells (a reset of the projection, with its facts). */
    void clear() {
        cells.deleteMany(new Document());
        state.deleteMany(Filters.and(Filters.eq("model", model.name()), Filters.eq("flush", true)));
        state.bulkWrite(List.of(advance()));
    }

    /** Whether the cells were built and no flush was cut short since. */
    private boolean built() {
        Document stored = state.find(Filters.eq("_id", generation)).first();
        return stored != null && stored.getBoolean("built", false)
                && state.count(Filters.and(Filters.eq("model", model.name()), Filters.eq("flush", true))) == 0;
    }

    /** The cells again from the facts; a crash during it leaves them unbuilt, to be rebuilt at the next start. */
    void rebuild() {
        state.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", generation), Updates.combine(
                Updates.set("model", model.name()), Updates.set("built", false)), UPSERT)));
        Map<String, Document> all = new TreeMap<>();
        facts.find().forEach(fact -> {
            Share share = share(fact);
            Document cell = all.computeIfAbsent(share.cell(), id -> new Document("_id", id).append(COUNT, 0L));
            share.key().forEach(cell::putIfAbsent);
            share.amounts().forEach((field, amount) -> cell.merge(field, amount,
                    (a, b) -> Math.addExact((Long) a, (Long) b)));
        });
        all.values().forEach(cell -> cell.values().removeIf(v -> v instanceof Long amount && amount == 0));
        cells.deleteMany(new Document());
        if (!all.isEmpty()) {
            cells.insertMany(new ArrayList<>(all.values()));
        }
        state.deleteMany(Filters.and(Filters.eq("model", model.name()), Filters.eq("flush", true)));
        state.bulkWrite(List.of(advance()));
    }

    private UpdateOneModel<Document> advance() {
        return new UpdateOneModel<>(Filters.eq("_id", generation), Updates.combine(Updates.inc("generation", 1L),
                Updates.set("model", model.name()), Updates.set("built", true)), UPSERT);
    }

    /**
     * Every read model's generation, by model: it moves whenever a model's cells may have changed,
     * so equal generations mean equal rows.
     */
    static Map<String, Long> generations(ReadStore store) {
        Map<String, Long> generations = new TreeMap<>();
        store.collection(STATE).find(Filters.exists("generation")).sort(Sorts.ascending("_id"))
                .forEach(g -> generations.put(g.getString("model"), ((Number) g.get("generation")).longValue()));
        return generations;
    }
}
