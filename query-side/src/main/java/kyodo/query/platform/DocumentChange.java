package kyodo.query.platform;

import org.bson.Document;

import java.util.List;

/**
 * One update of one versioned document: the operators it needs, with {@code version} always set to the
 * sequence number of the event it applies ({@link DocumentProjection#updated}).
 */
public final class DocumentChange {

    private final Document set = new Document();
    private final Document push = new Document();
    private final Document inc = new Document();
    private final Document addToSet = new Document();

    public DocumentChange set(String field, Object value) {
        set.append(field, value);
        return this;
    }

    public DocumentChange push(String field, Document value) {
        push.append(field, value);
        return this;
    }

    /** Adds {@code by} as given: its type (int or long) is the type the field keeps. */
    public DocumentChange inc(String field, Number by) {
        inc.append(field, by);
        return this;
    }

    /** Adds each value not in the array yet. */
    public DocumentChange addEach(String field, List<String> values) {
        addToSet.append(field, new Document("$each", values));
        return this;
    }

    Document toUpdate(long sequence) {
        Document update = new Document("$set", new Document(set).append("version", sequence));
        if (!push.isEmpty()) {
            update.append("$push", push);
        }
        if (!inc.isEmpty()) {
            update.append("$inc", inc);
        }
        if (!addToSet.isEmpty()) {
            update.append("$addToSet", addToSet);
        }
        return update;
    }
}
