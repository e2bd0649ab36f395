package kyodo.query.platform.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failure of another thread is thrown as it was; a wait for threads that must end outlasts an interrupt
 * ({@link SideBySide}, which the replay's threads use too).
 */
class ThreadWaitsTest {

    @Test
    void aFailureIsThrownAsItWasAndACheckedOneWrapped() {
        IllegalArgumentException runtime = new IllegalArgumentException("runtime");
        OutOfMemoryError error = new OutOfMemoryError("error");
        IOException checked = new IOException("checked");
        assertThatThrownBy(() -> SideBySide.rethrow(runtime)).isSameAs(runtime);
        assertThatThrownBy(() -> SideBySide.rethrow(error)).isSameAs(error);
        assertThatThrownBy(() -> SideBySide.rethrow(checked)).isExactlyInstanceOf(IllegalStateException.class)
                .hasCause(checked);
        assertThatCode(() -> SideBySide.rethrow(null)).doesNotThrowAnyException();
    }

    @Test
    void aJoinInterruptedWaitsForTheThreadToEndAndKeepsTheInterrupt() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            SideBySide.awaitUninterruptibly(release);
            ended.set(true);
        });
        worker.start();
        Thread.currentThread().interrupt();
        Thread releaser = new Thread(() -> {
            sleep(200);
            release.countDown();
        });
        releaser.start();
        SideBySide.joinUninterruptibly(List.of(worker));
        boolean interrupted = Thread.interrupted();
        assertThat(ended).isTrue();
        assertThat(worker.isAlive()).isFalse();
        assertThat(interrupted).isTrue();
        releaser.join();
    }

    @Test
    void anAwaitInterruptedWaitsForTheLatchAndKeepsTheInterrupt() {
        CountDownLatch done = new CountDownLatch(1);
        Thread opener = new Thread(() -> {
            sleep(200);
            done.countDown();
        });
        opener.start();
        Thread.currentThread().interrupt();
        SideBySide.awaitUninterruptibly(done);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(done.getCount()).isZero();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
