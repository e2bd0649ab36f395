package kyodo.query.platform;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

import java.util.ArrayList;
import java.util.List;

/**
 * The lanes of one processor in a {@link SinglePassReplay}: each batch is one unit of work of its own,
 * on whichever of the replay's threads takes it ({@link ReplayWorkers}), as Axon's processors each have
 * theirs. The processor's handlers see the batch's events in order, each segment's with its lane's token,
 * and the unit of work's commit writes the documents ({@link PendingWrites}). The positions are stored
 * apart ({@link #storePositions()}), once every processor's documents of the batch are written (ADR 13).
 * Not thread-safe: one thread at a time.
 */
final class ReplayProcessor {

    /**
     * What each handler call answers the unit of work: one message for all. For any other answer (null
     * included) the unit of work makes a result message per event, each with a new random identifier
     * drawn from {@code SecureRandom}, and nobody reads them.
     */
    private static final ResultMessage<Void> HANDLED = new GenericResultMessage<>((Void) null);

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
     * Handles the batch in one unit of work, whose commit writes the processor's documents; its lanes
     * have then reached the batch's end, stored by {@link #storePositions()}. A failure rolls the unit of
     * work back (nothing written) and the lanes back to their stored positions.
     */
    void handle(List<TrackedEventMessage<?>> batch) {
        long started = System.nanoTime();
        try {
            handleOrFail(batch);
        } catch (RuntimeException | Error e) {
            rollBack();
            throw e;
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
            return; // nothing to write: the lanes only moved past other processors' events
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        int[] next = {0};
        // the commit writes what the batch's projections hold (PendingWrites, at prepare-commit)
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            takers.get(next[0]++).handle(unitOfWork.getMessage(), unitOfWork);
            return HANDLED;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
        }
    }

    /**
     * Stores every lane's position, outside any unit of work: {@link PositionAfterWrites} makes what is
     * written durable first where the store needs it. Called once every processor's batch is written.
     */
    void storePositions() {
        lanes.forEach(ReplayLane::storePosition);
        lanes.forEach(ReplayLane::committed);
    }

    /** Back to the stored positions: the batch failed here or elsewhere, so that a retry would handle it again. */
    void rollBack() {
        lanes.forEach(ReplayLane::rollBack);
    }
}
