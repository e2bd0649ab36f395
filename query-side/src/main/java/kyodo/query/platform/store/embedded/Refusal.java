package kyodo.query.platform.store.embedded;

import org.bson.BsonValue;

/** A write the store refuses (a duplicate key, an update that cannot apply): it changes nothing. */
final class Refusal extends RuntimeException {

    final boolean duplicateKey;

    Refusal(String message, boolean duplicateKey) {
        super(message, null, false, false);
        this.duplicateKey = duplicateKey;
    }

    /** Refuses an {@code _id} that MongoDB refuses. */
    static void checkId(BsonValue id) {
        if (id.isArray() || id.isRegularExpression()) {
            throw new Refusal("_id cannot be " + id.getBsonType(), false);
        }
    }

    /** MongoDB's message for a duplicate key. */
    static String duplicate(String collection, String index, Object key) {
        return "E11000 duplicate key error collection: " + collection + " index: " + index + " dup key: " + key;
    }
}
