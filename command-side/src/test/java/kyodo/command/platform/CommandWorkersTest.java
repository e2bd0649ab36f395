package kyodo.command.platform;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Blocking work of the command side: on its own threads; work not started when its time runs out (or
 * its client goes away) withdrawn and never run; started work never interrupted and waited for;
 * refused when full. The timers are fired by hand, so nothing here depends on how fast the machine is.
 */
class CommandWorkersTest {

    private static final Duration START_WITHIN = Duration.ofHours(1);
    private static final Duration OUTCOME_WITHIN = Duration.ofHours(2);

    private final HandTimers timers = new HandTimers();
    private final CommandWorkers workers = new CommandWorkers(1, 1, START_WITHIN, OUTCOME_WITHIN, timers);

    @AfterEach
    void stop() throws InterruptedException {
        workers.close();
    }

    @Test
    void aCancelledAnswerLeavesItsWorkRunningUninterrupted() throws Exception {
        HeldWork work = new HeldWork();
        Disposable request = workers.run(work).subscribe();
        work.awaitRunning();
        request.dispose();
        Thread.sleep(200);

        work.releaseAndAwaitItsUninterruptedEnd();
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
        CountDownLatch release = holdTheThread();
        AtomicBoolean queuedRan = new AtomicBoolean();
        workers.run(() -> queuedRan.set(true)).subscribe();
        AtomicBoolean refusedRan = new AtomicBoolean();

        assertThatThrownBy(() -> workers.run(() -> refusedRan.set(true)).block())
                .isInstanceOfSatisfying(KyodoProblemException.class,
                        refused -> assertThat(refused.type()).isEqualTo(CommonProblems.UNAVAILABLE));
        assertThat(workers.counts()).isEqualTo(new CommandWorkers.Counts(0, 0, 1, 0, 1, 1));
        release.countDown();
        workers.close();
        assertThat(queuedRan).isTrue();
        assertThat(refusedRan).isFalse();
    }

    @Test
    void queuedWorkWhoseClientWentAwayIsWithdrawnAndNeverRuns() throws Exception {
        CountDownLatch release = holdTheThread();
        AtomicBoolean ran = new AtomicBoolean();
        Disposable request = workers.run(() -> ran.set(true)).subscribe();

        request.dispose();
        release.countDown();

        afterEverythingQueued();
        assertThat(ran).as("withdrawn work ran").isFalse();
        assertThat(workers.counts().clientGone()).isEqualTo(1);
        assertThat(workers.counts().notStartedInTime()).isZero();
    }

    @Test
    void queuedWorkNotStartedWhenItsTimeRunsOutIsAnsweredWithdrawnNeverRunsAndLeavesItsPlace() throws Exception {
        CountDownLatch release = holdTheThread();
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Void> answer = workers.run(() -> ran.set(true)).toFuture();

        timers.fire(0);

        assertThatThrownBy(() -> answer.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(KyodoProblemException.class, withdrawn -> {
                    assertThat(withdrawn.type()).isEqualTo(CommonProblems.COMMAND_WITHDRAWN);
                    assertThat(withdrawn.type().status()).isEqualTo(503);
                    assertThat(CommandOutcomes.storedNothing(withdrawn)).isTrue();
                });
        // its place in the queue (of one) is free again while the thread is still held
        AtomicBoolean nextRan = new AtomicBoolean();
        CompletableFuture<Void> next = workers.run(() -> nextRan.set(true)).toFuture();
        release.countDown();
        next.get(60, TimeUnit.SECONDS);
        afterEverythingQueued();
        assertThat(nextRan).isTrue();
        assertThat(ran).as("withdrawn work ran").isFalse();
        assertThat(workers.counts()).extracting(CommandWorkers.Counts::notStartedInTime, CommandWorkers.Counts::clientGone,
                CommandWorkers.Counts::queueFull, CommandWorkers.Counts::outcomeUnknown).containsExactly(1L, 0L, 0L, 0L);
    }

    @Test
    void startedWorkIsWaitedForPastItsStartTimeAndAnswersItsOutcome() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> answer = workers.call(() -> {
            running.countDown();
            release.await(60, TimeUnit.SECONDS);
            return "stored";
        }).toFuture();
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();

        timers.fire(0);
        assertThat(timers.asked()).as("the wait for the outcome began").isEqualTo(2);
        release.countDown();

        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo("stored");
    }

