package kyodo.query.analytics;

import com.mongodb.client.model.Indexes;
import kyodo.query.platform.BatchedProjection;
import kyodo.query.platform.GlobalOrder;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;

import java.util.List;
import java.util.function.Consumer;

/**
 * A projection of analytics facts: one fact document per subject in its collection, changed in
 * memory per processor batch and replaced whole ({@link FactBatch}), and with the facts, in the same
 * batch, the model's cells they add up to ({@link Cells}); a reset clears both. Each subclass runs
 * with one segment ({@link GlobalOrder}): the cells are shared by many subjects, so it is their only
 * writer.
 */
@GlobalOrder
abstract class FactProjection extends BatchedProjection<FactBatch> {

    private final Cells cells;

    /**
     * @param model   the read model whose facts (its {@code collection}) and cells this projection keeps
     * @param indexed fields the rows filter facts on (one ascending index each)
     */
    FactProjection(ReadStore store, ReadModelSchema model, List<String> indexed) {
        this(store, model.collection(), new Cells(store, model), indexed);
    }

    private FactProjection(ReadStore store, String collection, Cells cells, List<String> indexed) {
        super(store, collection, c -> new FactBatch(c, cells));
        this.cells = cells;
        // Once at start-up; creating an existing index is a no-op.
        indexed.forEach(field -> documents().createIndex(Indexes.ascending(field)));
    }

    @Override
    protected final void clearAlso() {
        cells.clear();
    }

    /**
     * Creates a subject's fact, {@code _id} its id, from the event that creates the subject: once, so
     * the same event again (a re-delivered batch, a replay) changes nothing.
     */
    final void create(Document fact) {
        write(batch -> {
            if (batch.get(fact.getString("_id")) == null) {
                batch.put(fact);
            }
        });
    }

    /**
     * Changes a subject's fact if the event is news to it: its aggregate sequence number is above the
     * fact's {@code version}, which it then becomes. An unknown subject's events change nothing.
     */
    final void change(String id, long sequence, Consumer<Document> change) {
        write(batch -> {
            Document fact = batch.get(id);
            if (fact == null || sequence <= fact.getLong("version")) {
                return; // unknown subject, or an event already applied
            }
            change.accept(fact);
            fact.put("version", sequence);
            batch.put(fact);
        });
    }
}
