package kyodo.query.platform;

import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every query-side projection of the read store shares, written once: the collection it owns,
 * its writes collected per processor batch ({@link BatchedWrites}: one bulk write per batch, written
 * before the batch's position, ADR 13) and a reset that clears exactly what it owns. A projection
 * states its processing group ({@code @ProcessingGroup} on the class), its indexes (in its
 * constructor), and what each event changes.
 * <p>
 * Handlers see events in a unit of work per processor batch, or per batch of a
 * {@link SinglePassReplay}; the batch context {@code B} lives as long as that unit of work.
 *
 * @param <B> the per-batch context: the pending writes and what the projection caches per batch
 */
public abstract class BatchedProjection<B extends BatchedWrites.Batch> {

    private final ReadCollection documents;
    private final BatchedWrites<B> batches;

    protected BatchedProjection(ReadStore store, String collection, Function<ReadCollection, B> newBatch) {
        this.documents = store.collection(collection);
        this.batches = new BatchedWrites<>(getClass(), documents, newBatch);
    }

    /** The collection this projection owns (to declare its indexes; writes go through {@link #write}). */
    protected final ReadCollection documents() {
        return documents;
    }

    /** Hands the current batch to the change; outside a unit of work the change is written at once. */
    protected final void write(Consumer<B> change) {
        batches.write(change);
    }

    /** Clears the collection, then whatever else the projection owns ({@link #clearAlso()}). */
    @ResetHandler
    public final void reset() {
        documents.deleteMany(new Document());
        clearAlso();
    }

    /** What the projection owns beside its collection (e.g. the cells its facts add up to); nothing by default. */
    protected void clearAlso() {
    }
}
