package kyodo.ops.bench;

import java.util.Map;

/**
 * One row of {@code bench run}'s table ({@link LoadDriver}): a request kind and what it measured;
 * {@code skipped} says why it did not run; {@code serverCpuMillis} is the server's CPU time over the
 * row (NaN when not measured, without {@code --pid}).
 */
record LoadRow(String what, long requests, long errors, Map<Integer, Long> errorStatuses, double seconds,
               Latencies latencies, String skipped, double serverCpuMillis) {

    LoadRow(String what, long requests, long errors, Map<Integer, Long> errorStatuses, double seconds,
            Latencies latencies, String skipped) {
        this(what, requests, errors, errorStatuses, seconds, latencies, skipped, Double.NaN);
    }

    /** The same row with the server's CPU time over it. */
    LoadRow withServerCpu(double millis) {
        return new LoadRow(what, requests, errors, errorStatuses, seconds, latencies, skipped, millis);
    }

    /** The server's CPU per request in milliseconds (NaN when not measured or nothing was sent). */
    double serverCpuPerRequest() {
        return requests > 0 ? serverCpuMillis / requests : Double.NaN;
    }

    /** A row measured by the driver itself, from every request's latency in nanoseconds, sorted. */
    static LoadRow measured(String what, long errors, Map<Integer, Long> errorStatuses, double seconds,
                            long[] sortedNanos) {
        return new LoadRow(what, sortedNanos.length, errors, errorStatuses, seconds, Latencies.of(sortedNanos), null);
    }

    static LoadRow skipped(String what, String why) {
        return new LoadRow(what, 0, 0, Map.of(), 0, Latencies.NONE, why);
    }

    double throughput() {
        return seconds > 0 ? requests / seconds : 0;
    }

    /** The row's p50, p95 and p99 in milliseconds (NaN when nothing was measured). */
    record Latencies(double p50, double p95, double p99) {

        static final Latencies NONE = new Latencies(Double.NaN, Double.NaN, Double.NaN);

        /** From every latency, sorted (nearest rank). */
        static Latencies of(long[] sortedNanos) {
            return new Latencies(rank(sortedNanos, 50), rank(sortedNanos, 95), rank(sortedNanos, 99));
        }

        private static double rank(long[] sortedNanos, double percentile) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
        }
    }
}
