package kyodo.query.platform.store.embedded;

import org.bson.BsonDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A collection's index maintenance: the entries that a document's insert, rewrite or delete adds to and
 * removes from its live indexes (a deferred one is built later, by {@link IndexBuild}), every unique one
 * checked before anything is written, and an index's multikey mark in the catalog.
 */
final class IndexEntries {

    private IndexEntries() {
    }

    /** Each index's keys for a new document under that number, checked unique; null for a deferred index. */
    static List<TreeSet<byte[]>> forInsert(EmbeddedCollection collection, BsonDocument doc, long number) {
        List<TreeSet<byte[]>> keys = new ArrayList<>();
        for (Index index : collection.indexes) {
            if (index.deferred) {
                keys.add(null);
                continue;
            }
            TreeSet<byte[]> indexKeys = index.keys(doc);
            index.checkUnique(indexKeys, number, collection.name());
            keys.add(indexKeys);
        }
        return keys;
    }

    /** Adds the keys {@link #forInsert} gave for the document under that number. */
    static void add(EmbeddedCollection collection, List<TreeSet<byte[]>> keys, BsonDocument doc, long number) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) != null) {
                Index index = collection.indexes.get(i);
                index.add(keys.get(i), number);
                noteMultikey(collection, index, doc);
            }
        }
    }

    /**
     * Each index's keys to remove and to add when the old document becomes the new one, the added ones
     * checked unique; null for a deferred index or one whose fields kept their values.
     */
    static List<TreeSet<byte[]>[]> forRewrite(EmbeddedCollection collection, Hit old, BsonDocument doc) {
        List<TreeSet<byte[]>[]> changes = new ArrayList<>();
        for (Index index : collection.indexes) {
            if (index.deferred || index.sameValues(old.doc(), doc)) {
                // most updates touch few fields: an index whose fields kept their values keeps its entries
                changes.add(null);
                continue;
            }
            TreeSet<byte[]> before = index.keys(old.doc());
            TreeSet<byte[]> after = index.keys(doc);
            TreeSet<byte[]> added = new TreeSet<>(after);
            added.removeAll(before);
            before.removeAll(after);
            index.checkUnique(added, old.number(), collection.name());
            @SuppressWarnings("unchecked")
            TreeSet<byte[]>[] change = new TreeSet[]{before, added};
            changes.add(change);
        }
        return changes;
    }

    /** Applies what {@link #forRewrite} gave to the document under that number. */
    static void apply(EmbeddedCollection collection, List<TreeSet<byte[]>[]> changes, BsonDocument doc, long number) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i) == null) {
                continue;
            }
            Index index = collection.indexes.get(i);
            index.remove(changes.get(i)[0], number);
            index.add(changes.get(i)[1], number);
            noteMultikey(collection, index, doc);
        }
    }

    /** Removes a stored document's entries from the live indexes. */
    static void remove(EmbeddedCollection collection, Hit hit) {
        for (Index index : collection.indexes) {
            if (!index.deferred) {
                index.remove(index.keys(hit.doc()), hit.number());
            }
        }
    }

    private static void noteMultikey(EmbeddedCollection collection, Index index, BsonDocument doc) {
        if (!index.multikey && index.multikey(doc)) {
            index.multikey = true;
            collection.store().catalog().put("index\0" + collection.name() + "\0" + index.name, index.spec());
        }
    }
}
