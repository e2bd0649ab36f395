package kyodo.ops.resident.follow;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifier's position is written at most once per interval while batches follow each other, and
 * what was kept is written when the processor is idle or lets its claim go; a batch rolled back keeps
 * nothing, and a position stored outside a batch (a reset) is written at once.
 */
class DeferredPositionTest {

    private static final String NOTIFIER = "resident-notifier";

    private final List<Long> written = new ArrayList<>();
    private final List<Integer> extensions = new ArrayList<>();
    private final InMemoryTokenStore stored = new InMemoryTokenStore() {
        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            written.add(token.position().orElseThrow());
            super.storeToken(token, processorName, segment);
        }

        @Override
        public void extendClaim(String processorName, int segment) {
            extensions.add(segment);
            super.extendClaim(processorName, segment);
        }
    };
    private final MutableClock clock = new MutableClock();
    private final DeferredPosition positions = new DeferredPosition(stored, Duration.ofSeconds(1), clock);

    /** The processor claims its one segment, as when it starts. */
    @BeforeEach
    void claim() {
        positions.initializeTokenSegments(NOTIFIER, 1);
        positions.fetchToken(NOTIFIER, 0);
    }

    @Test
    void batchesWithinTheIntervalWriteTheirPositionOnceAndTheRestWhenIdle() {

        batch(1);
        clock.advance(Duration.ofMillis(300));
        batch(2);
        clock.advance(Duration.ofMillis(300));
        batch(3);
        assertThat(written).containsExactly(1L);
        assertThat(stored.fetchToken(NOTIFIER, 0)).isEqualTo(token(1));

        clock.advance(Duration.ofMillis(400));
        batch(4);
        assertThat(written).containsExactly(1L, 4L);

        batch(5);
        // idle: the processor extends its claim, which writes what was kept
        positions.extendClaim(NOTIFIER, 0);
        assertThat(written).containsExactly(1L, 4L, 5L);
        // a claim refreshed less than the interval ago is not extended again (a commit); later it is
        positions.extendClaim(NOTIFIER, 0);
        assertThat(written).containsExactly(1L, 4L, 5L);
        assertThat(extensions).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        positions.extendClaim(NOTIFIER, 0);
        assertThat(extensions).containsExactly(0);
        positions.extendClaim(NOTIFIER, 0);
        assertThat(extensions).containsExactly(0);
        assertThat(stored.fetchToken(NOTIFIER, 0)).isEqualTo(token(5));
    }

    @Test
    void aStopWritesWhatWasKept() {
        batch(1);
        batch(2);
        positions.releaseClaim(NOTIFIER, 0);

        assertThat(written).containsExactly(1L, 2L);
        assertThat(positions.fetchToken(NOTIFIER, 0)).isEqualTo(token(2));
        // after a new claim the first batch is written at once again
        batch(3);
        assertThat(written).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aBatchRolledBackKeepsNothing() {
        batch(1);
        BatchingUnitOfWork<EventMessage<?>> failing = unitOfWork(2);
        failing.onCommit(u -> {
            throw new IllegalStateException("the transaction's commit failed");
        });
        try {
            failing.executeWithResult(() -> null);
        } catch (IllegalStateException expected) {
            // the unit of work may rethrow the commit's failure after its rollback
        }
        assertThat(failing.isRolledBack()).isTrue();
        positions.releaseClaim(NOTIFIER, 0);

        assertThat(written).containsExactly(1L);
        assertThat(positions.fetchToken(NOTIFIER, 0)).isEqualTo(token(1));
    }

    /** Axon's reset stores the start position outside a batch: at once, and nothing kept before overwrites it. */
    @Test
    void aPositionStoredOutsideABatchIsWrittenAtOnceAndReplacesWhatWasKept() {
        batch(1);
        batch(2);
        positions.storeToken(token(0), NOTIFIER, 0);
        positions.extendClaim(NOTIFIER, 0);
        positions.releaseClaim(NOTIFIER, 0);

        assertThat(written).containsExactly(1L, 0L);
        assertThat(positions.fetchToken(NOTIFIER, 0)).isEqualTo(token(0));
    }

    private void batch(long position) {
        unitOfWork(position).executeWithResult(() -> null);
    }

    /** A batch as Axon's tracking processor runs it: its position stored at the prepare-commit. */
    private BatchingUnitOfWork<EventMessage<?>> unitOfWork(long position) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork =
                new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage("event " + position)));
        unitOfWork.onPrepareCommit(u -> positions.storeToken(token(position), NOTIFIER, 0));
        return unitOfWork;
    }

    private static TrackingToken token(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-12-06T05:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
