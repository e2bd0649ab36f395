package kyodo.query.platform;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.function.Function;

/**
 * A projection that keeps one document per aggregate, replay-safe by the aggregate's sequence
 * number: the creating event only inserts ({@link #created}), and every later update matches only a
 * document whose {@code version} is below the event's sequence number and sets it to that number
 * ({@link #updated}), so an event seen twice changes nothing and replaying twice gives the same
 * documents. Within a processor batch the writes go out as one ordered {@code bulkWrite}.
 *
 * @param <B> the per-batch context: a {@link WriteBatch}, plus what the projection caches per batch
 */
public abstract class DocumentProjection<B extends WriteBatch> extends BatchedProjection<B> {

    /** For writes that may create the document they change. */
    protected static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    protected DocumentProjection(ReadStore store, String collection, Function<ReadCollection, B> newBatch) {
        super(store, collection, newBatch);
    }

    /** Insert-only: a replayed creation finds the document there and cannot roll it back. */
    protected static WriteModel<Document> created(String id, Document doc) {
        return new UpdateOneModel<>(new Document("_id", id), new Document("$setOnInsert", doc), UPSERT);
    }

    /** Applies only to a document that has not seen this sequence number yet. */
    protected static WriteModel<Document> updated(String id, long sequence, DocumentChange change) {
        return new UpdateOneModel<>(notYetApplied(id, sequence), change.toUpdate(sequence));
    }

    /**
     * The document, if it has not seen this sequence number yet. A plain document rather than the
     * driver's builders: the same filter, which the embedded engine reads without the codec registry.
     */
    protected static Bson notYetApplied(String id, long sequence) {
        return new Document("_id", id).append("version", new Document("$lt", sequence));
    }

    /** Writes {@link #updated} with the batch. */
    protected final void update(String id, long sequence, DocumentChange change) {
        write(batch -> batch.add(updated(id, sequence, change)));
    }
}
