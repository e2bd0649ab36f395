package kyodo.query.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A failure of another replay thread is thrown as it was; a wait for the replay's threads outlasts an interrupt. */
class ReplayThreadsTest {

    @Test
    void aFailureIsThrownAsItWasAndACheckedOneWrapped() {
        IllegalArgumentException runtime = new IllegalArgumentException("runtime");
        OutOfMemoryError error = new OutOfMemoryError("error");
        IOException checked = new IOException("checked");
        assertThatThrownBy(() -> ReplayThreads.rethrow(runtime)).isSameAs(runtime);
        assertThatThrownBy(() -> ReplayThreads.rethrow(error)).isSameAs(error);
        assertThatThrownBy(() -> ReplayThreads.rethrow(checked)).isExactlyInstanceOf(IllegalStateException.class)
                .hasCause(checked);
        assertThatCode(() -> ReplayThreads.rethrow(null)).doesNotThrowAnyException();
    }

    @Test
    void aJoinInterruptedWaitsForTheThreadToEndAndKeepsTheInterrupt() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            ReplayThreads.awaitUninterruptibly(release);
            ended.set(true);
        });
        worker.start();
        Thread.currentThread().interrupt();
        Thread releaser = new Thread(() -> {
            sleep(200);
            release.countDown();
        });
        releaser.start();
        ReplayThreads.joinUninterruptibly(List.of(worker));
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
        ReplayThreads.awaitUninterruptibly(done);
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
