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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Decisions become visible in the order of the event store, on the embedded JDBC store too. There,
 * two transactions that commit concurrently can make their events visible out of global-index
 * order (the lower index committed last, a gap filled late), so the decision log built live would
 * differ from a replay and from {@code audit verify} (ADR 10).
 *
 * <p>The index is given when the events are inserted and becomes visible when the transaction
 * commits, so only that window needs an order: from just before a unit of work appends a
 * {@link DecisionEvent} until its transaction has committed or rolled back, one unit of work at a
 * time. A later decision then always gets a higher index and becomes visible after the earlier one.
 * The order is taken in a dispatch interceptor of the event bus, which Axon runs in the unit of
 * work's prepare-commit right before it hands the staged events to the store (also for a command
 * nested in an event processor's unit of work, whose events the outer one appends). Loading the
 * aggregate, the handler and its checks, and units of work that record no decision never wait.
 * Decisions take the order first come, first served ({@link Queue}); one that waits is refused
 * (503) only when the order has not moved for {@code kyodo.decisions.order-wait}, never because the
 * queue before it is long. On Axon Server, which orders events itself, this is off.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class DecisionOrder {

    private static final String HELD = DecisionOrder.class.getName() + ".held";

    private final Queue queue;

    @Autowired
    public DecisionOrder(EventBus eventBus, DecisionSettings settings) {
        this(eventBus, settings.orderWait());
    }

    DecisionOrder(EventBus eventBus, Duration patience) {
        this.queue = new Queue(patience);
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
        if (!queue.acquire()) {
            KyodoProblemException busy = new KyodoProblemException(CommonProblems.UNAVAILABLE,
                    "Other decisions are being recorded; try again.");
            throw new CommandExecutionException(busy.getMessage(), busy, busy.toDetails());
        }
        AtomicBoolean held = new AtomicBoolean(true);
        Runnable release = () -> {
            if (held.getAndSet(false)) {
                queue.release();
            }
        };
        unitOfWork.resources().put(HELD, held);
        // after the transaction: it commits in the phase before after-commit (its handler is the last
        // of that phase) and rolls back in the phase before clean-up; all on this thread
        unitOfWork.afterCommit(u -> release.run());
        unitOfWork.onCleanup(u -> release.run());
    }

    /** Whether a decision is being appended and committed right now (for tests). */
    boolean busy() {
        return queue.held();
    }

    /**
     * The order itself: decisions take it first come, first served (a ticket each), and one waits as
     * long as the decisions before it keep committing. Only when the order has not moved for
     * {@code patience} (the decision holding it is stuck: a commit that hangs, a disk that stalls), and
     * not since the waiting decision came either, does it give up. A merely busy machine stretches
     * every commit, and with it the queue's wait, but the order keeps moving, so nothing is refused for
     * it (issue 13: a fixed bound on the whole wait turned answers into 503s at a load average of
     * 40–70, while the queue was moving).
     * Each release wakes only the decision whose turn it is. The thread that holds the order may take
     * it again (a unit of work nested on the same thread); it is passed on when the last hold ends.
     */
    static final class Queue {

        private final long patienceNanos;
        private final LongSupplier nanoTime;
        private final ReentrantLock monitor = new ReentrantLock();
        private final Map<Long, Condition> waiting = new HashMap<>();
        private final NavigableSet<Long> abandoned = new TreeSet<>();
        private long nextTicket;
        private long serving;
        private Thread owner;
        private int holds;
        private long movedAt;
        private long refused;

        Queue(Duration patience) {
            this(patience, System::nanoTime);
        }

        Queue(Duration patience, LongSupplier nanoTime) {
            this.patienceNanos = patience.toNanos();
            this.nanoTime = nanoTime;
            this.movedAt = nanoTime.getAsLong();
        }

        /** Waits for this thread's turn; false when the order stood still for the patience (or on interruption). */
        boolean acquire() {
            Thread me = Thread.currentThread();
            monitor.lock();
            try {
                if (owner == me) {
                    holds++;
                    return true;
                }
                long ticket = nextTicket++;
                if (ticket != serving) {
                    long arrived = nanoTime.getAsLong();
                    Condition turn = monitor.newCondition();
                    waiting.put(ticket, turn);
                    try {
                        while (ticket != serving) {
                            // still since the order last moved, or since this decision came if later
                            long now = nanoTime.getAsLong();
                            long left = patienceNanos - Math.min(now - movedAt, now - arrived);
                            if (left <= 0) {
                                return giveUp(ticket);
                            }
                            turn.awaitNanos(left);
                        }
                    } catch (InterruptedException e) {
                        me.interrupt();
                        if (ticket != serving) {
                            return giveUp(ticket);
                        }
                    } finally {
                        waiting.remove(ticket);
                    }
                }
                owner = me;
                holds = 1;
                movedAt = nanoTime.getAsLong();
                return true;
            } finally {
                monitor.unlock();
            }
        }

        private boolean giveUp(long ticket) {
            abandoned.add(ticket);
            refused++;
            return false;
        }

        /** Ends one hold of the owning thread; the last passes the order to the next waiting decision. */
        void release() {
            monitor.lock();
            try {
                if (owner != Thread.currentThread()) {
                    throw new IllegalMonitorStateException("The decision order is not held by this thread.");
                }
                if (--holds > 0) {
                    return;
                }
                owner = null;
                serving++;
                while (abandoned.remove(serving)) {
                    serving++;
                }
                movedAt = nanoTime.getAsLong();
                Condition next = waiting.get(serving);
                if (next != null) {
                    next.signal();
                }
            } finally {
                monitor.unlock();
            }
        }

        boolean held() {
            monitor.lock();
            try {
                return owner != null;
            } finally {
                monitor.unlock();
            }
        }

        long refused() {
            monitor.lock();
            try {
                return refused;
            } finally {
                monitor.unlock();
            }
        }

        /** Decisions waiting for their turn (for tests). */
        int waiting() {
            monitor.lock();
            try {
                return waiting.size();
            } finally {
                monitor.unlock();
            }
        }
    }
}
