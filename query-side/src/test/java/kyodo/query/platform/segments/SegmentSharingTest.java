package kyodo.query.platform.segments;

import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.ReadStoreTokenStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balancer with Axon's own pooled processors, two "processes" ("a" and "b") in one JVM on one read store:
 * the cap is all it changes, and Axon's coordinator releases the surplus and claims up to it. Beats are driven
 * by the test; the waits are for the coordinators (a claim cycle of 100 ms here).
 */
class SegmentSharingTest {

    private static final String GROUP = "views";
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final TestStores stores = new TestStores();
    private final ReadStore store = MongoReadStore.of(stores.freshDatabase());
    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final List<ScheduledExecutorService> threads = new ArrayList<>();
    private final Process a = new Process("a");
    private final Process b = new Process("b");

    @AfterEach
    void close() {
        b.processor.shutDown();
        a.processor.shutDown();
        threads.forEach(ScheduledExecutorService::shutdownNow);
        events.shutDown();
        stores.close();
    }

    @Test
    void aJoiningProcessGetsHalfTheSegmentsAndTakesThemAllWhenTheOtherLeaves() {
        for (int i = 0; i < 20; i++) {
            events.publish(GenericEventMessage.asEventMessage("event " + i));
        }
        a.processor.start();
        awaitBeating(() -> a.held() == 4, a);

        b.processor.start();
        awaitBeating(() -> a.held() == 2 && b.held() == 2, a, b);

        b.balancer.leave();
        b.processor.shutDown();
        awaitBeating(() -> a.held() == 4, a);
    }

    /** Beats the processes, as their schedules would, until the coordinators reach the state. */
    private static void awaitBeating(BooleanSupplier done, Process... beating) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not settled within %s", BOUND).isLessThan(deadline);
            for (Process process : beating) {
                process.balancer.beat();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** One query process: its token store claims as {@code id}, its processor is capped by its balancer. */
    private final class Process {

        final PooledStreamingEventProcessor processor;
        final SegmentBalancer balancer;

        Process(String id) {
            TokenStore tokens = new ReadStoreTokenStore(store.collection(ReadStoreTokenStore.COLLECTION),
                    JacksonSerializer.defaultSerializer(), Duration.ofSeconds(10), id, Clock.systemUTC());
            ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
            ScheduledExecutorService workers = Executors.newScheduledThreadPool(4);
            threads.add(coordinator);
            threads.add(workers);
            PooledStreamingEventProcessor[] built = new PooledStreamingEventProcessor[1];
            balancer = new SegmentBalancer(new QueryProcesses(store), id, Duration.ofSeconds(10), Clock.systemUTC(),
                    new SegmentBalancer.Processors() {
                        @Override
                        public int held(String group) {
                            return built[0].processingStatus().size();
                        }

                        @Override
                        public int segments(String group) {
                            return tokens.fetchSegments(group).length;
                        }
                    });
            processor = PooledStreamingEventProcessor.builder()
                    .name(GROUP)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                            .eventHandlers((EventMessageHandler) event -> null).build())
                    .messageSource(events)
                    .tokenStore(tokens)
                    .transactionManager(NoTransactionManager.instance())
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .initialSegmentCount(4)
                    .tokenClaimInterval(100)
                    .maxSegmentProvider(balancer)
                    .build();
            built[0] = processor;
        }

        int held() {
            return processor.processingStatus().size();
        }
    }
}
