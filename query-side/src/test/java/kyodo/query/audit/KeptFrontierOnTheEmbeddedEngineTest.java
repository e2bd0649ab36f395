package kyodo.query.audit;

import kyodo.query.platform.store.embedded.EmbeddedReadStore;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static kyodo.query.audit.AuditFixtures.history;
import static org.assertj.core.api.Assertions.assertThat;

/** The kept frontier on the embedded engine (the default store), across a close and an open of its file. */
class KeptFrontierOnTheEmbeddedEngineTest {

    @TempDir
    Path directory;

    @Test
    void aReopenedStoreContinuesTheTreeFromTheKeptFrontier() throws Exception {
        List<EventMessage<?>> history = history(8);
        byte[] root;
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            DecisionLog log = new DecisionLog(store);
            Checkpoints checkpoints = new Checkpoints(store, log, new AuditKeyRing(AuditFixtures.KEY, List.of()),
                    new AuditFixtures.MutableClock(AuditFixtures.START), AuditFixtures.settings(3));
            AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(
                    new DecisionLogProjection(log, checkpoints, new DecisionFeed(log, AuditFixtures.settings(3)),
                            AuditFixtures.settings(3)));
            for (EventMessage<?> message : history) {
                projection.handle(message);
            }
            root = MerkleTree.root(log.leafHashes(8));
        }
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            DecisionLog log = new DecisionLog(store);
            assertThat(log.keptFrontier(log.head())).hasValueSatisfying(frontier -> {
                assertThat(frontier.size()).isEqualTo(8);
                assertThat(frontier.root()).isEqualTo(root);
            });
        }
    }
}
