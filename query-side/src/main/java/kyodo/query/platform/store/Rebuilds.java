package kyodo.query.platform.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rebuilds open on a store ({@link ReadStore#rebuild()}), for both engines: the tasks registered
 * while one is open ({@link ReadStore#whenRebuilt}) run, side by side, when the last of them closes, and
 * then what the engine deferred is built.
 */
public final class Rebuilds {

    /** The name of the threads that run the tasks beside the caller's. */
    static final String THREAD = "kyodo-rebuild-end";

    /** Guards {@link #open} and {@link #atEnd}: a task is registered before the last close or refused. */
    private final Object lock = new Object();
    private int open;
    private final List<Runnable> atEnd = new ArrayList<>();

    /**
     * Opens a rebuild.
     *
     * @param atLastClose what the engine builds when the last open rebuild closes, after the registered tasks
     */
    public ReadStore.Rebuild open(Runnable atLastClose) {
        synchronized (lock) {
            open++;
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.getAndSet(true)) {
                return;
            }
            List<Runnable> tasks;
            synchronized (lock) {
                if (--open > 0) {
                    return;
                }
                tasks = List.copyOf(atEnd);
                atEnd.clear();
            }
            try {
                run(tasks);
            } finally {
                atLastClose.run();
            }
        };
    }

    /** Whether a rebuild is open. */
    public boolean active() {
        synchronized (lock) {
            return open > 0;
        }
    }

    /** Registers a task for the last close of the open rebuilds; false (nothing registered) when none is open. */
    public boolean whenRebuilt(Runnable task) {
        synchronized (lock) {
            if (open == 0) {
                return false;
            }
            atEnd.add(task);
            return true;
        }
    }

    /**
     * Runs every registered task, each once, even when one fails, side by side on the machine's cores (the
     * tasks are independent: each analytics model's cells from its own facts); the first failure is thrown
     * after all ran.
     */
    private static void run(List<Runnable> tasks) {
        List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
        SideBySide.run(tasks, THREAD, task -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        if (!failures.isEmpty()) {
            RuntimeException failed = failures.get(0);
            failures.subList(1, failures.size()).forEach(failed::addSuppressed);
            throw failed;
        }
    }
}
