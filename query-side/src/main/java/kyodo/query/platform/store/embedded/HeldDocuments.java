package kyodo.query.platform.store.embedded;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documents one {@link BulkWrite} holds back. A projection's batch often changes one document many
 * times (a proposal's views, a cell of the analytics): applied one by one, each change decodes the
 * document, encodes it again and rewrites it in the file. A bulk write on a collection without a live
 * unique index (whose order of checks would change) instead keeps each document it touches decoded, by
 * _id, changes it in memory, and writes each one once, at its end. A write that finds its document by _id
 * reads the held one; any other filter first writes out what is held, so the planner reads what the
 * writes before left.
 */
final class HeldDocuments {

    /** A document this bulk write has read, inserted or deleted, to be written at its end. */
    static final class Held {
        /** As stored before this write, or null for a document this write inserts. */
        final Hit stored;
        /** For an inserted document: its reserved internal number. */
        final long number;
        BsonDocument doc;
        boolean deleted;

        Held(Hit stored, long number, BsonDocument doc) {
            this.stored = stored;
            this.number = number;
            this.doc = doc;
        }
    }

    /** What {@link #heldFor} answers for an {@code _id} that is neither held nor stored. */
    static final Held ABSENT = new Held(null, -1, null);

    private final EmbeddedCollection collection;
    /** By encoded {@code _id}, in the order first touched. */
    private final Map<ByteBuffer, Held> held = new LinkedHashMap<>();

    HeldDocuments(EmbeddedCollection collection) {
        this.collection = collection;
    }

    /** Whether a write may hold its documents back until its end: no unique index to check in its order. */
    static boolean possible(EmbeddedCollection collection) {
        for (Index index : collection.indexes) {
            if (index.unique && !index.deferred) {
                return false;
            }
        }
        return true;
    }

    /**
     * The held document a filter by {@code _id} names (read from the collection the first time), or
     * {@link #ABSENT} when there is none, or null when the write goes to the collection directly: a
     * filter not by {@code _id} (what is held is written first), or a document this write deleted.
     */
    Held heldFor(Filter filter) {
        BsonValue id = BulkWrite.equality(filter, "_id");
        if (id == null || id.isArray() || id.isRegularExpression() || id.isDocument()) {
            release();
            return null;
        }
        ByteBuffer key = ByteBuffer.wrap(Keys.id(id));
        Held one = held.get(key);
        if (one != null) {
            if (one.deleted) {
                // a later write may insert it again: in the collection's own order
                release();
                return null;
            }
            return one;
        }
        var hits = Planner.find(collection, BulkWrite.readable(collection, Filter.compile(new BsonDocument("_id", id))), Sort.NONE);
        if (!hits.hasNext()) {
            return ABSENT;
        }
        Hit hit = hits.next();
        // decoded once from the bytes: the planner's lazy document would decode, then copy
        one = new Held(hit, hit.number(), BsonCoding.decode(hit.bytes(), new BsonDocument()));
        held.put(key, one);
        return one;
    }

    /** A new document, checked as the collection would check it, written at the end. */
    void hold(BsonDocument doc) {
        BsonValue id = doc.get("_id");
        Refusal.checkId(id);
        byte[] idKey = Keys.id(id);
        ByteBuffer key = ByteBuffer.wrap(idKey);
        Held one = held.get(key);
        if (one != null && one.deleted) {
            release();
            collection.insert(doc);
            return;
        }
        if (one != null || collection.ids.containsKey(idKey)) {
            throw new Refusal(Refusal.duplicate(collection.name(), "_id_", id), true);
        }
        held.put(key, new Held(null, collection.reserve(), doc));
    }

    /** Writes what is held to the collection, each document once. */
    void release() {
        if (held.isEmpty()) {
            return;
        }
        for (Held one : held.values()) {
            if (one.stored == null) {
                if (!one.deleted) {
                    collection.insert(one.doc, one.number);
                }
            } else if (one.deleted) {
                collection.delete(one.stored);
            } else {
                collection.rewrite(one.stored, one.doc);
            }
        }
        held.clear();
    }
}
