package kyodo.ops.mail;

import kyodo.kernel.Offline;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.PropertyResolver;

/**
 * A bean whose work runs on a {@link BackgroundThread} of its own (the mail relay, the daily digest):
 * it starts the thread in {@link #start()}, and the thread stops with the bean.
 */
public abstract class BackgroundService implements SmartLifecycle {

    /** The bean's own thread. */
    protected final BackgroundThread thread;
    private boolean autoStartup = true;

    protected BackgroundService(String threadName) {
        this.thread = new BackgroundThread(threadName);
    }

    /**
     * Whether the context starts it: not in an operator's command on the stores ({@link Offline}), which
     * tells nobody anything.
     */
    public BackgroundService startedWith(PropertyResolver settings) {
        this.autoStartup = !Offline.of(settings::getProperty);
        return this;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
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
