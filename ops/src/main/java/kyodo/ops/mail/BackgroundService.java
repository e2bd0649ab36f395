package kyodo.ops.mail;

import org.springframework.context.SmartLifecycle;

/**
 * A bean whose work runs on a {@link BackgroundThread} of its own (the mail relay, the daily digest):
 * it starts the thread in {@link #start()}, and the thread stops with the bean.
 */
public abstract class BackgroundService implements SmartLifecycle {

    /** The bean's own thread. */
    protected final BackgroundThread thread;

    protected BackgroundService(String threadName) {
        this.thread = new BackgroundThread(threadName);
    }

    @Override
    public void stop() {
        thread.stop();
    }

    @Override
    public boolean isRunning() {
        return thread.running();
    }
}
