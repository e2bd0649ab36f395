package kyodo.ops.observe;

import kyodo.ops.cli.ProcessorProgress;
import org.axonframework.eventhandling.StreamingEventProcessor;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * How many events each processing group of this process has yet to handle: the event store's head
 * position minus the group's position (the lowest of its segments). A group that is stopped keeps the
 * position it was last seen at here; a running group that holds no segment in this process (another
 * process of a split deployment holds them all) has no lag this process can measure.
 */
public class ProcessorLag {

    private final Supplier<ProcessorProgress> progress;
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

    /** @param progress the started platform's processors and event store, asked for on first use */
    public ProcessorLag(Supplier<ProcessorProgress> progress) {
        this.progress = progress;
    }

    /** Every streaming processing group's lag in events, by name; a group it cannot measure is left out. */
    public Map<String, Long> lags() {
        ProcessorProgress now = progress.get();
        long head = now.head();
        Map<String, Long> lags = new TreeMap<>();
        now.streamingProcessors().forEach((group, processor) ->
                position(group, processor).ifPresent(position -> lags.put(group, Math.max(0, head - position))));
        return lags;
    }

    /** One group's lag in events; NaN when this process cannot measure it (a gauge then has no value). */
    public double lag(String group) {
        Long lag = lags().get(group);
        return lag == null ? Double.NaN : lag;
    }

    /** The processing groups there are, for one gauge each. */
    public Iterable<String> groups() {
        return progress.get().streamingProcessors().keySet();
    }

    private OptionalLong position(String group, StreamingEventProcessor processor) {
        if (processor.isRunning()) {
            if (processor.processingStatus().isEmpty()) {
                return OptionalLong.empty();
            }
            long position = ProcessorProgress.position(processor);
            lastSeen.put(group, position);
            return OptionalLong.of(position);
        }
        // stopped: its tokens stay where they were, the head moves on
        return OptionalLong.of(lastSeen.getOrDefault(group, -1L));
    }
}
