package kyodo.ops.mail;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One named daemon thread that runs a task on a fixed delay and whatever else is handed to it, for
 * the {@link BackgroundService}s (the mail relay and the daily digest): one thread, so that a task never overlaps
 * itself, and stopped with its bean.
 */
public final class BackgroundThread {

    private final String name;
    private ScheduledExecutorService thread;

    public BackgroundThread(String name) {
        this.name = name;
    }

    /** Starts the thread: {@code task} runs after {@code first}, then {@code every} after each run ends. */
    public synchronized void start(Duration first, Duration every, Runnable task) {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(task, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the thread soon; whether it was handed over (false when stopped). */
    public synchronized boolean execute(Runnable task) {
        if (thread == null) {
            return false;
        }
        thread.execute(task);
        return true;
    }

    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    public synchronized boolean running() {
        return thread != null;
    }
}
