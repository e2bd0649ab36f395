package kyodo.ops.cli;

import kyodo.query.platform.SinglePassReplay;
import org.axonframework.eventhandling.StreamingEventProcessor;

import org.axonframework.eventhandling.TrackingToken;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Waits until streaming processors have handled every event up to a head position, or rebuilds
 * projections in one pass ({@link SinglePassReplay}), drawing a progress line (events handled,
 * events/s, ETA, percent) on the terminal meanwhile.
 */
public final class CatchUp {

    private static final Duration POLL = Duration.ofMillis(200);

    private CatchUp() {
    }

    /**
     * Rebuilds the projections from the event store in one pass and starts their processors again.
     *
     * @param progress where to draw the progress line (stderr), or null for none
     * @return whether it finished within the timeout (if not, the processors go on from the
     *         positions it stored)
     * @throws RuntimeException what failed a batch; the processors go on from the positions stored before it
     */
    public static boolean rebuild(SinglePassReplay replay, List<String> projections, long head, Duration timeout,
                                  PrintStream progress) {
        return pass(steps -> replay.rebuild(projections, steps), head, timeout, progress);
    }

    /**
     * Brings shut-down projections from their stored positions up to the store's head in one pass,
     * leaving them shut down (start them afterwards).
     *
     * @param progress where to draw the progress line (stderr), or null for none
     * @return whether it finished within the timeout
     * @throws RuntimeException what failed a batch; the positions stored before it stay
     */
    public static boolean catchUp(SinglePassReplay replay, List<String> projections, TrackingToken headToken,
                                  Duration timeout, PrintStream progress) {
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        return pass(steps -> replay.catchUp(projections, headToken, steps), head, timeout, progress);
    }

    private static boolean pass(Consumer<SinglePassReplay.Progress> run, long head, Duration timeout,
                                PrintStream progress) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long[] drawn = {started};
        try {
            run.accept((events, position) -> {
                long now = System.nanoTime();
                if (progress != null && (now - drawn[0] >= POLL.toNanos() || position >= head)) {
                    drawn[0] = now;
                    long handled = Math.min(position, head) + 1;
                    progress.print("\r" + ProgressLine.render(handled, head + 1, events, (now - started) / 1e9));
                }
                if (now > deadline) {
                    throw new TimedOut();
                }
            });
        } catch (TimedOut e) {
            return false;
        } finally {
            if (progress != null) {
                progress.println();
            }
        }
        return true;
    }

    /** Ends a replay that runs past its timeout, between two batches. */
    private static final class TimedOut extends RuntimeException {

        TimedOut() {
            super(null, null, false, false);
        }
    }

    /**
     * @param progress where to draw the progress line (stderr), or null for none
     * @return whether they caught up within the timeout
     */
    static boolean await(Map<String, StreamingEventProcessor> processors, long head, Duration timeout,
                         PrintStream progress) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long startHandled = handled(processors, head);
        long total = (head + 1) * processors.size();
        Map<String, Throwable> reported = new java.util.HashMap<>();
        while (true) {
            boolean done = ProcessorProgress.caughtUp(processors.values(), head);
            long handled = handled(processors, head);
            if (progress != null) {
                double seconds = (System.nanoTime() - started) / 1e9;
                progress.print("\r" + ProgressLine.render(handled, total, handled - startHandled, seconds));
                ProcessorProgress.errors(processors).forEach((name, error) -> {
                    if (reported.put(name, error) == null) {
                        progress.println();
                        progress.println(name + ": failing, retrying: " + error);
                    }
                });
                if (done) {
                    progress.println();
                }
            }
            if (done) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                if (progress != null) {
                    progress.println();
                }
                return false;
            }
            if (!Waiting.pause(POLL)) {
                return false;
            }
        }
    }

    /** Events handled, summed over the processors, counting up to the head. */
    private static long handled(Map<String, StreamingEventProcessor> processors, long head) {
        return processors.values().stream()
                .mapToLong(p -> Math.min(ProcessorProgress.position(p), head) + 1).sum();
    }
}
