package kyodo.query.platform;

import kyodo.query.platform.store.SideBySide;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The reading half of a {@link SinglePassReplay}, on a thread of its own: it streams the events from the
 * event store, deserializes the payloads the replayed processors take (and parses their timestamps),
 * and hands over batches one at a
 * time, reading the next batch while the replay's thread handles the current one (the machine's second
 * core). It writes nothing: the read store, the units of work and the positions stay on the replay's
 * thread, so a failure on either thread leaves the positions where the last committed batch put them.
 * <p>
 * At most one batch waits for the replay's thread, so the events held in memory are at most three
 * batches (the one handled, the one waiting, the one being read). {@link #close()} stops the reader and
 * waits for its thread; it is not interrupted (an interrupt in the middle of a file channel's read
 * would close the event store's file), it checks a flag between events and waits at most
 * {@link #END_WAIT_MS} for an event.
 */
final class ReplayReader implements AutoCloseable {

    /**
     * How long the reader waits for the next event before it ends the pass short of the head: the head is
     * an event of the store, so a pass normally ends on it; this only ends a stream that stalls.
     */
    static final int END_WAIT_MS = 10_000;
    /** How often a reader with a batch to hand over checks whether it was stopped. */
    private static final long HAND_OVER_POLL_MS = 100;

    /**
     * A batch of events in the order of the store; {@code last} when the pass ends with it; or what made
     * the reader fail (then no events).
     */
    record Batch(List<TrackedEventMessage<?>> events, boolean last, Throwable failure) {
    }

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final TrackingToken start;
    private final TrackingToken head;
    /** Whether a replayed processor takes a payload type: only those payloads are deserialized here. */
    private final Predicate<Class<?>> taken;
    private final BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile int size;
    private volatile boolean stopped;

    /**
     * @param start     where the stream starts (null: the first event)
     * @param head      the last event to read
     * @param firstSize events in the first batch ({@link #nextSize(int)} sets the later ones)
     * @param taken     whether a payload type is handled by a replayed processor; called on the reader's
     *                  thread only, so it must not touch what the replay's thread changes
     */
    ReplayReader(StreamableMessageSource<TrackedEventMessage<?>> source, TrackingToken start, TrackingToken head,
                 int firstSize, Predicate<Class<?>> taken) {
        this.source = source;
        this.start = start;
        this.head = head;
        this.size = firstSize;
        this.taken = taken;
        this.thread = new Thread(this::read, "kyodo-replay-reader");
        this.thread.setDaemon(true);
    }

    /** Starts reading. */
    ReplayReader start() {
        thread.start();
        return this;
    }

    /** Events in the batches read from now on. */
    void nextSize(int events) {
        size = events;
    }

    /**
     * The next batch, waiting for it.
     *
     * @throws RuntimeException what made the reader fail (an {@link IllegalStateException} around a checked one)
     */
    Batch next() throws InterruptedException {
        Batch batch = ready.take();
        SideBySide.rethrow(batch.failure());
        return batch;
    }

    /** Stops the reader, drops what it read ahead and waits until its thread has ended. */
    @Override
    public void close() {
        stopped = true;
        ready.clear();
        SideBySide.joinUninterruptibly(List.of(thread)); // it must end before the replay returns
        ready.clear();
    }

    private void read() {
        Map<Class<?>, Boolean> takenTypes = new HashMap<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(start)) {
            boolean end = false;
            while (!end && !stopped) {
                int events = size;
                List<TrackedEventMessage<?>> batch = new ArrayList<>(events);
                while (batch.size() < events && !end && !stopped) {
                    if (!stream.hasNextAvailable(END_WAIT_MS, TimeUnit.MILLISECONDS)) {
                        end = true;
                    } else {
                        TrackedEventMessage<?> event = stream.nextAvailable();
                        if (takenTypes.computeIfAbsent(event.getPayloadType(), taken::test)) {
                            // deserialized and parsed here, on this core; the message keeps both
                            event.getPayload();
                            event.getTimestamp();
                        }
                        batch.add(event);
                        end = SinglePassReplay.covers(event.trackingToken(), head);
                    }
                }
                if (!batch.isEmpty() || end) {
                    handOver(new Batch(batch, end, null));
                }
            }
        } catch (InterruptedException e) {
            handOver(new Batch(List.of(), true, new IllegalStateException("replay reader interrupted", e)));
        } catch (Throwable failure) {
            handOver(new Batch(List.of(), true, failure));
        }
    }

    /** Waits until the replay's thread can take the batch, or the reader is stopped. */
    private void handOver(Batch batch) {
        try {
            while (!stopped) {
                if (ready.offer(batch, HAND_OVER_POLL_MS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts this thread but the JVM's end; let it end
        }
    }
}
