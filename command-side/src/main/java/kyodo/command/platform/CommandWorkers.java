package kyodo.command.platform;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>Work handed over here is never interrupted: a client that hangs up (or a timeout) gives up on
 * the answer, not on the work. An interrupt inside a unit of work would leave Axon's unit-of-work
 * timeout with a record its janitor acts on a minute later, on whatever that thread then runs; one
 * inside a vault write would leave the fate of a key unknown. When every thread is busy and the
 * queue is full the work is refused with a 503 before anything of it ran, so the client retries.
 */
@Component
public class CommandWorkers implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    @Autowired
    public CommandWorkers(CommandSettings settings) {
        this(settings.threads(), settings.queue());
    }

    public CommandWorkers(int threads, int queue) {
        if (threads < 1 || queue < 1) {
            throw new IllegalArgumentException("kyodo.command.threads and kyodo.command.queue must be at least 1");
        }
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), task -> {
            Thread thread = new Thread(task, "kyodo-command-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code work} on a command thread; cancelling the answer does not touch the work. */
    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromFuture(() -> submit(work), true);
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
     * the calling thread) on a command thread, and answers when that answer completes.
     */
    public <T> Mono<T> callAsync(Callable<CompletableFuture<T>> work) {
        return Mono.fromFuture(() -> submit(work).thenCompose(answer -> answer), true);
    }

    private <T> CompletableFuture<T> submit(Callable<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, executor);
        } catch (RejectedExecutionException full) {
            return CompletableFuture.failedFuture(new KyodoProblemException(CommonProblems.UNAVAILABLE,
                    "Too many commands are waiting; try again."));
        }
    }

    /** Lets running work finish (a unit of work that has begun commits or rolls back), then stops. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
