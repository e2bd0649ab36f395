package kyodo.query.platform;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

import java.util.ArrayList;
import java.util.List;

/**
 * The lanes of one processor in a {@link SinglePassReplay}: its events are handled in units of work of its
 * own, on whichever of the replay's threads takes the batch ({@link ReplayWorkers}), as Axon's processors
 * each have theirs. The processor's handlers see its events in order, each segment's with its lane's token,
 * and the unit of work's commit writes the documents ({@link PendingWrites}).
 * <p>
 * A unit of work holds at least a share of a batch's worth of the processor's <em>own</em> events
 * ({@link SinglePassReplay#SHARE_OF_A_BATCH}): a processor that takes a few kinds of event (the ward budgets,
 * the decision log) keeps what it took from one batch for the next ones until it holds that many, or the
 * replay ends, and then handles them at once. Its documents are then read and written once where a unit of
 * work per batch wrote them again and again (a ward budget with its hundreds of projects once per batch of
 * 2,000 events, issue 13).
 * <p>
 * The positions are stored apart ({@link #storePositions()}), once every processor's documents of the batch
 * are written (ADR 13), and only while the processor holds nothing back: a position never passes an event
 * whose documents are not written. Not thread-safe: one thread at a time.
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
    /**
     * What its last batch took on its thread, in nanoseconds, when it handled a unit of work and when it only
     * took events: the batches whose expected cost is larger are handed out first ({@link #expectedCost}).
     */
    private long handlingCost;
    private long takingCost;
    /** Events it took from the last batch. */
    private int lastTaken;
    /** What all its batches took so far, in nanoseconds. */
    private long total;
    /** The events taken and not yet handled, in the store's order, with the lane that takes each. */
    private final List<TrackedEventMessage<?>> held = new ArrayList<>();
    private final List<ReplayLane> takers = new ArrayList<>();
    /** Units of work handled, for the replay's log. */
    private long units;

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

    /**
     * What the next batch will likely take on its thread: as the last one that handled a unit of work if it
     * will hold enough events by then (as many more as it took from the last batch), else as the last one that
     * only took events.
     */
    long expectedCost(int units, boolean last) {
        return last || held.size() + lastTaken >= units ? handlingCost : takingCost;
    }

    long total() {
        return total;
    }

    long units() {
        return units;
    }

    /**
     * Takes the batch's events for its lanes, and handles what it holds in one unit of work once that is at
     * least {@code units} events or the batch is the replay's last; the commit writes the processor's
     * documents. Its lanes have then reached the batch's end, stored by {@link #storePositions()}. A failure
     * rolls the unit of work back (nothing written) and the lanes back to their stored positions.
     */
    void handle(List<TrackedEventMessage<?>> batch, int units, boolean last) {
        long started = System.nanoTime();
        boolean handling = false;
        try {
            int before = held.size();
            take(batch);
            lastTaken = held.size() - before;
            handling = !held.isEmpty() && (held.size() >= units || last);
            if (handling) {
                handleHeld();
            }
        } catch (RuntimeException | Error e) {
            rollBack();
            throw e;
        } finally {
            long cost = System.nanoTime() - started;
            if (handling) {
                handlingCost = cost;
            } else {
                takingCost = cost;
            }
            total += cost;
        }
    }

    /**
     * What each lane takes, in the order of the store (a segment's events stay in order, and the processor's
     * segments see them as its one thread would): most events are another processor's.
     */
    private void take(List<TrackedEventMessage<?>> batch) {
        for (TrackedEventMessage<?> event : batch) {
            for (ReplayLane lane : lanes) {
                TrackedEventMessage<?> message = lane.take(event);
                if (message != null) {
                    held.add(message);
                    takers.add(lane);
                }
            }
        }
    }

    private void handleHeld() {
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(held);
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
        units++;
        held.clear();
        takers.clear();
    }

    /**
     * Stores every lane's position, outside any unit of work: {@link PositionAfterWrites} makes what is
     * written durable first where the store needs it. Called once every processor's batch is written.
     */
    void storePositions() {
        if (!held.isEmpty()) {
            return; // the lanes are past events whose documents are not written yet: what is stored stays
        }
        lanes.forEach(ReplayLane::storePosition);
        lanes.forEach(ReplayLane::committed);
    }

    /**
     * Back to the stored positions, what it held dropped: the batch failed here or elsewhere, so that a retry
     * would handle those events again.
     */
    void rollBack() {
        held.clear();
        takers.clear();
        lanes.forEach(ReplayLane::rollBack);
    }
}
