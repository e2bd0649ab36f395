package kyodo.query.platform;

import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A single-pass replay gives handlers what their processor would: every event in order, marked as a
 * replay up to the position at the reset (so {@code @DisallowReplay} handlers sit it out), in batches,
 * for every segment of the processor (Axon's default 16 here), and the processor goes on from the
 * stored positions with what arrives next.
 */
class SinglePassReplayTest {

    private final Views views = new Views();
    private final RebuildingStore store = new RebuildingStore(views);
    private final Mailer mailer = new Mailer();
    private Configuration axon = configuration(0);

    /** @param segments the processor's segments at its first start; 0: Axon's default (16) */
    private Configuration configuration(int segments) {
        // without the configurer modules found on the class path: the Axon Server connector's would dial localhost:8124
        return DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> {
                    if (segments == 0) {
                        processing.registerPooledStreamingEventProcessor(Views.GROUP);
                    } else {
                        processing.registerPooledStreamingEventProcessor(Views.GROUP, Configuration::eventStore,
                                (c, builder) -> builder.initialSegmentCount(segments));
                    }
                    processing.registerTokenStore(Views.GROUP, c -> new InMemoryTokenStore())
                            // as the query side's projections: a handler's failure fails the batch (not logged and skipped)
                            .registerListenerInvocationErrorHandler(Views.GROUP, c -> PropagatingErrorHandler.instance())
                            .registerEventHandler(c -> views)
                            .registerEventHandler(c -> mailer);
                })
                .buildConfiguration();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void handlersSeeEveryEventOnceAsAReplayAndTheProcessorGoesOnAfterIt() {
        replaysEveryEventOnceAndGoesOn();
    }

    /** The same with the processor in one segment, as kyodo's are: every event is the one lane's. */
    @Test
    void inOneSegmentTooHandlersSeeEveryEventOnceAsAReplayAndTheProcessorGoesOnAfterIt() {
        axon = configuration(1);
        replaysEveryEventOnceAndGoesOn();
        assertThat(axon.eventProcessingConfiguration().tokenStore(Views.GROUP).fetchSegments(Views.GROUP))
                .as("one segment").containsExactly(0);
    }

    private void replaysEveryEventOnceAndGoesOn() {
        axon.start();
        List.of("a", "b", "c", "d", "e").forEach(this::publish);
        // the live run handles them in Axon's default 16 segments, in parallel: wait for all of them
        List.of("a", "b", "c", "d", "e").forEach(this::awaitSeen);
        views.seen.clear();
        store.log.clear();
        List<String> batches = new ArrayList<>();

        long read = new SinglePassReplay(axon.eventProcessingConfiguration(), axon.eventStore(), 2, store)
                .rebuild(List.of(Views.GROUP), (events, position) -> batches.add(events + "@" + position));

        assertThat(read).isEqualTo(5);
        assertThat(batches).containsExactly("2@1", "4@3", "5@4");
        assertThat(views.resets).hasValue(1);
        assertThat(views.seen).containsExactly("a REPLAY", "b REPLAY", "c REPLAY", "d REPLAY", "e REPLAY");
        assertThat(mailer.sent).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        // the read store's rebuild spans the reset and the whole pass, and is closed before the processor starts
        assertThat(store.log).containsExactly("open", "reset", "a REPLAY", "b REPLAY", "c REPLAY", "d REPLAY",
                "e REPLAY", "closed");

        publish("f");
        awaitSeen("f");
        assertThat(views.seen).endsWith("f REGULAR");
        assertThat(mailer.sent).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");
    }

    @Test
    void aRunningProcessorIsNotReplayedUnderItsOwnFeet() {
        axon.start();
        publish("a");

        assertThatThrownBy(() -> new SinglePassReplay(axon.eventProcessingConfiguration(), axon.eventStore(), 10, store)
                .catchUp(List.of(Views.GROUP), axon.eventStore().createHeadToken(), (events, position) -> {
                }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shut it down first");
    }

    @Test
    void aHandlerThatFailsStopsThePassWithEveryPositionAtTheLastCommittedBatchAndTheReaderEnded() {
        axon.start();
        List.of("a", "b", "c", "d", "e", "f", "g").forEach(this::publish);
        List.of("a", "b", "c", "d", "e", "f", "g").forEach(this::awaitSeen);
        views.failOn = "d";

        // batches of 2: [a b] commits, [c d] fails while the reader has read ahead (and waits to hand over)
        assertThatThrownBy(() -> replayFailing(axon.eventStore()))
                .hasMessageContaining("handler failed on d");

        assertThat(positions()).as("every segment at b, the last committed batch").containsOnly(1L);
        assertThat(readerThreads()).as("the reader ended with the pass").isEmpty();
    }

    @Test
    void aReaderThatFailsStopsThePassAfterTheBatchesItHandedOverAndEnds() {
        axon.start();
        List.of("a", "b", "c").forEach(this::publish);
        // the fourth event's payload cannot be read on the reader's thread, in the middle of the second batch
        axon.eventStore().publish(new GenericEventMessage<>("d", MetaData.emptyInstance()) {
            @Override
            public String getPayload() {
                if (Thread.currentThread().getName().equals("kyodo-replay-reader")) {
                    throw new IllegalStateException("payload of d unreadable");
                }
                return super.getPayload();
            }
        });
        List.of("e", "f", "g").forEach(this::publish);
        List.of("a", "b", "c", "d", "e", "f", "g").forEach(this::awaitSeen);

        assertThatThrownBy(() -> replayFailing(axon.eventStore())).hasMessageContaining("payload of d unreadable");

        assertThat(positions()).as("every segment at b, the end of the batch handed over before").containsOnly(1L);
        assertThat(views.seen).as("the batch before the failure was handled, none after it")
                .endsWith("a REPLAY", "b REPLAY");
        assertThat(readerThreads()).as("the reader ended with the pass").isEmpty();
    }

    /** Shuts the processor down, resets it and replays it in batches of 2 (the processor stays shut down). */
    private void replayFailing(StreamableMessageSource<TrackedEventMessage<?>> events) {
        StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(Views.GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        views.seen.clear();
        new SinglePassReplay(axon.eventProcessingConfiguration(), events, 2, store)
                .catchUp(List.of(Views.GROUP), axon.eventStore().createHeadToken(), (read, position) -> {
                });
    }

    /** Every segment's stored position (a reset one not yet past anything: -1). */
    private Set<Long> positions() {
        TokenStore tokens = axon.eventProcessingConfiguration().tokenStore(Views.GROUP);
        Set<Long> positions = new HashSet<>();
        for (int segment : tokens.fetchSegments(Views.GROUP)) {
            positions.add(tokens.fetchToken(Views.GROUP, segment).position().orElse(-1));
        }
        return positions;
    }

    private static List<Thread> readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("kyodo-replay-reader")).toList();
    }

    private void publish(String payload) {
        axon.eventStore().publish(GenericEventMessage.asEventMessage(payload));
    }

    /** Until a live event has reached both handlers (the mailer runs after the views, on the same thread). */
    private void awaitSeen(String payload) {
        // a bound for a loaded machine, not a speed check; polled, not spun: a spin takes a core from
        // the processor it waits for on a 2-core machine
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (views.seen.stream().noneMatch(s -> s.startsWith(payload + " ")) || !mailer.sent.contains(payload)) {
            assertThat(System.nanoTime()).as("handled " + payload).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(Views.GROUP, StreamingEventProcessor.class).orElseThrow();
        assertThat(processor.isRunning()).isTrue();
    }

    /** Records when the replay opens and closes its rebuild, among what the views see. */
    static final class RebuildingStore implements ReadStore {

        final List<String> log = new CopyOnWriteArrayList<>();

        RebuildingStore(Views views) {
            views.log = log;
        }

        @Override
        public Rebuild rebuild() {
            log.add("open");
            return () -> log.add("closed");
        }

        @Override
        public ReadCollection collection(String name) {
            throw new UnsupportedOperationException("the views keep what they see in memory");
        }

        @Override
        public List<String> collectionNames() {
            return List.of();
        }

        @Override
        public void makeDurable() {
        }

        @Override
        public String describe() {
            return "rebuild recorder";
        }

        @Override
        public void close() {
        }
    }

    @ProcessingGroup(Views.GROUP)
    static final class Views {

        static final String GROUP = "views";

        final List<String> seen = new CopyOnWriteArrayList<>();
        final AtomicInteger resets = new AtomicInteger();
        volatile List<String> log = new CopyOnWriteArrayList<>();
        /** An event the handler fails on while replaying, or null. */
        volatile String failOn;

        @EventHandler
        void on(String event, ReplayStatus status) {
            if (event.equals(failOn) && status.isReplay()) {
                throw new IllegalStateException("handler failed on " + event);
            }
            seen.add(event + " " + status);
            log.add(event + " " + status);
        }

        @ResetHandler
        void reset() {
            resets.incrementAndGet();
            log.add("reset");
        }
    }

    /** A handler of the same group that must not run twice for an event (it would send mail, say). */
    @ProcessingGroup(Views.GROUP)
    static final class Mailer {

        final List<String> sent = new CopyOnWriteArrayList<>();

        @EventHandler
        @DisallowReplay
        void on(String event) {
            sent.add(event);
        }
    }
}
