package kyodo.ops.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/** How the commands wait: between two looks at progress, and for loads sent to a pool of threads. */
public final class Waiting {

    private Waiting() {
    }

    /** Sleeps between two looks; false when interrupted, the interrupt kept for the caller to give up on. */
    public static boolean pause(Duration poll) {
        try {
            Thread.sleep(poll.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits for one of the tasks sent together; on its failure (or an interrupt) cancels every one of
     * them, so a load stops at its first failure, and throws that failure as the command's own.
     *
     * @param failureType the command's failure, rethrown as it is when a task threw it
     * @param failure     the command's failure for anything else, from a message and a cause
     */
    public static <E extends RuntimeException> void await(Future<?> future, List<? extends Future<?>> running,
                                                          Class<E> failureType,
                                                          BiFunction<String, Throwable, E> failure) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.forEach(f -> f.cancel(true));
            throw failure.apply("interrupted", e);
        } catch (ExecutionException e) {
            running.forEach(f -> f.cancel(true));
            throw failureType.isInstance(e.getCause()) ? failureType.cast(e.getCause())
                    : failure.apply(String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }
}
