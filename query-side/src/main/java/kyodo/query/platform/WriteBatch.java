package kyodo.query.platform;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ReadCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes waiting for one ordered {@code bulkWrite}; projections extend it with what they cache per
 * batch ({@link Remembered}: read from {@link #collection()} the first time, then kept up to date).
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

    /** What this batch will remember of each document, read from these fields of the stored one. */
    protected final <T> Remembered<T> remembered(Function<Document, T> read, String... fields) {
        return new Remembered<>(read, fields);
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

    /**
     * What a batch remembers of each document its writes touch, by id: read from the stored document
     * the first time an id is asked for (null, and not remembered, when there is none or
     * {@code read} finds nothing), then kept up to date by the projection as it writes.
     */
    public final class Remembered<T> {

        private final Map<String, T> byId = new HashMap<>();
        private final Function<Document, T> read;
        private final String[] fields;

        private Remembered(Function<Document, T> read, String[] fields) {
            this.read = read;
            this.fields = fields;
        }

        public T get(String id) {
            return byId.computeIfAbsent(id, key -> {
                Document doc = stored(key, fields);
                return doc == null ? null : read.apply(doc);
            });
        }

        /** What the document holds once this batch's writes so far are applied. */
        public void put(String id, T value) {
            byId.put(id, value);
        }
    }
}
