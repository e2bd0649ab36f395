package kyodo.command.platform;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The threads on which the command side does its blocking work from the reactive edge: a command's
 * unit of work, the personal-data vault, the Idempotency-Key claims. All of it is JDBC, and most of
 * its time is spent waiting for a commit to reach the file. H2 writes the changes of every
 * transaction that waits for a commit in one write (a group commit), so the rate grows with the
 * commits that wait together: with Reactor's shared elastic pool (ten threads per core, shared with
 * everything else that blocks) a command queued for a thread while the file took one commit at a
 * time. The pool's size and the event store's connection pool are set together
 * ({@link CommandSideDefaults}).
 *
 * <p>What a 503 promises (ADR 28): work handed over here either starts or is withdrawn, decided once by
 * one compare-and-set that the worker and the client's side both try. Work that has not started
 * within {@code kyodo.command.timeout} of its handover, or whose client went away before, is withdrawn:
 * it never runs, and the answer is {@link CommandOutcomes#withdrawn()} (503, nothing changed). Work
 * that has started is never interrupted: an interrupt inside a unit of work would leave Axon's
 * unit-of-work timeout with a record its janitor acts on a minute later, on whatever that thread then
 * runs; one inside a vault write would leave the fate of a key unknown. Its client waits for its true
 * outcome (a unit of work commits or rolls back; Axon interrupts one at 60 s) up to
 * {@code kyodo.command.outcome-wait} from its start, then is told that the outcome is unknown
 * ({@link CommandOutcomes#outcomeUnknown()}, 504), never to retry it. When every thread is busy and
 * the queue is full the work is refused with a 503 before anything of it ran.
 */
@Component
public class CommandWorkers implements AutoCloseable {

    private final ThreadPoolExecutor executor;
    private final Duration startWithin;
    private final Duration outcomeWithin;
    private final Function<Duration, Mono<?>> timer;
    private final LongAdder notStartedInTime = new LongAdder();
    private final LongAdder clientGone = new LongAdder();
    private final LongAdder queueFull = new LongAdder();
    private final LongAdder outcomeUnknown = new LongAdder();

    @Autowired
    public CommandWorkers(CommandSettings settings) {
        this(settings.threads(), settings.queue(), settings.timeout(), settings.outcomeWait());
    }

    /**
     * @param startWithin   how long work may wait for a thread before it is withdrawn
     * @param outcomeWithin how long a client waits for started work, from its start, before its outcome is unknown
     */
    public CommandWorkers(int threads, int queue, Duration startWithin, Duration outcomeWithin) {
        this(threads, queue, startWithin, outcomeWithin, Mono::delay);
    }

    /** @param timer a signal after the given time (tests fire it by hand) */
    CommandWorkers(int threads, int queue, Duration startWithin, Duration outcomeWithin,
                   Function<Duration, Mono<?>> timer) {
        if (threads < 1 || queue < 1) {
            throw new IllegalArgumentException("kyodo.command.threads and kyodo.command.queue must be at least 1");
        }
        if (startWithin.isNegative() || startWithin.isZero() || outcomeWithin.isNegative() || outcomeWithin.isZero()) {
            throw new IllegalArgumentException("kyodo.command.timeout and kyodo.command.outcome-wait must be positive");
        }
        this.startWithin = startWithin;
        this.outcomeWithin = outcomeWithin;
        this.timer = timer;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), task -> {
            Thread thread = new Thread(task, "kyodo-command-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code work} on a command thread, unless it is withdrawn before it starts (see above). */
    public <T> Mono<T> call(Callable<T> work) {
        return callAsync(() -> CompletableFuture.completedFuture(work.call()));
    }

    /** As {@link #call}, for work without an answer. */
    public Mono<Void> run(Runnable work) {
        return call(() -> {
            work.run();
            return null;
        }).then();
    }

    /**
     * Runs a supplier of an asynchronous answer (a command sent to the local bus, which handles it on
     * the calling thread) on a command thread, and answers when that answer completes; withdrawn as
     * {@link #call} is.
     */
    public <T> Mono<T> callAsync(Callable<CompletableFuture<T>> work) {
        return Mono.defer(() -> {
            Handover<T> handover = new Handover<>(work);
            if (!handOver(handover)) {
                queueFull.increment();
                return Mono.error(full());
            }
            // completed once, by whichever comes first: the work's outcome, its withdrawal, the end of
            // the wait for its outcome; cancelled with the request, after which nothing reaches it
            CompletableFuture<T> answer = handover.outcome.copy();
            Disposable.Swap timing = Disposables.swap();
            answer.whenComplete((result, failure) -> timing.dispose());
            timing.update(timer.apply(startWithin).subscribe(startTimeOver -> {
                if (handover.withdraw(notStartedInTime)) {
                    answer.completeExceptionally(CommandOutcomes.withdrawn());
                } else {
                    timing.update(timer.apply(handover.outcomeWaitLeft(outcomeWithin)).subscribe(outcomeTimeOver -> {
                        if (answer.completeExceptionally(CommandOutcomes.outcomeUnknown())) {
                            outcomeUnknown.increment();
                        }
                    }));
                }
            }));
            return Mono.fromFuture(answer).doOnCancel(() -> handover.withdraw(clientGone));
        });
    }

    /**
     * Runs work that undoes a step of a refused or withdrawn request (a key taken back, a claim
     * released): never withdrawn and not bounded in time, so that it runs once handed over even if
     * the client goes away; the answer waits for it.
     */
    public Mono<Void> compensate(Runnable work) {
        return Mono.defer(() -> {
            Handover<Void> handover = new Handover<>(() -> {
                work.run();
                return CompletableFuture.completedFuture(null);
            });
            if (!handOver(handover)) {
                queueFull.increment();
                return Mono.error(full());
            }
            return Mono.fromFuture(handover.outcome.copy()).then();
        });
    }

    private boolean handOver(Handover<?> handover) {
        try {
            executor.execute(handover);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    private static KyodoProblemException full() {
        return new KyodoProblemException(CommonProblems.UNAVAILABLE, "Too many commands are waiting; nothing was "
                + "changed. Try again.");
    }

    /** A piece of work handed over: started by a worker or withdrawn by its client, never both. */
    private final class Handover<T> implements Runnable {

        private static final int QUEUED = 0;
        private static final int STARTED = 1;
        private static final int WITHDRAWN = 2;

        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private final Callable<CompletableFuture<T>> work;
        private final CompletableFuture<T> outcome = new CompletableFuture<>();
        private volatile long startedAt;

        Handover(Callable<CompletableFuture<T>> work) {
            this.work = work;
        }

        @Override
        public void run() {
            // written before the compare-and-set, so that whoever sees STARTED sees when
            startedAt = System.nanoTime();
            if (!state.compareAndSet(QUEUED, STARTED)) {
                return;
            }
            try {
                work.call().whenComplete((result, failure) -> {
                    if (failure != null) {
                        outcome.completeExceptionally(failure);
                    } else {
                        outcome.complete(result);
                    }
                });
            } catch (Throwable failure) {
                outcome.completeExceptionally(failure);
            }
        }

        /**
         * Withdraws the work unless it has started; whether it is withdrawn (now or before).
         *
         * @param why counts the withdrawal when this call makes it
         */
        boolean withdraw(LongAdder why) {
            if (state.compareAndSet(QUEUED, WITHDRAWN)) {
                executor.remove(this);
                why.increment();
                return true;
            }
            return state.get() == WITHDRAWN;
        }

        /** What is left of the outcome wait of started work. */
        Duration outcomeWaitLeft(Duration outcomeWait) {
            long left = startedAt + outcomeWait.toNanos() - System.nanoTime();
            return Duration.ofNanos(Math.max(left, 1));
        }
    }

    /**
     * What became of the work handed over since the start, and what is waiting or running now: for the
     * operator's metrics (work that never reached the command bus is not in its timings).
     */
    public Counts counts() {
        return new Counts(notStartedInTime.sum(), clientGone.sum(), queueFull.sum(), outcomeUnknown.sum(),
                executor.getQueue().size(), executor.getActiveCount());
    }

    /**
     * @param notStartedInTime work withdrawn because no thread took it within {@code kyodo.command.timeout} (503)
     * @param clientGone       work withdrawn because its client went away before it started
     * @param queueFull        work refused because every thread was busy and the queue full (503)
     * @param outcomeUnknown   started work whose client was answered 504 after {@code kyodo.command.outcome-wait}
     * @param waiting          work waiting for a thread now
     * @param running          threads running work now
     */
    public record Counts(long notStartedInTime, long clientGone, long queueFull, long outcomeUnknown, int waiting,
                         int running) {
    }

    /** Lets running work finish (a unit of work that has begun commits or rolls back), then stops. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
