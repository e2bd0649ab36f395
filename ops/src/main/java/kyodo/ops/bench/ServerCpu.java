package kyodo.ops.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CPU time a local server process has used (user + system, all threads), from
 * {@code /proc/<pid>/stat}: on a machine shared with other work the rates move with the load, the
 * CPU a request costs much less. {@link #settle} waits for the process to go quiet, so a row's
 * figure holds the work it caused after its last answer too (projections, the notifier) and none of
 * the row before.
 */
final class ServerCpu {

    /** Below this share of one core over a second the server counts as quiet (heartbeats, timers). */
    static final double QUIET_SHARE = 0.05;
    static final Duration SETTLE_AT_MOST = Duration.ofSeconds(60);

    private final Path stat;
    private final double millisPerTick;

    ServerCpu(String pid) {
        this.stat = Path.of("/proc", pid, "stat");
        this.millisPerTick = 1000.0 / clockTicksPerSecond();
        millis(); // refused now when the process is not local
    }

    /** The CPU time the process has used so far, in milliseconds. */
    double millis() {
        try {
            return ticks(Files.readString(stat, StandardCharsets.US_ASCII)) * millisPerTick;
        } catch (IOException e) {
            throw new BenchException("cannot read " + stat + " (--pid must be a local process): " + e.getMessage(), e);
        }
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line: fields 14 and 15, counted after the command's ")". */
    static long ticks(String statLine) {
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is the state, field 3 of the line: utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Waits, polling every second, until the process used less than {@link #QUIET_SHARE} of a core over
     * a second, at most {@link #SETTLE_AT_MOST}.
     *
     * @return whether it went quiet
     */
    boolean settle(PrintStream progress) {
        long deadline = System.nanoTime() + SETTLE_AT_MOST.toNanos();
        double last = millis();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted", e);
            }
            double now = millis();
            if (now - last < QUIET_SHARE * 1000) {
                return true;
            }
            last = now;
        }
        if (progress != null) {
            progress.println("bench run: the server did not go quiet within " + SETTLE_AT_MOST.toSeconds() + " s");
        }
        return false;
    }

    /** USER_HZ, the unit of {@code /proc} CPU times (100 on every Linux ABI kyodo runs on; getconf says). */
    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() == 0 && out.matches("\\d+")) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // no getconf: the Linux default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
