package kyodo.query.platform;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A single-pass replay of two processors on two threads: each processor's batch is a unit of work of its
 * own on one of them, at the same time as the other's; the positions are stored once both are written,
 * so a failure of one leaves every position at the last batch both completed, and no thread of the
 * replay behind.
 */
class SinglePassReplayThreadsTest {

    private static final List<String> EVENTS = List.of("a", "b", "c", "d", "e", "f", "g");

    private static final String LEFT = "left";
    private static final String RIGHT = "right";

    private final Seen left = new Seen(LEFT);
    private final Seen right = new Seen(RIGHT);
    // without the configurer modules found on the class path: the Axon Server connector's would dial localhost:8124
    private final Configuration axon = DefaultConfigurer.defaultConfiguration(false)
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
            .eventProcessing(processing -> {
                register(processing, LEFT, left);
                register(processing, RIGHT, right);
            })
            .buildConfiguration();

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void theProcessorsOfABatchAreHandledAtOnceOnTwoThreads() {
        startAndPublish();
        // each waits for the other inside its handler of "c": on one thread the first would wait in vain
        CyclicBarrier both = new CyclicBarrier(2);
        left.meetAt("c", both);
        right.meetAt("c", both);

        replay();

        assertThat(left.replayed).containsExactlyElementsOf(EVENTS);
        assertThat(right.replayed).containsExactlyElementsOf(EVENTS);
        assertThat(left.threadOf.get("c")).as("left's and right's c on two threads")
                .isNotEqualTo(right.threadOf.get("c"));
        assertThat(positions(LEFT)).containsOnly(6L);
        assertThat(positions(RIGHT)).containsOnly(6L);
        assertThat(replayThreads()).as("the replay's threads ended with it").isEmpty();
    }

    @Test
    void aFailureOnOneThreadStopsThePassWithEveryPositionAtTheLastBatchBothCompleted() {
        startAndPublish();
        // batches of 2: [a b] on both; in [c d] left fails on d while right handles the same batch (they
        // meet first), whose documents right then writes; nothing handles [e f]
        CyclicBarrier both = new CyclicBarrier(2);
        left.meetAt("d", both);
        left.failOn = "d";
        right.meetAt("c", both);

        assertThatThrownBy(this::replay).hasMessageContaining("left failed on d");

        assertThat(positions(LEFT)).as("left at b, the last batch both completed").containsOnly(1L);
        assertThat(left.replayed).containsExactly("a", "b", "c");
        assertThat(positions(RIGHT)).as("right at b too, though it handled [c d]: a position waits for both")
                .containsOnly(1L);
        assertThat(right.replayed).containsExactly("a", "b", "c", "d");
        assertThat(replayThreads()).as("the replay's threads ended with it").isEmpty();
    }

    private void startAndPublish() {
        axon.start();
        EVENTS.forEach(event -> axon.eventStore().publish(GenericEventMessage.asEventMessage(event)));
        awaitLive(left);
        awaitLive(right);
    }

    /** Shuts both processors down, resets them and replays them in batches of 2 on two threads. */
    private void replay() {
        replay(axon, List.of(LEFT, RIGHT), 2, SinglePassReplay.SHARE_OF_A_BATCH);
    }

    /**
     * Shuts the processors down, resets them and replays them in batches of 2 on {@code threads} threads, a
     * unit of work holding at least 2 / {@code share} of a processor's events.
     */
    static void replay(Configuration axon, List<String> groups, int threads, int share) {
        for (String group : groups) {
            StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                    .eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
        }
        new SinglePassReplay(axon.eventProcessingConfiguration(), axon.eventStore(), 2, new SinglePassReplayTest
                .RebuildingStore(new SinglePassReplayTest.Views()), threads, share)
                .catchUp(groups, axon.eventStore().createHeadToken(), (read, position) -> {
                });
    }

    /** A pooled processor of its own for the handler, with an in-memory token store; a handler's failure propagates. */
    static void register(EventProcessingConfigurer processing, String group, Object handler) {
        processing.registerPooledStreamingEventProcessor(group)
                .registerTokenStore(group, c -> new InMemoryTokenStore())
                .registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance())
                .assignHandlerInstancesMatching(group, candidate -> candidate == handler)
                .registerEventHandler(c -> handler);
    }

    private Set<Long> positions(String group) {
        return positions(axon, group);
    }

    /** Every segment's stored position (a reset one not yet past anything: -1). */
    static Set<Long> positions(Configuration axon, String group) {
        TokenStore tokens = axon.eventProcessingConfiguration().tokenStore(group);
        Set<Long> positions = new HashSet<>();
        for (int segment : tokens.fetchSegments(group)) {
            positions.add(tokens.fetchToken(group, segment).position().orElse(-1));
        }
        return positions;
    }

    private static List<Thread> replayThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(ReplayWorkers.THREAD)
                || thread.getName().equals("kyodo-replay-reader")).toList();
    }

    /** Until the live run has handled every event (polled with a bound for a loaded machine, not a speed check). */
    private static void awaitLive(Seen handler) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (handler.live.size() < EVENTS.size()) {
            assertThat(System.nanoTime()).as("live events handled").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** What a processor's handler saw, live and replayed; it may meet the other's at an event, or fail on one. */
    static final class Seen {

        private final String name;

        final List<String> live = new CopyOnWriteArrayList<>();
        final List<String> replayed = new CopyOnWriteArrayList<>();
        final Map<String, String> threadOf = new ConcurrentHashMap<>();
        private volatile String meetOn;
        private volatile CyclicBarrier meeting;
        volatile String failOn;

        Seen(String name) {
            this.name = name;
        }

        void meetAt(String event, CyclicBarrier barrier) {
            meeting = barrier;
            meetOn = event;
        }

        @EventHandler
        void on(String event, ReplayStatus status) throws Exception {
            if (!status.isReplay()) {
                live.add(event);
                return;
            }
            threadOf.put(event, Thread.currentThread().getName());
            if (event.equals(meetOn)) {
                meeting.await(60, TimeUnit.SECONDS);
            }
            if (event.equals(failOn)) {
                throw new IllegalStateException(name + " failed on " + event);
            }
            replayed.add(event);
        }
    }
}
