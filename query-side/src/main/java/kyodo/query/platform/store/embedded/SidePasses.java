package kyodo.query.platform.store.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs an {@link IndexBuild}'s later passes side by side: on the caller's thread and on helpers, one per
 * further core (at most one per pass), each taking the next pass when it has finished one. The helpers
 * are never interrupted (an interrupted file channel closes the store); a failure stops the hand-out, the
 * passes under way end, and the first failure is thrown once every thread has finished.
 */
final class SidePasses {

    static final String THREAD = "kyodo-index-build";

    private SidePasses() {
    }

    static <T> void run(List<T> passes, int threads, Consumer<T> pass) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < passes.size()) {
                try {
                    pass.accept(passes.get(i));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int i = 1; i < Math.min(threads, passes.size()); i++) {
            Thread helper = new Thread(work, THREAD);
            helper.setDaemon(true);
            helpers.add(helper);
        }
        helpers.forEach(Thread::start);
        work.run();
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (helper.isAlive()) {
                try {
                    helper.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the build's writes must end before it returns
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new IllegalStateException(failed);
        }
    }
}
