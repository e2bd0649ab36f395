package kyodo.query.platform;

import com.mongodb.client.MongoCollection;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Collects a projection's writes per Axon unit of work (a processor batch) in one batch context and
 * writes them together with the batch's last event; outside a unit of work each event is written at
 * once. A rolled-back batch writes nothing.
 *
 * @param <C> the per-batch context: the pending writes and whatever the projection caches per batch
 */
public final class BatchedWrites<C extends BatchedWrites.Batch> {

    /** A batch context: what it holds is written by {@link #flush()}. */
    public interface Batch {

        void flush();
    }

    private final MongoCollection<Document> collection;
    private final String resource;
    private final Function<MongoCollection<Document>, C> newBatch;

    /** The unit-of-work resource is keyed by owner and collection, so projections never share a batch. */
    public BatchedWrites(Class<?> owner, MongoCollection<Document> collection,
                         Function<MongoCollection<Document>, C> newBatch) {
        this.collection = collection;
        this.resource = owner.getName() + "/" + collection.getNamespace().getFullName();
        this.newBatch = newBatch;
    }

    public void write(Consumer<C> change) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            C batch = batchOf(unitOfWork);
            change.accept(batch);
            // Written while the batch's last event is handled, i.e. before the processor stores its
            // token at prepare-commit: a failed write fails the batch, which is then retried.
            if (unitOfWork instanceof BatchingUnitOfWork<?> batching && batching.isLastMessage()) {
                batch.flush();
            }
        } else {
            C single = newBatch.apply(collection);
            change.accept(single);
            single.flush();
        }
    }

    /**
     * The unit of work's batch, created with the first event, written with the last one (and, as a
     * safety net, at prepare-commit if anything is left).
     */
    private C batchOf(UnitOfWork<?> unitOfWork) {
        C batch = unitOfWork.getResource(resource);
        if (batch == null) {
            C created = newBatch.apply(collection);
            unitOfWork.resources().put(resource, created);
            unitOfWork.onPrepareCommit(u -> created.flush());
            batch = created;
        }
        return batch;
    }
}
