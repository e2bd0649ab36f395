package kyodo.query.platform.store.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.Find;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadCursor;
import kyodo.query.platform.store.ReadStoreWriteException;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.List;

/** A {@link ReadCollection} on a driver collection: every call is the driver's, errors translated. */
final class MongoReadCollection implements ReadCollection {

    private final MongoCollection<Document> collection;

    MongoReadCollection(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    @Override
    public String name() {
        return collection.getNamespace().getCollectionName();
    }

    @Override
    public Find find() {
        return new MongoFind(collection.find());
    }

    @Override
    public Find find(Bson filter) {
        return new MongoFind(collection.find(filter));
    }

    @Override
    public long count(Bson filter) {
        return collection.countDocuments(filter);
    }

    @Override
    public WriteResult bulkWrite(List<? extends WriteModel<Document>> writes, boolean ordered) {
        if (writes.isEmpty()) {
            return new WriteResult(0, 0, 0, 0, 0);
        }
        try {
            BulkWriteResult result = collection.bulkWrite(writes, new BulkWriteOptions().ordered(ordered));
            return new WriteResult(result.getMatchedCount(), result.getModifiedCount(), result.getUpserts().size(),
                    result.getInsertedCount(), result.getDeletedCount());
        } catch (MongoBulkWriteException e) {
            throw refused(e);
        }
    }

    @Override
    public void insertMany(List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(true));
        } catch (MongoBulkWriteException e) {
            throw refused(e);
        } catch (MongoWriteException e) {
            throw new ReadStoreWriteException(name(), List.of(new ReadStoreWriteException.Failure(0,
                    e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY, e.getError().getMessage())), e);
        }
    }

    /** The driver's write errors, by their position in the batch. */
    private ReadStoreWriteException refused(MongoBulkWriteException e) {
        return new ReadStoreWriteException(name(), e.getWriteErrors().stream()
                .map(error -> new ReadStoreWriteException.Failure(error.getIndex(),
                        ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY, error.getMessage()))
                .toList(), e);
    }

    @Override
    public long deleteMany(Bson filter) {
        return collection.deleteMany(filter).getDeletedCount();
    }

    @Override
    public void createIndex(Bson keys, IndexOptions options) {
        collection.createIndex(keys, options);
    }

    /** The driver's fluent find, as a {@link Find}. */
    private record MongoFind(FindIterable<Document> find) implements Find {

        @Override
        public Find sort(Bson sort) {
            return new MongoFind(find.sort(sort));
        }

        @Override
        public Find skip(int skip) {
            return new MongoFind(find.skip(skip));
        }

        @Override
        public Find limit(int limit) {
            return new MongoFind(find.limit(limit));
        }

        @Override
        public Find projection(Bson projection) {
            return new MongoFind(find.projection(projection));
        }

        @Override
        public ReadCursor cursor() {
            MongoCursor<Document> cursor = find.iterator();
            return new ReadCursor() {
                @Override
                public boolean hasNext() {
                    return cursor.hasNext();
                }

                @Override
                public Document next() {
                    return cursor.next();
                }

                @Override
                public void close() {
                    cursor.close();
                }
            };
        }
    }
}
