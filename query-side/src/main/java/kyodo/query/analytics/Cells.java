package kyodo.query.analytics;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;

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
 * nothing, so an event seen twice counts once. The projection runs in one segment ({@code
 * GlobalOrder}): it is its cells' only writer, so a moved cell is read, added to and written whole,
 * in a canonical field order (the same facts give the same document, whatever the batches). A
 * flush marks itself in {@value #STATE} before it writes the facts
 * and clears the mark after the cells: a mark found at start-up (a crash in between), or a model
 * whose cells were never built (data from before the cells), rebuilds the cells from the facts.
 * Each write of cells also advances the model's {@code generation}, which tells readers (the
 * dashboard) that figures may have moved. A reset inside a rebuild of the store (a replay) leaves the
 * cells empty and unbuilt until the rebuild ends, and builds them then, once, from the facts ({@link #clear()}).
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

    private final ReadStore store;
    private final ReadModelSchema model;
    private final ReadCollection facts;
    private final List<Grain> grains;
    private final List<ReadCollection> cells;
    private final ReadCollection state;
    private final String generation;
    /** Reset inside a rebuild of the store: no cell moves until its end builds them from the facts. */
    private volatile boolean deferred;

    Cells(ReadStore store, ReadModelSchema model) {
        this.store = store;
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
            shares.add(new Share(i, CellIds.of(key), key, amounts));
        }
        return shares;
    }

    /** Whether the cells wait for the end of a rebuild ({@link #clear()}): a batch then only writes its facts. */
    boolean deferred() {
        return deferred;
    }

    /** Writes the facts (by {@code writeFacts}), then moves the cells of every grain, as one marked flush. */
    void write(CellMoves moves, Runnable writeFacts) {
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
            if (!moved.get(i).isEmpty()) {
                move(i, moved.get(i), moves.keys());
            }
        }
        state.bulkWrite(List.of(new DeleteOneModel<>(Filters.eq("_id", flush)), advance()));
    }

    /**
     * Reads the grain's moved cells, adds the amounts and writes each cell whole, or removes it when
     * no fact is left in it. The projection is the cells' only writer (one segment).
     */
    private void move(int grain, Map<String, Map<String, Long>> moved, Map<String, Document> keys) {
        Map<String, Document> stored = new HashMap<>();
        cells.get(grain).find(Filters.in("_id", new ArrayList<>(moved.keySet())))
                .forEach(cell -> stored.put(cell.getString("_id"), cell));
        List<WriteModel<Document>> writes = new ArrayList<>();
        moved.forEach((id, amounts) -> {
            Map<String, Long> total = new TreeMap<>();
            Document before = stored.get(id);
            if (before != null) {
                before.forEach((field, value) -> {
                    if (isAmount(field)) {
                        total.put(field, ((Number) value).longValue());
                    }
                });
            }
            amounts.forEach((field, amount) -> total.merge(field, amount, Math::addExact));
            Document cell = total.getOrDefault(COUNT, 0L) == 0 ? null : cell(id, keys.get(grain + id), total);
            if (cell != null && before != null && cell.keySet().equals(before.keySet())) {
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), cell));
                return;
            }
            // A store may keep a replaced document's field order; a cell whose fields change is written anew.
            if (before != null) {
                writes.add(new DeleteOneModel<>(Filters.eq("_id", id)));
            }
            if (cell != null) {
                writes.add(new InsertOneModel<>(cell));
            }
        });
        if (!writes.isEmpty()) {
            cells.get(grain).bulkWrite(writes);
        }
    }

    private static boolean isAmount(String field) {
        return field.equals(COUNT) || field.startsWith(SUMS) || field.startsWith(KEYED) || field.startsWith(PER_VALUE);
    }

    /**
     * A cell as stored: its id, its combination in the grain's order, then its non-zero amounts by
     * name, so the same facts give the same document (field order included) however it was reached.
     */
    private static Document cell(String id, Document key, Map<String, Long> amounts) {
        Document cell = new Document("_id", id);
        cell.putAll(key);
        new TreeMap<>(amounts).forEach((field, amount) -> {
            if (amount != 0) {
                cell.append(field, amount);
            }
        });
        return cell;
    }

    /**
     * Empties the cells (a reset of the projection, with its facts). Inside a rebuild of the store (a
     * replay) they then stay empty and marked unbuilt, and no batch moves them: they are built once from
     * the facts when the rebuild ends ({@link ReadStore#whenRebuilt}), which costs a read of each fact
     * instead of two shares per changed fact and a read and write of each moved cell per batch. A process
     * killed before that leaves the mark, so the next start builds them ({@link #built()}).
     */
    void clear() {
        cells.forEach(grain -> grain.deleteMany(new Document()));
        state.deleteMany(Filters.and(Filters.eq("model", model.name()), Filters.eq("flush", true)));
        if (deferred || store.whenRebuilt(this::rebuildDeferred)) {
            deferred = true;
            state.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", generation), Updates.combine(
                    Updates.inc("generation", 1L), Updates.set("model", model.name()), Updates.set("built", false)),
                    UPSERT)));
            return;
        }
        state.bulkWrite(List.of(advance()));
    }

    /** At the end of the rebuild that {@link #clear()} deferred the cells to: the cells from the facts. */
    private void rebuildDeferred() {
        deferred = false; // moved batch by batch again from here, also if this build fails (then marked unbuilt)
        rebuild();
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
        List<Map<String, Map<String, Long>>> all = new ArrayList<>();
        grains.forEach(g -> all.add(new TreeMap<>()));
        Map<String, Document> keys = new HashMap<>();
        facts.find().forEach(fact -> shares(fact).forEach(share -> {
            keys.putIfAbsent(share.grain() + share.cell(), share.key());
            Map<String, Long> total = all.get(share.grain()).computeIfAbsent(share.cell(), id -> new TreeMap<>());
            share.amounts().forEach((field, amount) -> total.merge(field, amount, Math::addExact));
        }));
        for (int i = 0; i < grains.size(); i++) {
            int grain = i;
            List<Document> built = new ArrayList<>();
            all.get(i).forEach((id, total) -> built.add(cell(id, keys.get(grain + id), total)));
            cells.get(i).deleteMany(new Document());
            if (!built.isEmpty()) {
                cells.get(i).insertMany(built);
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
