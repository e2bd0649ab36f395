package kyodo.query.platform;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes waiting for one ordered {@code bulkWrite}; projections extend it with what they cache per
 * batch (read from {@link #collection()} the first time, then kept up to date).
 */
public class WriteBatch implements BatchedWrites.Batch {

    private final MongoCollection<Document> collection;
    private final List<WriteModel<Document>> writes = new ArrayList<>();

    public WriteBatch(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    protected final MongoCollection<Document> collection() {
        return collection;
    }

    public final void add(WriteModel<Document> write) {
        writes.add(write);
    }

    @Override
    public final void flush() {
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes);
            writes.clear();
        }
    }
}
