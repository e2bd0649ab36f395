package kyodo.command.platform;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Work that runs until the test releases it, and tells whether its thread was interrupted meanwhile. */
public final class HeldWork implements Runnable {

    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean interrupted = new AtomicBoolean();

    @Override
    public void run() {
        running.countDown();
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted.set(true);
        }
        finished.countDown();
    }

    public void awaitRunning() throws InterruptedException {
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
    }

    public void releaseAndAwaitItsUninterruptedEnd() throws InterruptedException {
        release.countDown();
        assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).as("the work's thread was interrupted").isFalse();
    }
}
