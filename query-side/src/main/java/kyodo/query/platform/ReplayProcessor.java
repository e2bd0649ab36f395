package kyodo.query.platform;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

import java.util.ArrayList;
import java.util.List;

/**
 * The lanes of one processor in a {@link SinglePassReplay}: each batch is one unit of work of its own,
 * on whichever of the replay's threads takes it ({@link ReplayWorkers}), as Axon's processors each have
 * theirs. The processor's handlers see the batch's events in order, each segment's with its lane's token,
 * and its positions are stored at that unit of work's prepare-commit, after its own documents
 * ({@link PositionAfterWrites}, ADR 13). Not thread-safe: one thread at a time.
 */
final class ReplayProcessor {

    private final String name;
    private final List<ReplayLane> lanes;
    /** What the last batch took on its thread, in nanoseconds: the larger ones are handed out first. */
    private long cost;
    /** What all its batches took so far, in nanoseconds. */
    private long total;

    ReplayProcessor(String name, List<ReplayLane> lanes) {
        this.name = name;
        this.lanes = List.copyOf(lanes);
    }

    String name() {
        return name;
    }

    List<ReplayLane> lanes() {
        return lanes;
    }

    long cost() {
        return cost;
    }

    long total() {
        return total;
    }

    /**
     * Handles the batch in one unit of work and stores every lane's position at its prepare-commit; a
     * failure rolls the unit of work back and leaves every lane at its last stored position.
     */
    void handle(List<TrackedEventMessage<?>> batch) {
        long started = System.nanoTime();
        try {
            handleOrFail(batch);
        } finally {
            cost = System.nanoTime() - started;
            total += cost;
        }
    }

    private void handleOrFail(List<TrackedEventMessage<?>> batch) {
        // what each lane takes, in the order of the store (a segment's events stay in order, and the
        // processor's segments see them as its one thread would): most events are another processor's
        List<TrackedEventMessage<?>> messages = new ArrayList<>();
        List<ReplayLane> takers = new ArrayList<>();
        for (TrackedEventMessage<?> event : batch) {
            for (ReplayLane lane : lanes) {
                TrackedEventMessage<?> message = lane.take(event);
                if (message != null) {
                    messages.add(message);
                    takers.add(lane);
                }
            }
        }
        if (messages.isEmpty()) {
            // nothing to write: the positions alone, past the events of other processors
            try {
                lanes.forEach(ReplayLane::storePosition);
            } catch (RuntimeException e) {
                lanes.forEach(ReplayLane::rollBack);
                throw e;
            }
            lanes.forEach(ReplayLane::committed);
            return;
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        // registered before the batch is handled, as Axon's processors do: PositionAfterWrites writes (and
        // makes durable, where the store needs it) every pending write of the batch before the first position
        unitOfWork.onPrepareCommit(u -> lanes.forEach(ReplayLane::storePosition));
        int[] next = {0};
        ResultMessage<?> result;
        try {
            result = unitOfWork.executeWithResult(() -> {
                takers.get(next[0]++).handle(unitOfWork.getMessage(), unitOfWork);
                return null;
            }, RollbackConfigurationType.ANY_THROWABLE);
        } catch (RuntimeException | Error e) {
            lanes.forEach(ReplayLane::rollBack);
            throw e;
        }
        if (result.isExceptional()) {
            lanes.forEach(ReplayLane::rollBack);
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
        }
        lanes.forEach(ReplayLane::committed);
    }
}
