package kyodo.query.platform.store;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.List;

/**
 * A collection of documents keyed by {@code _id}, with the part of MongoDB's language that kyodo's
 * read models use, and nothing more, so that both engines can give the same answers (ADR 17):
 * <ul>
 *   <li><b>filters</b> ({@code com.mongodb.client.model.Filters}): {@code eq ne gt gte lt lte in nin
 *       all exists size}, joined by {@code and} (also implicitly, several fields in one document), on
 *       fields or dotted paths; on an array, {@code eq}/{@code in}/{@code ne}/{@code nin} look at its
 *       elements (a document with {@code themes: [a, b]} matches {@code eq("themes", "a")}), as in
 *       MongoDB; values compare as MongoDB orders them (numbers by value across types, then text,
 *       documents, arrays, booleans, dates);</li>
 *   <li><b>sorts</b> ({@code Sorts}): ascending/descending on one or more fields;</li>
 *   <li><b>projections</b> ({@code Projections}): include or exclude of top-level fields;</li>
 *   <li><b>writes</b>: {@code InsertOneModel UpdateOneModel ReplaceOneModel DeleteOneModel
 *       DeleteManyModel}, upserts; update operators {@code $set $setOnInsert $unset $inc $push
 *       $addToSet} (the last two also with {@code $each}) on fields or dotted paths;</li>
 *   <li><b>indexes</b> ({@code Indexes.ascending(...)}, possibly compound, possibly unique): a unique
 *       index refuses a second document with the same key; every index may make reads faster, never
 *       changes what they return.</li>
 * </ul>
 * Anything outside that subset is refused with an {@link IllegalArgumentException} by the embedded
 * engine, so a query that would behave differently on MongoDB never goes unnoticed in the tests.
 */
public interface ReadCollection {

    /** The collection's name. */
    String name();

    /** Every document. */
    Find find();

    /** The documents matching the filter. */
    Find find(Bson filter);

    /** How many documents match the filter. */
    long count(Bson filter);

    /**
     * Applies the writes in order, each on what the ones before it left. A write that fails (a
     * duplicate key) stops an ordered batch there; an unordered one goes on with the rest. Either way
     * the failures are thrown together afterwards as a {@link ReadStoreWriteException}.
     */
    WriteResult bulkWrite(List<? extends WriteModel<Document>> writes, boolean ordered);

    /** {@link #bulkWrite(List, boolean) bulkWrite(writes, true)}. */
    default WriteResult bulkWrite(List<? extends WriteModel<Document>> writes) {
        return bulkWrite(writes, true);
    }

    /** Inserts the documents in order; a duplicate {@code _id} (or unique key) stops there and throws. */
    void insertMany(List<Document> documents);

    /** Deletes every document matching the filter; how many were deleted. */
    long deleteMany(Bson filter);

    /** Creates the index unless it exists; idempotent. */
    void createIndex(Bson keys, IndexOptions options);

    /** {@link #createIndex(Bson, IndexOptions)} without options: not unique. */
    default void createIndex(Bson keys) {
        createIndex(keys, new IndexOptions());
    }

    /**
     * What a bulk write did.
     *
     * @param matched  documents found by the filters of updates, replacements and deletes
     * @param modified documents changed by updates and replacements
     * @param upserted documents inserted by upserts (not by inserts)
     * @param inserted documents inserted by inserts
     * @param deleted  documents deleted
     */
    record WriteResult(long matched, long modified, long upserted, long inserted, long deleted) {
    }
}
