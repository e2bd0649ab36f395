package kyodo.query.analytics;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.BatchedWrites;
import kyodo.query.platform.store.ReadCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fact documents one processor batch changes: each read once (when the batch first needs it),
 * changed in memory by the batch's events, and replaced whole, keyed by its id, with the batch's
 * last event; with them, the read model's cells move each changed fact's share from what it was as
 * stored to what it is now ({@link Cells}). A fact document depends only on the events applied to
 * it, so a replay writes the same documents; each projection guards against applying an event
 * twice by the sequence numbers the document keeps, and a fact left as it was moves no cell.
 */
final class FactBatch implements BatchedWrites.Batch {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final Document ABSENT = new Document();

    private final ReadCollection collection;
    private final Cells cells;
    private final Map<String, Document> facts = new HashMap<>();
    /** Each fact's share as stored (or as last flushed), taken before the batch changes the document. */
    private final Map<String, List<Cells.Share>> stored = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();

    FactBatch(ReadCollection collection, Cells cells) {
        this.collection = collection;
        this.cells = cells;
    }

    /** The fact as it stands after the batch's events so far, or null when there is none. */
    Document get(String id) {
        Document fact = facts.computeIfAbsent(id, key -> {
            Document found = collection.find(Filters.eq("_id", key)).first();
            if (found == null) {
                return ABSENT;
            }
            if (!cells.deferred()) {
                stored.put(key, cells.shares(found));
            }
            return found;
        });
        return fact == ABSENT ? null : fact;
    }

    /** Stores the fact (new or changed) with the batch. */
    void put(Document fact) {
        String id = fact.getString("_id");
        facts.put(id, fact);
        changed.add(id);
    }

    /** A fact this batch has read or changed that matches, or null. */
    Document find(Predicate<Document> condition) {
        return facts.values().stream().filter(f -> f != ABSENT && condition.test(f)).findFirst().orElse(null);
    }

    ReadCollection collection() {
        return collection;
    }

    @Override
    public void flush() {
        if (changed.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        changed.forEach(id -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), facts.get(id), UPSERT)));
        if (cells.deferred()) {
            // a replay's: the cells are built from the facts at its end ({@link Cells#clear()})
            collection.bulkWrite(writes);
            changed.clear();
            return;
        }
        CellMoves moves = new CellMoves();
        changed.forEach(id -> {
            List<Cells.Share> now = cells.shares(facts.get(id));
            moves.add(stored.getOrDefault(id, List.of()), -1);
            stored.put(id, now);
            moves.add(now, 1);
        });
        cells.write(moves, () -> collection.bulkWrite(writes));
        changed.clear();
    }
}
