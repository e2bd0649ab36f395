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
 * {@code n} the number of facts, {@code m_<measure>} their sums, {@code x_<key>} keyed counts (a
 * histogram of days) and {@code v_<i>} counts per value of the multi-valued dimension (opinions per
 * theme, only in a grain that holds the themes); only non-zero amounts are kept, and a cell without
 * facts is removed, so a cell depends only on the facts and not on how batches were cut. Cells are
 * kept at each {@link Grain} of the model.
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
    /** Keyed counts per value of the multi-valued dimension: kept only by grains that hold it. */
    static final String PER_VALUE = "v_";
    /** Per read model: its generation document and the marks of flushes under way. */
    static final String STATE = "analytics_cells_state";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ReadModelSchema model;
    private final ReadCollection facts;
    private final List<Grain> grains;
    private final List<ReadCollection> cells;
    private final ReadCollection state;
    private final String generation;

    Cells(ReadStore store, ReadModelSchema model) {
        this.model = model;
        this.facts = store.collection(model.collection());
        this.grains = Grain.of(model);
        this.cells = grains.stream().map(g -> store.collection(g.collection())).toList();
        this.state = store.collection(STATE);
        this.generation = model.name() + "/generation";
        for (int i = 0; i < grains.size(); i++) {
            ReadCollection grain = cells.get(i);
            grains.get(i).dimensions().forEach(d -> grain.createIndex(Indexes.ascending(d.field())));
        }
        state.createIndex(Indexes.ascending("model"));
        if (!built()) {
            rebuild();
        }
    }

    /**
     * Where a fact counts at one grain and what it adds there.
     *
     * @param grain   the grain's position among the model's grains
     * @param cell    the cell's id: its combination written as JSON
     * @param key     the combination, by fact field
     * @param amounts by cell field, {@code n} included
     */
    record Share(int grain, String cell, Document key, Map<String, Long> amounts) {
    }

    /** The fact's shares, one per grain; none for no fact. */
    List<Share> shares(Document fact) {
        if (fact == null) {
            return List.of();
        }
        Map<String, Long> all = model.share().apply(fact);
        List<Share> shares = new ArrayList<>(grains.size());
        for (int i = 0; i < grains.size(); i++) {
            Grain grain = grains.get(i);
            Document key = new Document();
            grain.dimensions().forEach(d -> key.append(d.field(), fact.get(d.field())));
            Map<String, Long> amounts = new LinkedHashMap<>();
            amounts.put(COUNT, 1L);
            all.forEach((field, amount) -> {
                if (grain.perValue() || !field.startsWith(PER_VALUE)) {
                    amounts.put(field, amount);
                }
            });
            shares.add(new Share(i, key.toJson(), key, amounts));
        }
        return shares;
    }

    /** The amounts a batch moves, by grain and cell. */
    static final class Moves {

        private final Map<String, Document> keys = new HashMap<>();
        private final Map<Integer, Map<String, Map<String, Long>>> amounts = new TreeMap<>();

        void add(List<Share> shares, long sign) {
            for (Share share : shares) {
                keys.putIfAbsent(share.grain() + share.cell(), share.key());
                Map<String, Long> cell = amounts.computeIfAbsent(share.grain(), g -> new TreeMap<>())
                        .computeIfAbsent(share.cell(), id -> new TreeMap<>());
                share.amounts().forEach((field, amount) -> cell.merge(field, Math.multiplyExact(sign, amount),
                        Math::addExact));
            }
        }

        /** The non-zero amounts of one grain, by cell. */
        private Map<String, Map<String, Long>> nonZero(int grain) {
            Map<String, Map<String, Long>> moved = new TreeMap<>();
            amounts.getOrDefault(grain, Map.of()).forEach((cell, byField) -> {
                Map<String, Long> changed = new TreeMap<>(byField);
                changed.values().removeIf(amount -> amount == 0);
                if (!changed.isEmpty()) {
                    moved.put(cell, changed);
                }
            });
            return moved;
        }
    }

    /** Writes the facts (by {@code writeFacts}), then moves the cells of every grain, as one marked flush. */
    void write(Moves moves, Runnable writeFacts) {
        List<Map<String, Map<String, Long>>> moved = new ArrayList<>();
        for (int i = 0; i < grains.size(); i++) {
            moved.add(moves.nonZero(i));
        }
        if (moved.stream().allMatch(Map::isEmpty)) {
            writeFacts.run();
            return;
        }
        String flush = model.name() + "/flush/" + UUID.randomUUID();
        state.bulkWrite(List.of(new InsertOneModel<>(new Document("_id", flush).append("model", model.name())
                .append("flush", true))));
        writeFacts.run();
        for (int i = 0; i < grains.size(); i++) {
            int grain = i;
            List<UpdateOneModel<Document>> writes = new ArrayList<>();
            moved.get(i).forEach((id, amounts) -> {
                List<Bson> updates = new ArrayList<>();
                moves.keys.get(grain + id).forEach((field, value) -> updates.add(Updates.setOnInsert(field, value)));
                amounts.forEach((field, amount) -> updates.add(Updates.inc(field, amount)));
                writes.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(updates), UPSERT));
            });
            if (!writes.isEmpty()) {
                upsert(cells.get(i), writes);
                tidy(cells.get(i), moved.get(i));
            }
        }
        state.bulkWrite(List.of(new DeleteOneModel<>(Filters.eq("_id", flush)), advance()));
    }

    private static void upsert(ReadCollection grain, List<UpdateOneModel<Document>> writes) {
        try {
            grain.bulkWrite(writes, false);
        } catch (ReadStoreWriteException e) {
            if (!e.onlyDuplicateKeys()) {
                throw e;
            }
            // Two segments created the same cell at once: the cell exists now, so the retry adds to it.
            grain.bulkWrite(e.failures().stream().map(f -> writes.get(f.index())).toList(), false);
        }
    }

    /**
     * Removes what a move left at zero: the amounts (each only if still zero) and cells without
     * facts (only if still without), so that another segment's concurrent move is never lost.
     */
    private static void tidy(ReadCollection cells, Map<String, Map<String, Long>> moved) {
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
        cells.forEach(grain -> grain.deleteMany(new Document()));
        state.deleteMany(Filters.and(Filters.eq("model", model.name()), Filters.eq("flush", true)));
        state.bulkWrite(List.of(advance()));
    }

    /** Whether the cells were built, for these grains, and no flush was cut short since. */
    private boolean built() {
        Document stored = state.find(Filters.eq("_id", generation)).first();
        return stored != null && stored.getBoolean("built", false)
                && grainNames().equals(stored.getList("grains", String.class))
                && state.count(Filters.and(Filters.eq("model", model.name()), Filters.eq("flush", true))) == 0;
    }

    /** The cells again from the facts; a crash during it leaves them unbuilt, to be rebuilt at the next start. */
    void rebuild() {
        state.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", generation), Updates.combine(
                Updates.set("model", model.name()), Updates.set("built", false)), UPSERT)));
        List<Map<String, Document>> all = new ArrayList<>();
        grains.forEach(g -> all.add(new TreeMap<>()));
        facts.find().forEach(fact -> shares(fact).forEach(share -> {
            Document cell = all.get(share.grain()).computeIfAbsent(share.cell(),
                    id -> new Document("_id", id).append(COUNT, 0L));
            share.key().forEach(cell::putIfAbsent);
            share.amounts().forEach((field, amount) -> cell.merge(field, amount,
                    (a, b) -> Math.addExact((Long) a, (Long) b)));
        }));
        for (int i = 0; i < grains.size(); i++) {
            all.get(i).values().forEach(cell -> cell.values().removeIf(v -> v instanceof Long amount && amount == 0));
            cells.get(i).deleteMany(new Document());
            if (!all.get(i).isEmpty()) {
                cells.get(i).insertMany(new ArrayList<>(all.get(i).values()));
            }
        }
        state.deleteMany(Filters.and(Filters.eq("model", model.name()), Filters.eq("flush", true)));
        state.bulkWrite(List.of(advance()));
    }

    private UpdateOneModel<Document> advance() {
        return new UpdateOneModel<>(Filters.eq("_id", generation), Updates.combine(Updates.inc("generation", 1L),
                Updates.set("model", model.name()), Updates.set("built", true), Updates.set("grains", grainNames())),
                UPSERT);
    }

    /** The grains' collections: cells built for other grains are built again. */
    private List<String> grainNames() {
        return grains.stream().map(Grain::collection).toList();
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
