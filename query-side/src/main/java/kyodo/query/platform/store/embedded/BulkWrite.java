package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.ReadCollection.WriteResult;
import kyodo.query.platform.store.ReadStoreWriteException;
import kyodo.query.platform.store.embedded.WriteOps.Change;
import kyodo.query.platform.store.embedded.WriteOps.Delete;
import kyodo.query.platform.store.embedded.WriteOps.Insert;
import kyodo.query.platform.store.embedded.WriteOps.Op;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One bulk write on a collection, as MongoDB applies it: each write on what the ones before left, an
 * ordered batch stopping at the first refusal, counts as its BulkWriteResult gives them. Every write
 * is compiled before any is applied ({@link WriteOps}), so an unsupported one changes nothing.
 */
final class BulkWrite {

    private final EmbeddedCollection collection;
    /** What this write holds back ({@link HeldDocuments}); null when it holds nothing back. */
    private HeldDocuments held;
    private long matched;
    private long modified;
    private long upserted;
    private long inserted;
    private long deleted;

    BulkWrite(EmbeddedCollection collection) {
        this.collection = collection;
    }

    WriteResult apply(List<Op> ops, boolean ordered) {
        List<ReadStoreWriteException.Failure> failures = new ArrayList<>();
        held = HeldDocuments.possible(collection) ? new HeldDocuments(collection) : null;
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
            if (held != null) {
                held.release();
            }
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
                held.hold(doc);
            }
            inserted++;
        } else if (op instanceof Change change) {
            HeldDocuments.Held one = heldFor(change.filter());
            if (one == HeldDocuments.ABSENT) {
                if (change.upsert()) {
                    insertUpserted(change);
                }
            } else if (one != null) {
                changeHeld(change, one);
            } else {
                change(change);
            }
        } else if (op instanceof Delete delete) {
            HeldDocuments.Held one = heldFor(delete.filter());
            if (one == HeldDocuments.ABSENT) {
                return;
            }
            if (one != null) {
                if (delete.filter().matches(one.doc)) {
                    one.deleted = true;
                    deleted++;
                }
                return;
            }
            var hits = Planner.find(collection, readable(collection, delete.filter()), Sort.NONE);
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
        var hits = Planner.find(collection, readable(collection, change.filter()), Sort.NONE);
        if (hits.hasNext()) {
            Hit hit = hits.next();
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
            held.hold(doc);
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

    /** The held document a filter by {@code _id} names ({@link HeldDocuments#heldFor}), or null. */
    private HeldDocuments.Held heldFor(Filter filter) {
        return held == null ? null : held.heldFor(filter);
    }

    /** An update or replacement of a held document. */
    private void changeHeld(Change change, HeldDocuments.Held one) {
        if (!change.filter().matches(one.doc)) {
            if (change.upsert()) {
                // by _id and another condition: MongoDB would insert the same _id again, and refuse it
                throw new Refusal(Refusal.duplicate(collection.name(), "_id_", one.doc.get("_id")), true);
            }
            return;
        }
        BsonDocument doc;
        if (change.replacement() != null) {
            doc = withId(change.replacement(), one.doc.get("_id"));
        } else {
            doc = copyFor(one.doc, change.update());
            change.update().apply(doc, false);
        }
        matched++;
        if (!BsonOrder.sameInOrder(doc, one.doc)) {
            modified++;
        }
        one.doc = doc;
    }


    /**
     * A copy of a held document that the update may change: the top-level fields it touches copied deep,
     * the others shared with the held document, which is replaced, never changed in place (a deep copy of
     * the whole document for each change was most of what changing a held document cost: a meeting's
     * search tokens, its opinions' history). A refused update leaves the held document as it was.
     */
    private static BsonDocument copyFor(BsonDocument doc, Update update) {
        BsonDocument copy = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            copy.put(e.getKey(), update.touches(e.getKey()) ? copy(e.getValue()) : e.getValue());
        }
        return copy;
    }

    /**
     * The filter, after the postings changes that the writes before it left on an index of its fields
     * are applied (the planner may read that index); the usual filter by {@code _id} and version needs none.
     */
    static Filter readable(EmbeddedCollection collection, Filter filter) {
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

    static BsonValue equality(Filter filter, String path) {
        for (Filter.Clause clause : filter.clauses) {
            if (clause.op() == Filter.Op.EQ && clause.path().equals(path)) {
                return clause.value();
            }
        }
        return null;
    }
}
