package kyodo.query.platform;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What the replay's threads ({@link ReplayReader}, {@link ReplayWorkers}) share: handing a failure of
 * another thread over as it was, and waiting for threads that must have ended before a replay returns.
 * The waits are not cut short by an interrupt (a thread that still ran could write after the replay
 * returned); the interrupt is kept for the caller once the wait is over.
 */
final class ReplayThreads {

    private ReplayThreads() {
    }

    /**
     * Throws a failure caught on another thread: a {@link RuntimeException} or an {@link Error} as it is,
     * a checked one inside an {@link IllegalStateException}; nothing when there is none.
     */
    static void rethrow(Throwable failure) {
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

    /** Waits until every one of the threads has ended, also when interrupted. */
    static void joinUninterruptibly(List<Thread> threads) {
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

    /** Waits until the latch is open, also when interrupted. */
    static void awaitUninterruptibly(CountDownLatch done) {
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
