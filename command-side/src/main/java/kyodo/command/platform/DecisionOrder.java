package kyodo.command.platform;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import javax.annotation.Nonnull;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decisions become visible in the order of the event store, on the embedded JDBC store too. There,
 * two transactions that commit concurrently can make their events visible out of global-index
 * order (the lower index committed last, a gap filled late), so the decision log built live would
 * differ from a replay and from {@code audit verify} (ADR 10). Holding one lock from the start of a
 * {@link DecidingCommand} until its unit of work has committed (or rolled back) makes the commits of
 * decisions follow each other: a later decision always gets a higher index and becomes visible after
 * the earlier one. Other commands are not held. On Axon Server, which orders events itself, this is
 * off.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class DecisionOrder implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Duration patience;

    public DecisionOrder(@Value("${kyodo.decisions.order-wait:10s}") Duration patience) {
        this.patience = patience;
    }

    @Override
    public Object handle(@Nonnull UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         @Nonnull InterceptorChain chain) throws Exception {
        if (!(unitOfWork.getMessage().getPayload() instanceof DecidingCommand)) {
            return chain.proceed();
        }
        if (!lock.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            KyodoProblemException busy = new KyodoProblemException(CommonProblems.UNAVAILABLE,
                    "Other decisions are being recorded; try again.");
            throw new CommandExecutionException(busy.getMessage(), busy, busy.toDetails());
        }
        // released once the whole unit of work is done, after its commit: cleanup runs on this thread
        unitOfWork.root().onCleanup(done -> lock.unlock());
        return chain.proceed();
    }

    /** Whether a decision is being recorded right now (for tests). */
    boolean busy() {
        return lock.isLocked();
    }
}
