package kyodo.query.platform;

import kyodo.query.platform.store.ReadCollection;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Collects a projection's writes per Axon unit of work (a processor batch) in one batch context and
 * writes them together just before the processor stores the batch's position ({@link PendingWrites},
 * {@link PositionAfterWrites}); outside a unit of work each event is written at once. A rolled-back
 * batch writes nothing.
 *
 * @param <C> the per-batch context: the pending writes and whatever the projection caches per batch
 */
public final class BatchedWrites<C extends BatchedWrites.Batch> {

    /** A batch context: what it holds is written by {@link #flush()}. */
    public interface Batch {

        void flush();
    }

    private final String resource;
    private final Supplier<C> newBatch;

    /** The unit-of-work resource is keyed by owner and collection, so projections never share a batch. */
    public BatchedWrites(Class<?> owner, ReadCollection collection,
                         Function<ReadCollection, C> newBatch) {
        this(owner.getName() + "/" + collection.name(), () -> newBatch.apply(collection));
    }

    /**
     * For writes that go elsewhere than one collection (e.g. the decision log's chain).
     *
     * @param resource names the batch in the unit of work: unique per writer
     */
    public BatchedWrites(String resource, Supplier<C> newBatch) {
        this.resource = resource;
        this.newBatch = newBatch;
    }

    public void write(Consumer<C> change) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            change.accept(batchOf(unitOfWork));
        } else {
            C single = newBatch.get();
            change.accept(single);
            single.flush();
        }
    }

    /** The unit of work's batch, created with the first event and written before the batch's position. */
    private C batchOf(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> root = unitOfWork.root();
        C batch = root.getResource(resource);
        if (batch == null) {
            C created = newBatch.get();
            root.resources().put(resource, created);
            PendingWrites.register(root, created);
            batch = created;
        }
        return batch;
    }
}
