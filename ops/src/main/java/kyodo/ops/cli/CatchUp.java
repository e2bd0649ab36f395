package kyodo.ops.cli;

import org.axonframework.eventhandling.StreamingEventProcessor;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Waits until streaming processors have handled every event up to a head position, drawing a
 * progress line (events handled, events/s, ETA, percent) on the terminal while it waits.
 */
final class CatchUp {

    private static final Duration POLL = Duration.ofMillis(200);

    private CatchUp() {
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
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
