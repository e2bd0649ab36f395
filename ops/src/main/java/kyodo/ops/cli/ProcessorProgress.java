package kyodo.ops.cli;

import kyodo.query.platform.SinglePassReplay;
import kyodo.query.platform.store.ReadStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.ApplicationContext;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How far streaming event processors are, measured against the event store's head: a processor has
 * caught up when every one of its segments has handled the event at the head position or later.
 * Axon's own "caught up" flag is not enough after a load: it stays set once the processor first
 * reached the end, before the newest events were handled.
 */
public final class ProcessorProgress {

    private final StreamableMessageSource<?> eventStore;
    private final EventProcessingConfiguration processing;

    ProcessorProgress(StreamableMessageSource<?> eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
    }

    /** The processors and event store of a started platform. */
    public static ProcessorProgress of(ApplicationContext context) {
        org.axonframework.config.Configuration axon = context.getBean(org.axonframework.config.Configuration.class);
        return new ProcessorProgress(axon.eventStore(), context.getBean(EventProcessingConfiguration.class));
    }

    /**
     * The single-pass replay of a started platform, in units of work of
     * {@link ProjectionSettings#replayBatchSize()} events.
     */
    public static SinglePassReplay singlePassReplay(ApplicationContext context) {
        org.axonframework.config.Configuration axon = context.getBean(org.axonframework.config.Configuration.class);
        return new SinglePassReplay(axon.eventProcessingConfiguration(), axon.eventStore(),
                context.getBean(ProjectionSettings.class).replayBatchSize(), context.getBean(ReadStore.class));
    }

    /** Position of the newest event in the store; -1 when it is empty. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** Every streaming processor by its processing group name. */
    public Map<String, StreamingEventProcessor> streamingProcessors() {
        Map<String, StreamingEventProcessor> streaming = new LinkedHashMap<>();
        Map<String, EventProcessor> all = processing.eventProcessors();
        all.forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor s) {
                streaming.put(name, s);
            }
        });
        return streaming;
    }

    /**
     * The processor's position: the lowest position of its segments (each segment reads the whole
     * stream), -1 before it handled anything or while it has no segment claimed.
     */
    public static long position(StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        if (segments.isEmpty()) {
            return -1;
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : segments) {
            OptionalLong position = status.getCurrentPosition();
            lowest = Math.min(lowest, position.orElse(-1));
        }
        return lowest;
    }

    /** Whether every one of those processors has handled the event at that position. */
    public static boolean caughtUp(Collection<StreamingEventProcessor> processors, long head) {
        return processors.stream().allMatch(p -> p.isRunning() && position(p) >= head);
    }

    /** The processors whose segments are in an error state (they retry; an operator should know). */
    public static Map<String, Throwable> errors(Map<String, StreamingEventProcessor> processors) {
        Map<String, Throwable> errors = new LinkedHashMap<>();
        processors.forEach((name, p) -> p.processingStatus().values().stream()
                .filter(EventTrackerStatus::isErrorState).findFirst()
                .ifPresent(status -> errors.put(name, status.getError())));
        return errors;
    }
}