    @Test
    void startedWorkNotFinishedWithinTheOutcomeWaitIsAnsweredOutcomeUnknownAndNotInterrupted() throws Exception {
        HeldWork work = new HeldWork();
        CompletableFuture<Void> answer = workers.run(work).toFuture();
        work.awaitRunning();

        timers.fire(0);
        timers.fire(1);

        assertThatThrownBy(() -> answer.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(KyodoProblemException.class, unknown -> {
                    assertThat(unknown.type()).isEqualTo(CommonProblems.COMMAND_OUTCOME_UNKNOWN);
                    assertThat(CommandOutcomes.storedNothing(unknown)).isFalse();
                });
        assertThat(workers.counts()).isEqualTo(new CommandWorkers.Counts(0, 0, 0, 1, 0, 1));
        work.releaseAndAwaitItsUninterruptedEnd();
    }

    /**
     * The worker taking the work and its time running out, released together from one latch, many
     * times: each time exactly one of them wins, and the answer says which (withdrawn: it never ran;
     * its result: it ran once).
     */
    @Test
    void startAndWithdrawalRacingDecideOnceWhichHappened() throws Exception {
        for (int round = 0; round < 1_000; round++) {
            HandTimers roundTimers = new HandTimers();
            CommandWorkers racing = new CommandWorkers(1, 1, START_WITHIN, OUTCOME_WITHIN, roundTimers);
            try {
                CountDownLatch release = holdTheThread(racing);
                AtomicInteger runs = new AtomicInteger();
                CompletableFuture<Integer> answer = racing.call(runs::incrementAndGet).toFuture();
                CountDownLatch go = new CountDownLatch(1);
                Thread timeRunsOut = new Thread(() -> {
                    awaitQuietly(go);
                    roundTimers.fire(0);
                });
                timeRunsOut.start();
                Thread workerTakesIt = new Thread(() -> {
                    awaitQuietly(go);
                    release.countDown();
                });
                workerTakesIt.start();
                go.countDown();
                timeRunsOut.join(60_000);
                workerTakesIt.join(60_000);

                Integer result = outcome(answer);
                racing.compensate(() -> { }).block(Duration.ofSeconds(60));
                if (result == null) {
                    assertThat(runs).as("round " + round + ": answered withdrawn, yet it ran").hasValue(0);
                } else {
                    assertThat(result).as("round " + round).isEqualTo(1);
                    assertThat(runs).as("round " + round + ": ran").hasValue(1);
                }
            } finally {
                racing.close();
            }
        }
    }

    /** The answer: the work's result, or null when it was withdrawn. */
    private static Integer outcome(CompletableFuture<Integer> answer) throws Exception {
        try {
            return answer.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException failure) {
            assertThat(failure.getCause()).isInstanceOfSatisfying(KyodoProblemException.class,
                    withdrawn -> assertThat(withdrawn.type()).isEqualTo(CommonProblems.COMMAND_WITHDRAWN));
            return null;
        }
    }

    private CountDownLatch holdTheThread() throws InterruptedException {
        return holdTheThread(workers);
    }

    /** Keeps the one thread busy until the latch returned is counted down. */
    private static CountDownLatch holdTheThread(CommandWorkers on) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        on.compensate(() -> {
            running.countDown();
            awaitQuietly(release);
        }).subscribe();
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    /** Work queued behind everything queued so far has run: with one thread, so has everything before it. */
    private void afterEverythingQueued() {
        workers.compensate(() -> { }).block(Duration.ofSeconds(60));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Timers that go off when the test says: each one asked for is kept, in order. */
    private static final class HandTimers implements Function<Duration, Mono<?>> {

        private final List<Sinks.One<Long>> asked = new CopyOnWriteArrayList<>();

        @Override
        public Mono<?> apply(Duration after) {
            Sinks.One<Long> timer = Sinks.one();
            asked.add(timer);
            return timer.asMono();
        }

        void fire(int which) {
            asked.get(which).tryEmitValue(0L);
        }

        int asked() {
            return asked.size();
        }
    }
}
