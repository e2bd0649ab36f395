package kyodo.command.platform;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Blocking work of the command side: on its own threads, never interrupted, refused when full. */
class CommandWorkersTest {

    private final CommandWorkers workers = new CommandWorkers(1, 1);

    @AfterEach
    void stop() throws InterruptedException {
        workers.close();
    }

    @Test
    void aCancelledAnswerLeavesItsWorkRunningUninterrupted() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Disposable request = workers.run(() -> {
            running.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            finished.countDown();
        }).subscribe();
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
        request.dispose();
        Thread.sleep(200);
        release.countDown();

        assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).as("the work's thread was interrupted").isFalse();
    }

    @Test
    void theAnswerAndTheFailureOfTheWorkReachTheCaller() {
        AtomicReference<String> thread = new AtomicReference<>();
        assertThat(workers.call(() -> {
            thread.set(Thread.currentThread().getName());
            return 7;
        }).block()).isEqualTo(7);
        assertThat(thread.get()).startsWith("kyodo-command-");
        IllegalStateException broken = new IllegalStateException("disk full");
        assertThatThrownBy(() -> workers.call(() -> {
            throw broken;
        }).block()).isSameAs(broken);
        assertThat(workers.callAsync(() -> CompletableFuture.completedFuture("stored")).block()).isEqualTo("stored");
    }

    @Test
    void workBeyondTheThreadsAndTheQueueIsRefusedAsUnavailableWithoutRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        workers.run(() -> {
            running.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).subscribe();
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean queuedRan = new AtomicBoolean();
        workers.run(() -> queuedRan.set(true)).subscribe();
        AtomicBoolean refusedRan = new AtomicBoolean();

        assertThatThrownBy(() -> workers.run(() -> refusedRan.set(true)).block())
                .isInstanceOfSatisfying(KyodoProblemException.class,
                        refused -> assertThat(refused.type()).isEqualTo(CommonProblems.UNAVAILABLE));
        release.countDown();
        workers.close();
        assertThat(queuedRan).isTrue();
        assertThat(refusedRan).isFalse();
    }
}
