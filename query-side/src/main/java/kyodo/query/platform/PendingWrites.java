package kyodo.query.platform;

import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;

/**
 * The read-model writes of one unit of work (a processor batch) that are not written yet, in the
 * order the projections first touched them. They are written by {@link PositionAfterWrites} just
 * before the processor stores the batch's position, and as a fallback at prepare-commit for a unit
 * of work that stores no position (a projection handled outside a processor). A rolled-back unit of
 * work writes nothing.
 */
public final class PendingWrites {

    private static final String RESOURCE = PendingWrites.class.getName();

    private final List<BatchedWrites.Batch> batches = new ArrayList<>();

    private PendingWrites() {
    }

    /** Adds a batch to the unit of work's pending writes (once per batch). */
    public static void register(UnitOfWork<?> unitOfWork, BatchedWrites.Batch batch) {
        UnitOfWork<?> root = unitOfWork.root();
        PendingWrites pending = root.getResource(RESOURCE);
        if (pending == null) {
            PendingWrites created = new PendingWrites();
            root.resources().put(RESOURCE, created);
            root.onPrepareCommit(u -> created.flush());
            pending = created;
        }
        pending.batches.add(batch);
    }

    /** Writes whatever the unit of work still holds; each batch empties itself, so calling again writes nothing. */
    static void flush(UnitOfWork<?> unitOfWork) {
        PendingWrites pending = unitOfWork.root().getResource(RESOURCE);
        if (pending != null) {
            pending.flush();
        }
    }

    private void flush() {
        for (BatchedWrites.Batch batch : batches) {
            batch.flush();
        }
    }
}
