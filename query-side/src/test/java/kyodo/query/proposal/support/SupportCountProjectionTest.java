package kyodo.query.proposal.support;

import com.mongodb.client.MongoDatabase;
import kyodo.kernel.proposal.ProposalSupportWithdrawn;
import kyodo.kernel.proposal.ProposalSupported;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Supports are counted per proposal, never who: set from each event's count, the same however often replayed. */
class SupportCountProjectionTest {

    private static final Instant AT = Instant.parse("2025-06-10T05:00:00Z");
    private static TestStores stores;

    private MongoDatabase database;
    private SupportCountProjection projection;
    private AnnotationEventHandlerAdapter handler;
    private SupportCounts counts;

    @BeforeAll
    static void startStores() {
        stores = new TestStores();
    }

    @AfterAll
    static void stopStores() {
        stores.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = stores.freshDatabase();
        projection = new SupportCountProjection(MongoReadStore.of(database));
        handler = new AnnotationEventHandlerAdapter(projection);
        counts = new SupportCounts(MongoReadStore.of(database));
    }

    @Test
    void countsSupportsAndWithdrawalsPerProposalAndKeepsNoPseudonym() {
        apply(events());

        assertThat(counts.of("p-1")).isEqualTo(1);
        assertThat(counts.of("p-2")).isEqualTo(1);
        assertThat(counts.of("p-3")).as("never supported").isZero();
        assertThat(counts.of(List.of("p-1", "p-2", "p-3"))).isEqualTo(Map.of("p-1", 1, "p-2", 1));
        List<Document> stored = database.getCollection(SupportCountProjection.COLLECTION).find()
                .into(new ArrayList<>());
        assertThat(stored).extracting(Document::toJson).noneMatch(json -> json.contains("pseudonym"));
        assertThat(stored).allSatisfy(doc -> assertThat(doc.keySet()).containsOnly("_id", "version", "supports"));
    }

    @Test
    void replayingTwiceGivesTheSameDocuments() {
        apply(events());
        List<Document> once = database.getCollection(SupportCountProjection.COLLECTION).find().into(new ArrayList<>());
        apply(events());
        projection.reset();
        apply(events());
        apply(events());

        assertThat(database.getCollection(SupportCountProjection.COLLECTION).find().into(new ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(once);
        assertThat(counts.of("p-1")).isEqualTo(1);
    }

    private static List<GenericDomainEventMessage<?>> events() {
        return List.of(
                message("p-1", 1, new ProposalSupported("p-1", "pseudonym-a", 1, AT)),
                message("p-1", 2, new ProposalSupported("p-1", "pseudonym-b", 2, AT)),
                message("p-2", 1, new ProposalSupported("p-2", "pseudonym-a", 1, AT)),
                message("p-1", 3, new ProposalSupportWithdrawn("p-1", "pseudonym-a", 1, AT)));
    }

    private static GenericDomainEventMessage<?> message(String proposalId, long sequence, Object event) {
        return new GenericDomainEventMessage<>("Proposal", proposalId, sequence, event);
    }

    private void apply(List<GenericDomainEventMessage<?>> messages) {
        for (GenericDomainEventMessage<?> message : messages) {
            try {
                handler.handle(message);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
