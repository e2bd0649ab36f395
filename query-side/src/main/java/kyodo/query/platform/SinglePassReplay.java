package kyodo.query.platform;

import kyodo.query.platform.store.ReadStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds projections in one pass over the event store: one reader streams the events once, in
 * large batches, each event is deserialized once (the reader, a {@link ReplayReader}, reads and
 * deserializes the next batch on a thread of its own while the current batch is handled), and
 * each replayed processor's handlers see its events in units of work of that processor's, each about
 * a batch's worth of the events it takes ({@link ReplayProcessor}), so that {@link BatchedWrites} sends
 * one bulk write per collection per unit of work, and a store that does not commit positions with
 * documents ({@link ReadStore#positionsCommitWithDocuments()}) is made durable once per unit of work
 * instead of once per hundred events. The processors' units of work of a batch run on the replay's
 * thread and on helpers, one per further core ({@link ReplayWorkers}); the next batch starts when all
 * have ended. The processors themselves each read and deserialize every event, in batches of
 * {@code kyodo.projections.batch-size}, which is right while they follow new events and slow for a
 * rebuild.
 * <p>
 * It keeps the processors' own contract: each handler gets the event with the token its processor
 * would have given it ({@code ReplayToken} while replaying, so {@code @DisallowReplay} and
 * {@code ReplayStatus} mean what they mean in the processor), and each processor's position is stored
 * in its own token store only at its unit of work's prepare-commit, through {@link PositionAfterWrites}:
 * after the processor's documents of the batch are written (and, where the store needs it, made durable; the embedded
 * engine's commits hold a position only with its documents, ADR 13). A replay that fails or is killed
 * leaves every position at or behind its documents; the processors, or the next replay, go on from
 * there and re-apply what the documents already hold as no-ops.
 * <p>
 * The processors must be shut down while it runs (it claims their tokens and releases them at the
 * end); they are started again from the tokens it stored, so they handle what arrived meanwhile.
 * Handler interceptors of the processors are applied, but for the correlation-data one; their message
 * monitors and transaction manager are not (the query side's projections write only to the read store
 * and create no messages).
 */
public final class SinglePassReplay {

    /** Events in the first batch; later ones grow or shrink to take about {@link #BATCH_TIME}. */
    private static final int FIRST_BATCH = 500;
    /**
     * How long a batch should take at most. A batch is one unit of work, which Axon's processors bound
     * ({@code axon.timeout.transaction.event-processors}, 60 s by default: its janitor then interrupts
     * the thread, and an interrupted file channel closes the embedded read store), and the read store
     * holds its writes in memory until the batch commits: a batch is cut by time, so it stays far
     * within both on a slow or busy machine.
     */
    private static final Duration BATCH_TIME = Duration.ofSeconds(5);
    /**
     * A processor's unit of work holds at least this share of a batch (1/4) of the events it takes, gathered
     * over as many batches as it takes ({@link ReplayProcessor}): one that takes few events writes its
     * documents once for many batches. A whole batch's worth made the units of work of the processors that
     * take many events larger, costlier per event, and the threads less evenly busy (issue 13).
     */
    static final int SHARE_OF_A_BATCH = 4;

    /** What a replay says after every batch. */
    @FunctionalInterface
    public interface Progress {

        /**
         * @param events   events read so far (each handed to every replayed processor)
         * @param position position of the last event of the batch in the event store
         */
        void batchDone(long events, long position);
    }

    private final EventProcessingConfiguration processing;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final int batchSize;
    private final ReadStore store;
    /** Threads that handle a batch's processors, the replay's own included ({@link ReplayWorkers}). */
    private final int threads;
    /** A processor's unit of work holds at least the batch size over this of its own events. */
    private final int share;

    /**
     * @param batchSize most events per unit of work (fewer while batches take longer than
     *                  {@link #BATCH_TIME}): the read store commits a few times per batch, and a batch's
     *                  writes and the state projections cache for it are held in memory
     * @param store     where the projections' documents are: a {@link #rebuild} is one
     *                  {@link ReadStore#rebuild()} of it (the collections the resets empty are refilled
     *                  without their secondary indexes, built once at the end)
     */
    public SinglePassReplay(EventProcessingConfiguration processing,
                            StreamableMessageSource<TrackedEventMessage<?>> events, int batchSize, ReadStore store) {
        this(processing, events, batchSize, store, Runtime.getRuntime().availableProcessors(), SHARE_OF_A_BATCH);
    }

    /**
     * @param threads threads that handle each batch's processors (at most one per processor)
     * @param share   a processor's unit of work holds at least the batch size over this of its own events
     */
    SinglePassReplay(EventProcessingConfiguration processing, StreamableMessageSource<TrackedEventMessage<?>> events,
                     int batchSize, ReadStore store, int threads, int share) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.processing = processing;
        this.events = events;
        this.batchSize = batchSize;
        this.store = store;
        this.threads = Math.max(1, threads);
        this.share = Math.max(1, share);
    }

    /**
     * Shuts the named processors down, resets them (their reset handlers clear their documents),
     * replays the event store up to its head into all of them in one pass, and starts them again
     * (also when the replay fails: they then go on from the positions it stored).
     *
     * @return the number of events read
     */
    public long rebuild(List<String> processors, Progress progress) {
        List<StreamingEventProcessor> chosen = processors.stream().map(this::processor).toList();
        chosen.forEach(StreamingEventProcessor::shutDown);
        // closed (the deferred indexes built) before the processors start, also after a failure
        try (ReadStore.Rebuild rebuilding = store.rebuild()) {
            chosen.forEach(StreamingEventProcessor::resetTokens);
            return catchUp(processors, events.createHeadToken(), progress);
        } finally {
            // after a failure too: they go on from the positions the replay stored
            chosen.forEach(StreamingEventProcessor::start);
        }
    }

    /**
     * Brings the named (shut down) processors from their stored tokens up to {@code head} in one pass,
     * leaving them shut down.
     *
     * @param head the last event to handle, or null for an empty store
     * @return the number of events read
     */
    public long catchUp(List<String> processors, TrackingToken head, Progress progress) {
        List<ReplayLane> lanes = new ArrayList<>();
        List<ReplayProcessor> claimed = new ArrayList<>();
        try {
            for (String name : processors) {
                if (processor(name).isRunning()) {
                    throw new IllegalStateException("processor " + name + " is running: shut it down first");
                }
                List<ReplayLane> its = ReplayLane.claim(processing.eventProcessor(name, AbstractEventProcessor.class)
                        .orElseThrow(), processing.tokenStore(name));
                lanes.addAll(its);
                claimed.add(new ReplayProcessor(name, its));
            }
            if (head == null || lanes.stream().allMatch(lane -> lane.covers(head))) {
                return 0;
            }
            return replay(claimed, head, progress);
        } finally {
            lanes.forEach(ReplayLane::release);
        }
    }

    private long replay(List<ReplayProcessor> processors, TrackingToken head, Progress progress) {
        long read = 0;
        int size = Math.min(batchSize, FIRST_BATCH);
        List<ReplayLane> lanes = processors.stream().flatMap(p -> p.lanes().stream()).toList();
        // the reader reads and deserializes the next batch on its own thread while the workers handle the
        // current batch, each processor in a unit of work of its own on one of their threads (ADR 17); the
        // workers end before the reader, which is closed last
        try (ReplayReader reader = new ReplayReader(events, start(lanes), head, size,
                type -> lanes.stream().anyMatch(lane -> lane.takes(type))).start();
             ReplayWorkers workers = new ReplayWorkers(processors, threads)) {
            boolean end = false;
            while (!end) {
                ReplayReader.Batch batch = reader.next();
                end = batch.last();
                List<TrackedEventMessage<?>> handled = batch.events();
                if (!handled.isEmpty() || end) {
                    // the last batch, even empty, makes every processor handle what it still holds
                    long started = System.nanoTime();
                    workers.handle(handled, Math.max(1, size / share), end);
                    size = nextSize(size, System.nanoTime() - started);
                    reader.nextSize(size);
                    read += handled.size();
                    if (!handled.isEmpty()) {
                        progress.batchDone(read, handled.get(handled.size() - 1).trackingToken().position()
                                .orElse(-1));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted after " + read + " events", e);
        }
        return read;
    }

    /**
     * Halves the batch when it took longer than {@link #BATCH_TIME}, doubles it (up to the batch size)
     * when it took less than half of that.
     */
    private int nextSize(int size, long nanos) {
        if (nanos > BATCH_TIME.toNanos()) {
            return Math.max(1, size / 2);
        }
        return nanos < BATCH_TIME.toNanos() / 2 ? (int) Math.min(batchSize, 2L * size) : size;
    }

    /** Where the stream starts: the lowest position any lane has reached (null: the first event). */
    private static TrackingToken start(List<ReplayLane> lanes) {
        TrackingToken lowest = null;
        for (int i = 0; i < lanes.size(); i++) {
            TrackingToken position = WrappedToken.unwrapLowerBound(lanes.get(i).position());
            if (position == null) {
                return null;
            }
            lowest = i == 0 ? position : lowest.lowerBound(position);
        }
        return lowest;
    }

    /** Whether a position includes another (a reset lane's {@code ReplayToken} includes nothing yet). */
    static boolean covers(TrackingToken position, TrackingToken other) {
        TrackingToken reached = WrappedToken.unwrapUpperBound(position);
        return reached != null && reached.covers(WrappedToken.unwrapUpperBound(other));
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow(
                () -> new IllegalArgumentException("no streaming processor " + name));
    }
}
