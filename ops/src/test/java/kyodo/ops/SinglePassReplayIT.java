package kyodo.ops;

import kyodo.ops.cli.KyodoCli;
import kyodo.ops.cli.ProcessorProgress;
import kyodo.ops.cli.ProjectionsCli;
import kyodo.query.platform.SinglePassReplay;
import kyodo.query.platform.store.ReadStore;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.ClassUtils;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A single-pass replay that fails in the middle of a batch leaves every projection's position at
 * the end of the last batch it completed, never ahead of its documents: the processors, started
 * again from there, and a second replay both end with the documents of the live run.
 */
class SinglePassReplayIT {

    /** Events per batch here (at most), and the event (counted from the first) whose batch fails. */
    private static final int BATCH = 300;
    private static final int POISONED = 1_000;

    @TempDir
    Path dataDir;

    @Test
    void aReplayThatFailsMidBatchStoresNoPositionAheadOfItsDocumentsAndConverges() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int loaded = KyodoCli.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new String[]{"demo", "load", "--kyodo.data-dir=" + dataDir, "--logging.level.root=ERROR"});
        assertThat(loaded).as(err.toString(StandardCharsets.UTF_8)).isZero();
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            app.awaitReadModels();
            TreeMap<String, List<String>> live = ProjectionReplayIT.dump(app);
            Configuration axon = app.context().getBean(Configuration.class);
            EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
            List<String> projections = ProjectionsCli.projectionGroups(app.context());
            assertThat(projections).contains("proposal-views", "decision-log", "analytics-proposal-facts");

            List<Long> batchEnds = new ArrayList<>();
            long[] poisonedAt = {-1};
            SinglePassReplay failing = new SinglePassReplay(processing,
                    poisonedAt(axon.eventStore(), POISONED, poisonedAt), BATCH, app.context().getBean(ReadStore.class));
            List<StreamingEventProcessor> processors = projections.stream()
                    .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow()).toList();
            processors.forEach(StreamingEventProcessor::shutDown);
            // as a rebuild runs it: the emptied collections' indexes deferred, built when it ends, failed or not
            try (ReadStore.Rebuild rebuilding = app.context().getBean(ReadStore.class).rebuild()) {
                processors.forEach(StreamingEventProcessor::resetTokens);
                assertThatThrownBy(() -> failing.catchUp(projections, axon.eventStore().createHeadToken(),
                        (events, position) -> batchEnds.add(position))).hasMessageContaining("poisoned");
            }

            // the batches before the failing one completed; every position is the end of one of them, none
            // further: the last, or an earlier one for a processor that held events back for its next unit
            // of work, or where the reset put it for one that held every event it took
            assertThat(batchEnds).isNotEmpty().allMatch(end -> end < poisonedAt[0]);
            long atReset = axon.eventStore().createTailToken() == null ? -1
                    : axon.eventStore().createTailToken().position().orElse(-1);
            boolean atLastBatch = false;
            for (String name : projections) {
                TokenStore tokens = processing.tokenStore(name);
                for (int segment : tokens.fetchSegments(name)) {
                    TrackingToken position = tokens.fetchToken(name, segment);
                    tokens.releaseClaim(name, segment);
                    long reached = position.position().orElse(-1);
                    assertThat(reached).as(name).satisfiesAnyOf(
                            p -> assertThat(batchEnds).contains(p), p -> assertThat(p).isEqualTo(atReset));
                    atLastBatch |= reached == batchEnds.get(batchEnds.size() - 1);
                }
            }
            assertThat(atLastBatch).as("a processor that takes most events at the last completed batch").isTrue();

            processors.forEach(StreamingEventProcessor::start);
            app.awaitReadModels();
            assertThat(ProjectionReplayIT.dump(app)).as("the processors went on from the stored positions")
                    .isEqualTo(live);

            long read = ProcessorProgress.singlePassReplay(app.context()).rebuild(projections, (events, position) -> {
            });
            assertThat(read).as("every event, read once").isGreaterThan(POISONED);
            app.awaitReadModels();
            assertThat(ProjectionReplayIT.dump(app)).as("replayed again").isEqualTo(live);
        }
    }

    /**
     * The event store, except that handing the n-th event (from the first) to a processor fails;
     * its position goes to {@code position[0]}.
     */
    private static StreamableMessageSource<TrackedEventMessage<?>> poisonedAt(
            StreamableMessageSource<TrackedEventMessage<?>> events, int n, long[] position) {
        return token -> {
            BlockingStream<TrackedEventMessage<?>> stream = events.openStream(token);
            return new BlockingStream<>() {
                private int read;

                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return stream.peek();
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                    return stream.hasNextAvailable(timeout, unit);
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    if (++read != n) {
                        return event;
                    }
                    position[0] = event.trackingToken().position().orElseThrow();
                    return poisoned(event);
                }

                @Override
                public void close() {
                    stream.close();
                }
            };
        };
    }

    /** The event, failing when a processor's token is put on it, i.e. inside the batch's unit of work. */
    private static TrackedEventMessage<?> poisoned(TrackedEventMessage<?> event) {
        return (TrackedEventMessage<?>) Proxy.newProxyInstance(SinglePassReplayIT.class.getClassLoader(),
                ClassUtils.getAllInterfaces(event), (proxy, method, args) -> {
                    if (method.getName().equals("withTrackingToken")) {
                        throw new IllegalStateException("poisoned event " + event.getIdentifier());
                    }
                    try {
                        return method.invoke(event, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
