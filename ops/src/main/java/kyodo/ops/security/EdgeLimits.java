package kyodo.ops.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window counters per key (a client address, an account id): how the edge limits anonymous
 * reads and failed sign-ins (and residents' sign-ups and codes, {@code kyodo.ops.resident}). Bounded in memory: when too many keys pile up, expired windows go.
 */
public final class EdgeLimits {

    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long startMillis, long lengthMillis, int count) {
        boolean expired(long now) {
            return now >= startMillis + lengthMillis;
        }
    }

    public EdgeLimits(Clock clock) {
        this.clock = clock;
    }

    /** Counts one more for the key; whether it is still within {@code limit} per {@code window}. */
    public boolean tryAcquire(String key, int limit, Duration window) {
        return count(key, window) <= limit;
    }

    /** Counts one more for the key within the window; the new count. */
    int count(String key, Duration window) {
        long now = clock.millis();
        sweepIfCrowded(now);
        return windows.compute(key, (k, w) -> w == null || w.expired(now)
                ? new Window(now, window.toMillis(), 1)
                : new Window(w.startMillis(), w.lengthMillis(), w.count() + 1)).count();
    }

    /** The count so far in the key's current window (0 when none). */
    int current(String key) {
        long now = clock.millis();
        Window w = windows.get(key);
        return w == null || w.expired(now) ? 0 : w.count();
    }

    /** Seconds until the key's window ends, at least 1. */
    public long secondsLeft(String key) {
        Window w = windows.get(key);
        if (w == null) {
            return 1;
        }
        return Math.max(1, (w.startMillis() + w.lengthMillis() - clock.millis() + 999) / 1000);
    }

    private void sweepIfCrowded(long now) {
        if (windows.size() >= MAX_KEYS) {
            windows.values().removeIf(w -> w.expired(now));
            if (windows.size() >= MAX_KEYS) {
                windows.clear();
            }
        }
    }
}
