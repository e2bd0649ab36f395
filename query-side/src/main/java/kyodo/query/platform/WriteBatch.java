package kyodo.query.platform;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ReadCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes waiting for one ordered {@code bulkWrite}; projections extend it with what they cache per
 * batch (read from {@link #collection()} the first time, then kept up to date).
 */
public class WriteBatch implements BatchedWrites.Batch {

    private final ReadCollection collection;
    private final List<WriteModel<Document>> writes = new ArrayList<>();

    public WriteBatch(ReadCollection collection) {
        this.collection = collection;
    }

    protected final ReadCollection collection() {
        return collection;
    }

    /** The named fields of the stored document, or null when there is none. */
    protected final Document stored(String id, String... fields) {
        return collection.find(Filters.eq("_id", id)).projection(Projections.include(fields)).first();
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
