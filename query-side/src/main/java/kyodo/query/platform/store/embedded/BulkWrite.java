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

import java.util.ArrayList;
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
        if (!failures.isEmpty()) {
            throw new ReadStoreWriteException(collection.name(), failures, null);
        }
        return new WriteResult(matched, modified, upserted, inserted, deleted);
    }

    private void apply(Op op) {
        if (op instanceof Insert insert) {
            collection.insert(insert.doc().clone());
            inserted++;
        } else if (op instanceof Change change) {
            change(change);
        } else if (op instanceof Delete delete) {
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
        if (!change.upsert()) {
            return;
        }
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
        collection.insert(doc);
        upserted++;
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
