package kyodo.query.platform.segments;

import com.mongodb.client.model.Filters;
import kyodo.query.audit.AuditFixtures;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two query processes ("a" and "b") beating into one read store, as two kyodo processes share one MongoDB. */
class SegmentBalancerTest {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);
    private static final String VIEWS = "proposal-views";
    private static final String LOG = "decision-log";

    private final TestStores stores = new TestStores();
    private final ReadStore store = MongoReadStore.of(stores.freshDatabase());
    private final AuditFixtures.MutableClock clock = new AuditFixtures.MutableClock(Instant.parse("2026-12-05T04:00:00Z"));
    private final FakeProcessors aHolds = new FakeProcessors();
    private final FakeProcessors bHolds = new FakeProcessors();
    private final SegmentBalancer a = balancer("a", aHolds);
    private final SegmentBalancer b = balancer("b", bHolds);

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void beforeItsFirstCountAProcessIsNotCapped() {
        assertThat(a.getMaxSegments(VIEWS)).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void aProcessAloneMayHoldEverySegment() {
        aHolds.group(VIEWS, 4, 4).group(LOG, 1, 1);
        asked(a);

        a.join();

        assertThat(a.caps()).isEqualTo(Map.of(VIEWS, 4, LOG, 1));
    }

    @Test
    void aJoiningProcessTakesHalfTheSegmentsAndTheGlobalOrderGroupStays() {
        aHolds.group(VIEWS, 4, 4).group(LOG, 1, 1);
        bHolds.group(VIEWS, 4, 0).group(LOG, 1, 0);
        asked(a);
        asked(b);
        a.join();

        b.join();
        a.beat();

        assertThat(a.caps()).isEqualTo(Map.of(VIEWS, 2, LOG, 1));
        assertThat(b.caps()).isEqualTo(Map.of(VIEWS, 2, LOG, 0));
        assertThat(a.getMaxSegments(VIEWS)).isEqualTo(2);
    }

    @Test
    void aProcessThatStopsBeatingIsCountedGoneAfterThePeerTimeout() {
        aHolds.group(VIEWS, 4, 2).group(LOG, 1, 0);
        bHolds.group(VIEWS, 4, 2).group(LOG, 1, 1);
        asked(a);
        asked(b);
        a.join();
        b.join();
        a.beat();
        assertThat(a.caps()).isEqualTo(Map.of(VIEWS, 2, LOG, 0));

        clock.advance(PEER_TIMEOUT);
        a.beat();
        assertThat(a.caps()).as("b beat exactly one timeout ago: still counted").isEqualTo(Map.of(VIEWS, 2, LOG, 0));

        clock.advance(Duration.ofMillis(1));
        a.beat();
        assertThat(a.caps()).isEqualTo(Map.of(VIEWS, 4, LOG, 1));
    }

    @Test
    void aProcessThatLeavesIsCountedGoneAtOnce() {
        aHolds.group(VIEWS, 4, 2);
        bHolds.group(VIEWS, 4, 2);
        asked(a);
        asked(b);
        a.join();
        b.join();

        b.leave();
        a.beat();

        assertThat(a.caps()).isEqualTo(Map.of(VIEWS, 4));
        assertThat(store.collection(QueryProcesses.COLLECTION).find().map(d -> d.getString("_id"))).containsExactly("a");
    }

    @Test
    void aGroupWhoseSegmentsDoNotExistYetStaysUncapped() {
        aHolds.group(VIEWS, 0, 0);
        asked(a);

        a.join();

        assertThat(a.getMaxSegments(VIEWS)).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void theHeartbeatSaysWhatTheProcessHolds() {
        aHolds.group(VIEWS, 4, 3).group(LOG, 1, 1);
        asked(a);

        a.join();

        Document heartbeat = store.collection(QueryProcesses.COLLECTION).find(Filters.eq("_id", "a")).first();
        assertThat(heartbeat.getLong("beat")).isEqualTo(clock.millis());
        assertThat(heartbeat.getList("held", Document.class)).extracting(d -> d.getString("group") + "=" + d.get("segments"))
                .containsExactlyInAnyOrder(VIEWS + "=3", LOG + "=1");
    }

    @Test
    void joiningForgetsTheHeartbeatsOfProcessesLongGone() {
        aHolds.group(VIEWS, 4, 4);
        asked(a);
        b.join();
        clock.advance(Duration.ofHours(1).plusSeconds(1));

        a.join();

        assertThat(store.collection(QueryProcesses.COLLECTION).find().map(d -> d.getString("_id"))).containsExactly("a");
    }

    @Test
    void anUnreachableStoreKeepsTheCapsOfTheLastCount() {
        aHolds.group(VIEWS, 4, 2);
        bHolds.group(VIEWS, 4, 2);
        asked(a);
        asked(b);
        b.join();
        a.join();
        assertThat(a.caps()).isEqualTo(Map.of(VIEWS, 2));

        stores.close();
        clock.advance(PEER_TIMEOUT.multipliedBy(2));
        a.beat();

        assertThat(a.caps()).isEqualTo(Map.of(VIEWS, 2));
    }

    private SegmentBalancer balancer(String process, FakeProcessors processors) {
        return new SegmentBalancer(new QueryProcesses(store), process, PEER_TIMEOUT, clock, processors);
    }

    /** The groups' coordinators ask for their caps, as they do before every claim. */
    private void asked(SegmentBalancer balancer) {
        List.of(VIEWS, LOG).forEach(group -> {
            if ((balancer == a ? aHolds : bHolds).segments.containsKey(group)) {
                balancer.getMaxSegments(group);
            }
        });
    }

    private static final class FakeProcessors implements SegmentBalancer.Processors {

        private final Map<String, Integer> segments = new HashMap<>();
        private final Map<String, Integer> held = new HashMap<>();

        FakeProcessors group(String group, int segments, int held) {
            this.segments.put(group, segments);
            this.held.put(group, held);
            return this;
        }

        @Override
        public int held(String group) {
            return held.get(group);
        }

        @Override
        public int segments(String group) {
            return segments.get(group);
        }
    }
}
