package kyodo.ops.bench;

import java.util.Map;

/**
 * One row of {@code bench run}'s table ({@link LoadDriver}): a request kind and what it measured;
 * {@code skipped} says why it did not run.
 */
record LoadRow(String what, long requests, long errors, Map<Integer, Long> errorStatuses, double seconds,
               long[] sortedNanos, String skipped) {

    double throughput() {
        return seconds > 0 ? requests / seconds : 0;
    }

    /** The latency at that percentile (nearest rank), in milliseconds; NaN when nothing was measured. */
    double percentileMillis(double percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }
}
