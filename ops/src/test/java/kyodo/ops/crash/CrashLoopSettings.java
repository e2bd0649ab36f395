package kyodo.ops.crash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How hard the crash loop pushes, from system properties so that an operator can run a longer
 * loop than the build does, e.g.
 * {@code ./mvnw -B -pl ops -am verify -Dit.test=CrashLoopIT -Dkyodo.crashloop.cycles=10 …}:
 *
 * <ul>
 * <li>{@code kyodo.crashloop.cycles} (4): kills with SIGKILL, each followed by a restart;</li>
 * <li>{@code kyodo.crashloop.clients} (6): concurrent client threads;</li>
 * <li>{@code kyodo.crashloop.load-min} / {@code load-max} (4s / 12s): load before each kill, and
 * after the last restart, drawn between the two;</li>
 * <li>{@code kyodo.crashloop.catch-up} (60s): how long the read models get to converge;</li>
 * <li>{@code kyodo.crashloop.reservation-timeout} (20s): the server's
 * {@code kyodo.budgets.reservation-timeout}, short so that the budget can be checked in time;</li>
 * <li>{@code kyodo.crashloop.server-args}: more server settings, space-separated (a MongoDB URI,
 * {@code --kyodo.projections.segments=2}, …); {@code --kyodo.projections.batch-size} is 1000 unless
 * given here;</li>
 * <li>{@code kyodo.crashloop.seed}: the clients' random seed (printed by every run);</li>
 * <li>{@code kyodo.crashloop.jar}: the jar to run (default: {@code kyodo.jar} next to the test classes).</li>
 * </ul>
 */
record CrashLoopSettings(int cycles, int clients, Duration loadMin, Duration loadMax, Duration catchUp,
                         Duration reservationTimeout, List<String> serverArgs, long seed, Path jar) {

    static CrashLoopSettings fromSystemProperties() {
        Duration loadMin = duration("load-min", "4s");
        Duration loadMax = duration("load-max", "12s");
        if (loadMax.compareTo(loadMin) < 0) {
            throw new IllegalArgumentException("kyodo.crashloop.load-max is below load-min");
        }
        String extra = property("server-args", "").strip();
        return new CrashLoopSettings(whole("cycles", 4), Math.max(1, whole("clients", 6)), loadMin, loadMax,
                duration("catch-up", "60s"), duration("reservation-timeout", "20s"),
                extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+")),
                Long.parseLong(property("seed", Long.toString(System.nanoTime()))), packagedJar());
    }

    private static Path packagedJar() {
        String given = property("jar", "");
        if (!given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        // ops/target/test-classes → ops/target/kyodo.jar, whatever the working directory
        return KyodoServer.packagedJar();
    }

    private static String property(String name, String fallback) {
        return System.getProperty("kyodo.crashloop." + name, fallback);
    }

    private static int whole(String name, int fallback) {
        return Integer.parseInt(property(name, Integer.toString(fallback)).strip());
    }

    /** {@code 20s}, {@code 2m}, {@code 500ms}, or ISO-8601 ({@code PT20S}). */
    private static Duration duration(String name, String fallback) {
        String text = property(name, fallback).strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> throw new IllegalArgumentException("kyodo.crashloop." + name + ": write it as 20s, 2m or 500ms");
        };
    }

    @Override
    public String toString() {
        return "cycles=" + cycles + " clients=" + clients + " load=" + loadMin.toMillis() / 1000.0 + "–"
                + loadMax.toMillis() / 1000.0 + "s catch-up=" + catchUp.toSeconds() + "s reservation-timeout="
                + reservationTimeout.toSeconds() + "s seed=" + seed + (serverArgs.isEmpty() ? "" : " server-args="
                + String.join(" ", serverArgs));
    }
}
