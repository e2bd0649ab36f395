package kyodo.query.platform;

import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a projection inherits from the base: Axon finds the reset handler through the subclass, the
 * reset clears the collection and what the projection owns beside it, and the version guard applies
 * each event of a document once.
 */
class DocumentProjectionTest {

    private final TestStores stores = new TestStores();
    private final ReadStore store = MongoReadStore.of(stores.freshDatabase());
    private final Counters counters = new Counters(store);
    private final AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(counters);

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void eachEventAppliesOnceAndTheCreationOnlyInserts() throws Exception {
        handle("c-1", 0, "created");
        handle("c-1", 1, "counted");
        handle("c-1", 1, "counted");
        handle("c-1", 0, "created");
        handle("c-1", 2, "counted");

        Document doc = counters.documents().find(new Document("_id", "c-1")).first();
        assertThat(doc.getLong("version")).isEqualTo(2L);
        assertThat(doc.getInteger("count")).isEqualTo(2);
        assertThat(doc.getList("seen", Document.class)).extracting(d -> d.getLong("seq")).containsExactly(1L, 2L);
    }

    @Test
    void axonResetsTheProjectionThroughTheBaseClearingWhatItOwns() throws Exception {
        handle("c-1", 0, "created");
        handle("c-2", 0, "created");

        assertThat(handler.supportsReset()).isTrue();
        handler.prepareReset();

        assertThat(counters.documents().count(new Document())).isZero();
        assertThat(counters.alsoCleared).isEqualTo(1);
    }

    private void handle(String id, long sequence, String what) throws Exception {
        handler.handle(new GenericDomainEventMessage<>("Counter", id, sequence, new Counted(id, what)));
    }

    record Counted(String id, String what) {
    }

    @ProcessingGroup("counters")
    static final class Counters extends DocumentProjection<WriteBatch> {

        private int alsoCleared;

        Counters(ReadStore store) {
            super(store, "counters", WriteBatch::new);
        }

        @EventHandler
        void on(Counted event, @SequenceNumber long sequence) {
            if (event.what().equals("created")) {
                write(batch -> batch.add(created(event.id(),
                        new Document("version", sequence).append("count", 0).append("seen", java.util.List.of()))));
            } else {
                update(event.id(), sequence, new DocumentChange().inc("count", 1).push("seen",
                        new Document("seq", sequence)).set("last", event.what()));
            }
        }

        @Override
        protected void clearAlso() {
            alsoCleared++;
        }
    }
}
