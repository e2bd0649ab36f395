package kyodo.query.platform;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A processor's units of work in a single-pass replay hold about a batch's worth of the events it takes,
 * across batches: one that takes few events handles them together, and no processor's stored position
 * passes an event it holds without having written it.
 */
class SinglePassReplayUnitsTest {

    /** In the store's order, positions 0 to 7; batches of 2: [a 1] [b c] [2 d] [e f]. */
    private static final List<Object> EVENTS = List.of("a", 1, "b", "c", 2, "d", "e", "f");

    private static final String WORDS = "words";
    private static final String NUMBERS = "numbers";

    private final Words words = new Words();
    private final Numbers numbers = new Numbers();
    // without the configurer modules found on the class path: the Axon Server connector's would dial localhost:8124
    private final Configuration axon = DefaultConfigurer.defaultConfiguration(false)
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
            .eventProcessing(processing -> {
                SinglePassReplayThreadsTest.register(processing, WORDS, words);
                SinglePassReplayThreadsTest.register(processing, NUMBERS, numbers);
            })
            .buildConfiguration();

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void aProcessorThatTakesFewEventsHandlesThoseOfSeveralBatchesInOneUnitOfWork() {
        startAndPublish();

        replay();

        assertThat(numbers.replayed).containsExactly(1, 2);
        assertThat(numbers.unitOf.get(1)).as("1 (first batch) and 2 (third) in one unit of work")
                .isSameAs(numbers.unitOf.get(2));
        assertThat(words.replayed).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(words.unitOf.get("a")).as("a held for the next batch").isSameAs(words.unitOf.get("c"));
        assertThat(words.unitOf.get("d")).as("d held for the next batch").isSameAs(words.unitOf.get("f"));
        assertThat(positions(WORDS)).containsOnly(7L);
        assertThat(positions(NUMBERS)).containsOnly(7L);
    }

    @Test
    void whatAProcessorHoldsIsNeverBehindItsStoredPositionAndAFailureDropsIt() {
        startAndPublish();
        // words holds d from the third batch (one event, fewer than 2) and fails on it in the fourth
        words.failOn = "d";

        assertThatThrownBy(this::replay).hasMessageContaining("failed on d");

        assertThat(words.replayed).containsExactly("a", "b", "c");
        assertThat(positions(WORDS)).as("words at c: past it, it held d unwritten after the third batch")
                .containsOnly(3L);
        assertThat(numbers.replayed).containsExactly(1, 2);
        assertThat(positions(NUMBERS)).as("numbers wrote 1 and 2 in the third batch, stored at its end")
                .containsOnly(5L);
    }

    private void startAndPublish() {
        axon.start();
        EVENTS.forEach(event -> axon.eventStore().publish(GenericEventMessage.asEventMessage(event)));
        awaitLive();
    }

    /** Shuts both processors down, resets them and replays them in batches of 2 on one thread, units of 2 events. */
    private void replay() {
        SinglePassReplayThreadsTest.replay(axon, List.of(WORDS, NUMBERS), 1, 1);
    }

    private Set<Long> positions(String group) {
        return SinglePassReplayThreadsTest.positions(axon, group);
    }

    /** Until the live run has handled every event (polled with a bound for a loaded machine, not a speed check). */
    private void awaitLive() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (words.live.size() < 6 || numbers.live.size() < 2) {
            assertThat(System.nanoTime()).as("live events handled").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** Takes the words only; may fail on one. */
    static final class Words {

        final List<String> live = new CopyOnWriteArrayList<>();
        final List<String> replayed = new CopyOnWriteArrayList<>();
        final Map<String, Object> unitOf = new ConcurrentHashMap<>();
        volatile String failOn;

        @EventHandler
        void on(String event, ReplayStatus status) {
            if (!status.isReplay()) {
                live.add(event);
                return;
            }
            unitOf.put(event, CurrentUnitOfWork.get());
            if (event.equals(failOn)) {
                throw new IllegalStateException("words failed on " + event);
            }
            replayed.add(event);
        }
    }

    /** Takes the numbers only. */
    static final class Numbers {

        final List<Integer> live = new CopyOnWriteArrayList<>();
        final List<Integer> replayed = new CopyOnWriteArrayList<>();
        final Map<Integer, Object> unitOf = new ConcurrentHashMap<>();

        @EventHandler
        void on(Integer event, ReplayStatus status) {
            if (!status.isReplay()) {
                live.add(event);
                return;
            }
            unitOf.put(event, CurrentUnitOfWork.get());
            replayed.add(event);
        }
    }
}
