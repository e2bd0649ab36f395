package kyodo.query.platform.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs independent pieces of work side by side: on the caller's thread and on helpers, one per further
 * core (at most one per piece), each taking the next piece when it has finished one, in the order given
 * (the longest first keeps the cores busy to the end). The helpers are never interrupted (an interrupted
 * file channel closes an embedded store); a failure stops the hand-out, the pieces under way end, and the
 * first failure is thrown once every thread has finished. A piece that must not stop the others catches
 * its own failures. The waits and the hand-over of a failure are public: the replay's reader and workers
 * ({@code kyodo.query.platform}) use them too.
 */
public final class SideBySide {

    private SideBySide() {
    }

    /** As many threads as the machine has cores. */
    public static <T> void run(List<T> pieces, String threadName, Consumer<T> work) {
        run(pieces, Runtime.getRuntime().availableProcessors(), threadName, work);
    }

    /** On at most {@code threads} threads, the caller's included; the helpers are named {@code threadName}. */
    public static <T> void run(List<T> pieces, int threads, String threadName, Consumer<T> work) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable taking = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < pieces.size()) {
                try {
                    work.accept(pieces.get(i));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int i = 1; i < Math.min(threads, pieces.size()); i++) {
            Thread helper = new Thread(taking, threadName);
            helper.setDaemon(true);
            helpers.add(helper);
        }
        helpers.forEach(Thread::start);
        taking.run();
        joinUninterruptibly(helpers); // the pieces' writes must end before this returns
        rethrow(failure.get());
    }

    /**
     * Throws a failure caught on another thread: a {@link RuntimeException} or an {@link Error} as it is,
     * a checked one inside an {@link IllegalStateException}; nothing when there is none.
     */
    public static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * Waits until every one of the threads has ended, also when interrupted (a thread that still ran could
     * write after its caller returned); the interrupt is kept for the caller once the wait is over.
     */
    public static void joinUninterruptibly(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting, then say so
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the latch is open, also when interrupted; the interrupt is kept for the caller. */
    public static void awaitUninterruptibly(CountDownLatch done) {
        boolean interrupted = false;
        while (done.getCount() > 0) {
            try {
                done.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
