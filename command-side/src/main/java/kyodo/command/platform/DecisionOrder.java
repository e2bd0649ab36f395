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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

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
 * On Axon Server, which orders events itself, this is off.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class DecisionOrder {

    private static final String HELD = DecisionOrder.class.getName() + ".held";

    private final ReentrantLock lock = new ReentrantLock(true);
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
        if (!acquire()) {
            KyodoProblemException busy = new KyodoProblemException(CommonProblems.UNAVAILABLE,
                    "Other decisions are being recorded; try again.");
            throw new CommandExecutionException(busy.getMessage(), busy, busy.toDetails());
        }
        AtomicBoolean held = new AtomicBoolean(true);
        Runnable release = () -> {
            if (held.getAndSet(false)) {
                lock.unlock();
            }
        };
        unitOfWork.resources().put(HELD, held);
        // after the transaction: it commits in the phase before after-commit (its handler is the last
        // of that phase) and rolls back in the phase before clean-up; all on this thread
        unitOfWork.afterCommit(u -> release.run());
        unitOfWork.onCleanup(u -> release.run());
    }

    private boolean acquire() {
        try {
            return lock.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether a decision is being appended and committed right now (for tests). */
    boolean busy() {
        return lock.isLocked();
    }
}
