package kyodo.query.platform.store.embedded;

import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The writes of a {@link BulkWrite}, compiled from the driver's models before any is applied, so that
 * an unsupported one changes nothing.
 */
final class WriteOps {

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

    /** The document as the driver would send it: {@code _id} first, values as its codecs write them. */
    private static BsonDocument bson(Document doc) {
        return BsonCoding.document(doc, true);
    }
}
