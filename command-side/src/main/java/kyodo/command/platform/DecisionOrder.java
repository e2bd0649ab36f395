package kyodo.command.platform;

import kyodo.kernel.decision.DecisionEvent;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decisions become visible in the order of the event store, on the embedded JDBC store too. There,
 * two transactions that commit concurrently can make their events visible out of global-index
 * order (the lower index committed last, a gap filled late), so the decision log built live would
 * differ from a replay and from {@code audit verify} (ADR 10).
 *
 * <p>The index is given when the events are inserted and becomes visible when the transaction
 * commits, so decisions need two things: to be appended one at a time (then the order in which they
 * are appended is the order of their indexes), and to commit in that order. Each is a stage of its
 * own: a decision's prepare-commit (serialising and inserting its events, the work registered after
 * them) is held from a dispatch interceptor of the event bus, which Axon runs right before it hands the
 * staged events to the store, until the commit phase begins; it takes a place in line there. Its
 * commit then waits only for the decisions ahead in line to have committed or rolled back, while the
 * next decision is already being appended: the stages overlap instead of one lock holding both (ADR 10).
 * A command nested in an event processor's unit of work is covered by the outer one, which appends its
 * events. Loading the aggregate, the handler and its checks, and units of work that record no decision
 * never wait. On Axon Server, which orders events itself, this is off.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class DecisionOrder {

    private static final String HELD = DecisionOrder.class.getName() + ".held";

    /** Held by the decision being appended, from before its append until its commit phase begins. */
    private final ReentrantLock appending = new ReentrantLock(true);
    /** The decisions appended and not yet committed or rolled back, in the order of their indexes. */
    private final Deque<Place> line = new ArrayDeque<>();
    private final Duration patience;

    @Autowired
    public DecisionOrder(EventBus eventBus, DecisionSettings settings) {
        this(eventBus, settings.orderWait());
    }

    DecisionOrder(EventBus eventBus, Duration patience) {
        this.patience = patience;
        eventBus.registerDispatchInterceptor(events -> {
            beforeAppend(events);
            return (index, event) -> event;
        });
    }

    /** Called with the events a unit of work is about to append, before the store gives them an index. */
    void beforeAppend(List<? extends EventMessage<?>> events) {
        if (events.stream().noneMatch(e -> DecisionEvent.class.isAssignableFrom(e.getPayloadType()))) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            // without a unit of work the store commits inside the append, and nothing could say when
            throw new IllegalStateException("A decision is recorded only inside a unit of work.");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork.resources().containsKey(HELD)) {
            return; // events staged during its own prepare-commit, appended in the same transaction
        }
        long deadline = System.nanoTime() + patience.toNanos();
        if (!acquire()) {
            throw refusal();
        }
        Place place = new Place();
        synchronized (line) {
            line.addLast(place);
        }
        unitOfWork.resources().put(HELD, place);
        // commit-phase handlers run last registered first: this one before the transaction's commit
        unitOfWork.onCommit(u -> {
            place.appended();
            awaitTurn(place, deadline);
        });
        // after the transaction: it commits in the phase before after-commit and rolls back in the phase
        // before clean-up; all on this thread
        unitOfWork.afterCommit(u -> place.leave());
        unitOfWork.onCleanup(u -> place.leave());
    }

    private boolean acquire() {
        try {
            return appending.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until every decision appended before this one has committed or rolled back. */
    private void awaitTurn(Place place, long deadline) {
        synchronized (line) {
            while (line.peekFirst() != place) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw refusal();
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(line, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refusal();
                }
            }
        }
    }

    private static CommandExecutionException refusal() {
        KyodoProblemException busy = new KyodoProblemException(CommonProblems.UNAVAILABLE,
                "Other decisions are being recorded; try again.");
        return new CommandExecutionException(busy.getMessage(), busy, busy.toDetails());
    }

    /** Whether a decision is being appended or committed right now (for tests). */
    boolean busy() {
        synchronized (line) {
            return !line.isEmpty();
        }
    }

    /** Whether a decision is being appended right now, so that the next one waits to append (for tests). */
    boolean appending() {
        return appending.isLocked();
    }

    /** A decision's place in line, from its append until its transaction has ended. */
    private final class Place {

        private boolean holdsAppending = true;

        /** Its events are in the store with their indexes: the next decision may append. */
        void appended() {
            if (holdsAppending) {
                holdsAppending = false;
                appending.unlock();
            }
        }

        /** Its transaction committed or rolled back: the next in line may commit. */
        void leave() {
            appended();
            synchronized (line) {
                if (line.remove(this)) {
                    line.notifyAll();
                }
            }
        }
    }
}
