package kyodo.ops.startup;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stores a starting process never reached within {@code kyodo.startup.retry-give-up-after}: the
 * process stops, and {@link StoreUnreachableAnalysis} says which and what to do, without a stack trace.
 */
public class StoreUnreachable extends RuntimeException {

    private final transient Map<StoreAddress, String> down;

    StoreUnreachable(Map<StoreAddress, String> down, Duration tried) {
        super("not reachable after " + AwaitStores.readable(tried) + ": " + down.entrySet().stream()
                .map(e -> line(e.getKey(), e.getValue())).collect(Collectors.joining("; ")));
        this.down = Map.copyOf(down);
    }

    /** The stores and why they were not reached. */
    public Map<StoreAddress, String> down() {
        return down;
    }

    /** One store's line: what, where, why, and the setting to correct. */
    static String line(StoreAddress address, String failure) {
        return address.engine() + " (" + address.holds() + ") at " + address.address() + " is not reachable ("
                + failure + "): start it, or correct " + address.setting()
                + " (command line, environment or <data-dir>/kyodo.properties)";
    }
}
