package kyodo.query.platform.store.embedded;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ReadCollection.WriteResult;
import kyodo.query.platform.store.ReadStoreWriteException;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.types.ObjectId;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One bulk write on a collection, as MongoDB applies it: each write on what the ones before left, an
 * ordered batch stopping at the first refusal, counts as its BulkWriteResult gives them. Every write
 * is compiled before any is applied, so an unsupported one changes nothing.
 */
final class BulkWrite {

    private static final DocumentCodec DOCUMENTS = new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());

    /** A compiled write. */
    sealed interface Op {
    }

    record Insert(BsonDocument doc) implements Op {
    }

    /** An update ({@code update} set) or a replacement ({@code replacement} set). */
    record Change(Filter filter, Update update, BsonDocument replacement, boolean upsert) implements Op {
    }

    record Delete(Filter filter, boolean many) implements Op {
    }

    private final EmbeddedCollection collection;
    private long matched;
    private long modified;
    private long upserted;
    private long inserted;
    private long deleted;

    BulkWrite(EmbeddedCollection collection) {
        this.collection = collection;
    }

    static Op compile(WriteModel<Document> write) {
        if (write instanceof InsertOneModel<Document> insert) {
            Document doc = insert.getDocument();
            if (!doc.containsKey("_id")) {
                doc.put("_id", new ObjectId()); // as the driver does, on the caller's document
            }
            return new Insert(bson(doc));
        }
        if (write instanceof UpdateOneModel<Document> update) {
            UpdateOptions options = update.getOptions();
            if (options.getArrayFilters() != null || options.getCollation() != null || options.getHint() != null
                    || options.getHintString() != null || update.getUpdatePipeline() != null) {
                throw new IllegalArgumentException("unsupported update options or pipeline: " + update);
            }
            return new Change(Filter.compile(update.getFilter()), Update.compile(update.getUpdate()), null,
                    options.isUpsert());
        }
        if (write instanceof ReplaceOneModel<Document> replace) {
            ReplaceOptions options = replace.getReplaceOptions();
            if (options.getCollation() != null || options.getHint() != null || options.getHintString() != null) {
                throw new IllegalArgumentException("unsupported replace options: " + options);
            }
            BsonDocument replacement = bson(replace.getReplacement());
            if (replacement.keySet().stream().anyMatch(k -> k.startsWith("$"))) {
                throw new IllegalArgumentException("a replacement may not hold operators: " + replacement.keySet());
            }
            return new Change(Filter.compile(replace.getFilter()), null, replacement, options.isUpsert());
        }
        if (write instanceof DeleteOneModel<Document> delete) {
            if (delete.getOptions().getCollation() != null) {
                throw new IllegalArgumentException("unsupported delete options: " + delete.getOptions());
            }
            return new Delete(Filter.compile(delete.getFilter()), false);
        }
        if (write instanceof DeleteManyModel<Document> delete) {
            if (delete.getOptions().getCollation() != null) {
                throw new IllegalArgumentException("unsupported delete options: " + delete.getOptions());
            }
            return new Delete(Filter.compile(delete.getFilter()), true);
        }
        throw new IllegalArgumentException("unsupported write: " + write.getClass().getSimpleName());
    }

    /** The document as the driver would send it: {@code _id} first, values through its codecs. */
    private static BsonDocument bson(Document doc) {
        BsonDocument out = new BsonDocument();
        DOCUMENTS.encode(new BsonDocumentWriter(out), doc, EncoderContext.builder().isEncodingCollectibleDocument(true).build());
        return out;
    }

    WriteResult apply(List<Op> ops, boolean ordered) {
        List<ReadStoreWriteException.Failure> failures = new ArrayList<>();
        held = collection.holdsBack() ? new LinkedHashMap<>() : null;
        try {
            for (int i = 0; i < ops.size(); i++) {
                try {
                    apply(ops.get(i));
                } catch (Refusal e) {
                    failures.add(new ReadStoreWriteException.Failure(i, e.duplicateKey, e.getMessage()));
                    if (ordered) {
                        break;
                    }
                }
            }
        } finally {
            // the writes before a refusal stay, as MongoDB's do
            release();
        }
        if (!failures.isEmpty()) {
            throw new ReadStoreWriteException(collection.name(), failures, null);
        }
        return new WriteResult(matched, modified, upserted, inserted, deleted);
    }

    private void apply(Op op) {
        if (op instanceof Insert insert) {
            BsonDocument doc = insert.doc().clone();
            if (held == null) {
                collection.insert(doc);
            } else {
                hold(doc);
            }
            inserted++;
        } else if (op instanceof Change change) {
            Held one = heldFor(change.filter());
            if (one == ABSENT) {
                if (change.upsert()) {
                    insertUpserted(change);
                }
            } else if (one != null) {
                changeHeld(change, one);
            } else {
                change(change);
            }
        } else if (op instanceof Delete delete) {
            Held one = heldFor(delete.filter());
            if (one == ABSENT) {
                return;
            }
            if (one != null) {
                if (delete.filter().matches(one.doc)) {
                    one.deleted = true;
                    deleted++;
                }
                return;
            }
            var hits = Planner.find(collection, readable(delete.filter()), Sort.NONE);
            while (hits.hasNext()) {
                collection.delete(hits.next());
                deleted++;
                if (!delete.many()) {
                    break;
                }
            }
        }
    }

    private void change(Change change) {
        var hits = Planner.find(collection, readable(change.filter()), Sort.NONE);
        if (hits.hasNext()) {
            Planner.Hit hit = hits.next();
            BsonDocument doc;
            if (change.replacement() != null) {
                doc = withId(change.replacement(), hit.doc().get("_id"));
            } else {
                doc = hit.doc().clone();
                change.update().apply(doc, false);
            }
            matched++;
            if (collection.rewrite(hit, doc)) {
                modified++;
            }
            return;
        }
        if (change.upsert()) {
            insertUpserted(change);
        }
    }

    /** What an upsert that matched nothing inserts, inserted. */
    private void insertUpserted(Change change) {
        BsonDocument doc = upsert(change);
        if (held == null) {
            collection.insert(doc);
        } else {
            hold(doc);
        }
        upserted++;
    }

    /** What an upsert that matched nothing inserts. */
    private static BsonDocument upsert(Change change) {
        BsonValue filterId = equality(change.filter(), "_id");
        BsonDocument doc;
        if (change.replacement() != null) {
            doc = change.replacement().clone();
        } else {
            doc = seed(change.filter());
            change.update().apply(doc, true);
        }
        if (!doc.containsKey("_id")) {
            doc = withId(doc, filterId != null ? filterId : new BsonObjectId(new ObjectId()));
        }
        return doc;
    }

    /*
     * Held documents. A projection's batch often changes one document many times (a proposal's views, a
     * cell of the analytics): applied one by one, each change decodes the document, encodes it again and
     * rewrites it in the file. A bulk write on a collection without a live unique index (whose order of
     * checks would change) instead keeps each document it touches decoded, by _id, changes it in memory,
     * and writes each one once, at its end. A write that finds its document by _id reads the held one;
     * any other filter first writes out what is held, so the planner reads what the writes before left.
     */

    /** A document this bulk write has read, inserted or deleted, to be written at its end. */
    private static final class Held {
        /** As stored before this write, or null for a document this write inserts. */
        final Planner.Hit stored;
        /** For an inserted document: its reserved internal number. */
        final long number;
        BsonDocument doc;
        boolean deleted;

        Held(Planner.Hit stored, long number, BsonDocument doc) {
            this.stored = stored;
            this.number = number;
            this.doc = doc;
        }
    }

    /** What {@link #heldFor} answers for an {@code _id} that is neither held nor stored. */
    private static final Held ABSENT = new Held(null, -1, null);

    /** By encoded {@code _id}, in the order first touched; null when this write holds nothing back. */
    private Map<ByteBuffer, Held> held;

    /**
     * The held document a filter by {@code _id} names (read from the collection the first time), or
     * {@link #ABSENT} when there is none, or null when the write goes to the collection directly:
     * nothing held back, a filter not by {@code _id} (what is held is written first), or a document this
     * write deleted.
     */
    private Held heldFor(Filter filter) {
        if (held == null) {
            return null;
        }
        BsonValue id = equality(filter, "_id");
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
        var hits = Planner.find(collection, readable(Filter.compile(new BsonDocument("_id", id))), Sort.NONE);
        if (!hits.hasNext()) {
            return ABSENT;
        }
        Planner.Hit hit = hits.next();
        one = new Held(hit, hit.number(), hit.doc().clone());
        held.put(key, one);
        return one;
    }

    /** An update or replacement of a held document. */
    private void changeHeld(Change change, Held one) {
        if (!change.filter().matches(one.doc)) {
            if (change.upsert()) {
                // by _id and another condition: MongoDB would insert the same _id again, and refuse it
                throw new Refusal(EmbeddedCollection.duplicate(collection.name(), "_id_", one.doc.get("_id")), true);
            }
            return;
        }
        BsonDocument doc;
        if (change.replacement() != null) {
            doc = withId(change.replacement(), one.doc.get("_id"));
        } else {
            doc = one.doc.clone();
            change.update().apply(doc, false);
        }
        matched++;
        if (!BsonOrder.sameInOrder(doc, one.doc)) {
            modified++;
        }
        one.doc = doc;
    }

    /** A new document, checked as the collection would check it, written at the end. */
    private void hold(BsonDocument doc) {
        BsonValue id = doc.get("_id");
        EmbeddedCollection.checkId(id);
        byte[] idKey = Keys.id(id);
        ByteBuffer key = ByteBuffer.wrap(idKey);
        Held one = held.get(key);
        if (one != null && one.deleted) {
            release();
            collection.insert(doc);
            return;
        }
        if (one != null || collection.ids.containsKey(idKey)) {
            throw new Refusal(EmbeddedCollection.duplicate(collection.name(), "_id_", id), true);
        }
        held.put(key, new Held(null, collection.reserve(), doc));
    }

    /** Writes what is held to the collection, each document once. */
    private void release() {
        if (held == null || held.isEmpty()) {
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

    /**
     * The filter, after the postings changes that the writes before it left on an index of its fields
     * are applied (the planner may read that index); the usual filter by {@code _id} and version needs none.
     */
    private Filter readable(Filter filter) {
        for (Index index : collection.indexes) {
            if (index.hasPending() && filter.clauses.stream().anyMatch(clause -> index.fields.contains(clause.path()))) {
                index.flush();
            }
        }
        return filter;
    }

    /** The replacement with that {@code _id} first; it may not name another. */
    private static BsonDocument withId(BsonDocument doc, BsonValue id) {
        BsonValue own = doc.get("_id");
        if (own != null && !BsonOrder.equal(own, id)) {
            throw new Refusal("the replacement's _id " + own + " differs from the document's " + id, false);
        }
        BsonDocument out = new BsonDocument("_id", id);
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            if (!e.getKey().equals("_id")) {
                out.put(e.getKey(), copy(e.getValue()));
            }
        }
        return out;
    }

    /** What an upsert starts from: the filter's equality conditions, {@code _id} first. */
    private static BsonDocument seed(Filter filter) {
        BsonDocument seed = new BsonDocument();
        BsonValue id = equality(filter, "_id");
        if (id != null) {
            seed.put("_id", copy(id));
        }
        for (Filter.Clause clause : filter.clauses) {
            if (clause.op() == Filter.Op.EQ && !clause.path().equals("_id")) {
                Update.set(seed, clause.parts(), copy(clause.value()));
            }
        }
        return seed;
    }

    /** A copy that the document being built may change freely. */
    private static BsonValue copy(BsonValue v) {
        if (v.isDocument()) {
            return v.asDocument().clone();
        }
        return v.isArray() ? v.asArray().clone() : v;
    }

    private static BsonValue equality(Filter filter, String path) {
        for (Filter.Clause clause : filter.clauses) {
            if (clause.op() == Filter.Op.EQ && clause.path().equals(path)) {
                return clause.value();
            }
        }
        return null;
    }
}
