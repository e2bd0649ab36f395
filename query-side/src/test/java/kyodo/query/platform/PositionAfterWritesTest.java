package kyodo.query.platform;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The position of a batch is stored only after the documents it covers are written and made
 * durable, in the order Axon's pooled processor uses: the position's prepare-commit step is
 * registered before the batch is handled.
 */
class PositionAfterWritesTest {

    private final TestStores stores = new TestStores();
    private final ReadCollection documents = MongoReadStore.of(stores.freshDatabase()).collection("docs");
    private final BatchedWrites<WriteBatch> writes =
            new BatchedWrites<>(PositionAfterWritesTest.class, documents, WriteBatch::new);
    private final List<String> steps = new ArrayList<>();
    private final InMemoryTokenStore positions = new InMemoryTokenStore() {
        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            steps.add("position after " + documents.count(new Document()) + " documents");
            super.storeToken(token, processorName, segment);
        }
    };
    private final PositionAfterWrites store = new PositionAfterWrites(positions,
            () -> steps.add("durable with " + documents.count(new Document()) + " documents"));

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void documentsOfTheWholeBatchAreWrittenAndMadeDurableBeforeItsPosition() {
        store.initializeTokenSegments("views", 1);
        List<EventMessage<?>> batch = List.of(event("a"), event("b"), event("skipped"));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.onPrepareCommit(u -> store.storeToken(new GlobalSequenceTrackingToken(3), "views", 0));
        unitOfWork.executeWithResult(() -> {
            String id = (String) unitOfWork.getMessage().getPayload();
            // the batch's last event writes nothing: the batch is written all the same, before the position
            if (!id.equals("skipped")) {
                writes.write(pending -> pending.add(new ReplaceOneModel<>(Filters.eq("_id", id),
                        new Document("_id", id), new ReplaceOptions().upsert(true))));
            }
            return null;
        });

        assertThat(steps).containsExactly("durable with 2 documents", "position after 2 documents");
        assertThat(positions.fetchToken("views", 0)).isEqualTo(new GlobalSequenceTrackingToken(3));
    }

    /** The one-pass replay stores the positions of every projection in the batch's one unit of work. */
    @Test
    void positionsStoredInOneUnitOfWorkFollowOneCommitOfAllItsDocuments() {
        store.initializeTokenSegments("views", 1);
        store.initializeTokenSegments("facts", 1);
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(event("a"), event("b")));
        unitOfWork.onPrepareCommit(u -> {
            store.storeToken(new GlobalSequenceTrackingToken(2), "views", 0);
            store.storeToken(new GlobalSequenceTrackingToken(2), "facts", 0);
        });
        unitOfWork.executeWithResult(() -> {
            String id = (String) unitOfWork.getMessage().getPayload();
            writes.write(pending -> pending.add(new ReplaceOneModel<>(Filters.eq("_id", id),
                    new Document("_id", id), new ReplaceOptions().upsert(true))));
            return null;
        });

        assertThat(steps).containsExactly("durable with 2 documents", "position after 2 documents",
                "position after 2 documents");
        assertThat(positions.fetchToken("facts", 0)).isEqualTo(new GlobalSequenceTrackingToken(2));

        // the next batch, a unit of work of its own, commits again before its position
        BatchingUnitOfWork<EventMessage<?>> next = new BatchingUnitOfWork<>(List.of(event("c")));
        next.onPrepareCommit(u -> store.storeToken(new GlobalSequenceTrackingToken(3), "views", 0));
        next.executeWithResult(() -> {
            writes.write(pending -> pending.add(new ReplaceOneModel<>(Filters.eq("_id", "c"),
                    new Document("_id", "c"), new ReplaceOptions().upsert(true))));
            return null;
        });
        assertThat(steps).endsWith("durable with 3 documents", "position after 3 documents");
    }

    /**
     * A store that commits positions with their documents (the embedded engine) gets its documents written
     * before each position and no commit of its own per batch; any other gets the commit.
     */
    @Test
    void aStoreThatCommitsPositionsWithDocumentsIsNotCommittedPerBatch() {
        for (boolean together : List.of(true, false)) {
            steps.clear();
            PositionAfterWrites wrapped = PositionAfterWrites.inReadStore(store(together), positions);
            String processor = "views-" + together;
            wrapped.initializeTokenSegments(processor, 1);
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(event("a" + together)));
            unitOfWork.onPrepareCommit(u -> wrapped.storeToken(new GlobalSequenceTrackingToken(1), processor, 0));
            unitOfWork.executeWithResult(() -> {
                String id = (String) unitOfWork.getMessage().getPayload();
                writes.write(pending -> pending.add(new ReplaceOneModel<>(Filters.eq("_id", id),
                        new Document("_id", id), new ReplaceOptions().upsert(true))));
                return null;
            });
            wrapped.storeToken(new GlobalSequenceTrackingToken(1), processor, 0); // outside a unit of work
            // the second iteration's store holds the first one's document too
            if (together) {
                assertThat(steps).containsExactly("position after 1 documents", "position after 1 documents");
            } else {
                assertThat(steps).containsExactly("durable with 2 documents", "position after 2 documents",
                        "durable with 2 documents", "position after 2 documents");
            }
        }
    }

    /** A read store over the test's documents whose commit is a step of {@link #steps}. */
    private ReadStore store(boolean positionsCommitWithDocuments) {
        return new ReadStore() {
            @Override
            public ReadCollection collection(String name) {
                return documents;
            }

            @Override
            public List<String> collectionNames() {
                return List.of(documents.name());
            }

            @Override
            public void makeDurable() {
                steps.add("durable with " + documents.count(new Document()) + " documents");
            }

            @Override
            public boolean positionsCommitWithDocuments() {
                return positionsCommitWithDocuments;
            }

            @Override
            public String describe() {
                return "a test's store";
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aBatchThatFailsWritesNothingAndStoresNoPosition() {
        store.initializeTokenSegments("views", 1);
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(event("a"), event("b")));
        unitOfWork.onPrepareCommit(u -> store.storeToken(new GlobalSequenceTrackingToken(2), "views", 0));
        try {
            unitOfWork.executeWithResult(() -> {
                String id = (String) unitOfWork.getMessage().getPayload();
                writes.write(pending -> pending.add(new ReplaceOneModel<>(Filters.eq("_id", id),
                        new Document("_id", id), new ReplaceOptions().upsert(true))));
                if (id.equals("b")) {
                    throw new IllegalStateException("handler failed");
                }
                return null;
            });
        } catch (Exception expected) {
            // the processor retries the batch from the stored position
        }

        assertThat(documents.count(new Document())).isZero();
        assertThat(steps).isEmpty();
        assertThat(positions.fetchToken("views", 0)).isNull();
    }

    @Test
    void outsideAProcessorTheWritesStillHappenAtPrepareCommit() {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(event("a")));
        unitOfWork.executeWithResult(() -> {
            writes.write(pending -> pending.add(new ReplaceOneModel<>(Filters.eq("_id", "a"),
                    new Document("_id", "a"), new ReplaceOptions().upsert(true))));
            return null;
        });

        assertThat(documents.count(new Document())).isEqualTo(1);
    }

    private static EventMessage<?> event(String payload) {
        return GenericEventMessage.asEventMessage(payload);
    }
}
