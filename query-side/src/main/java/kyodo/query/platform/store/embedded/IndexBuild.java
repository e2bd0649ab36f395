package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.ReadStoreWriteException;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.h2.mvstore.Cursor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fills indexes from every document of a collection at once: a new index ({@code createIndex}), and
 * the non-unique indexes that a rebuild deferred ({@link kyodo.query.platform.store.ReadStore#rebuild()}).
 * <p>
 * A deferred index is marked in the catalog in the same write that empties its collection, so a
 * committed file never holds a refilled collection whose index claims to be whole: a process killed
 * during a rebuild leaves the marks, and the next open builds those indexes before anything reads
 * them ({@link #resume}). While marked, writes leave the index alone and the planner does not use it.
 * Unique indexes are never deferred: they must refuse a duplicate when it is written.
 */
final class IndexBuild {

    private static final BsonDocumentCodec BSON = new BsonDocumentCodec();
    private static final String MARK = "deferred\0";
    /** Documents whose keys are gathered before they are written, at most. */
    static final int CHUNK = 20_000;
    /**
     * Documents per chunk of a build that commits between chunks ({@link EmbeddedCollection#finishDeferredAlone}):
     * a commit serializes the chunk's new pages of every index at once, and at 100k proposals those of
     * 20,000 documents overran a 256 MB heap.
     */
    static final int COMMITTED_CHUNK = 2_000;

    private IndexBuild() {
    }

    /** Fills a new index in the caller's write (a commit never sees half of it); a unique one refuses duplicates. */
    static void create(EmbeddedCollection c, Index index) {
        index.map.clear(); // entries of a build that a crash interrupted before its catalog entry
        for (Cursor<Long, byte[]> cursor = c.docs.cursor(null); cursor.hasNext(); ) {
            long number = cursor.next();
            BsonDocument doc = decode(cursor.getValue());
            var keys = index.keys(doc);
            try {
                index.checkUnique(keys, number, c.name());
            } catch (Refusal e) {
                c.store().removeMap(index.map);
                throw new ReadStoreWriteException(c.name(), List.of(new ReadStoreWriteException.Failure(0, true,
                        "cannot create the unique index " + index.name + ": " + e.getMessage())), e);
            }
            index.add(keys, number);
            index.multikey |= index.multikey(doc);
        }
        index.flush();
    }

    /**
     * Stops maintaining the collection's non-unique indexes (it was just emptied, in the caller's
     * write): marked in the catalog, left out of writes and plans until {@link #finish}.
     */
    static void defer(EmbeddedCollection c) {
        for (Index index : c.indexes) {
            if (!index.unique && !index.deferred) {
                c.store().catalog().put(mark(c.name(), index.name), "");
                index.deferred = true;
            }
        }
    }

    /** Whether the catalog marks the index as deferred (a rebuild that did not finish). */
    static boolean marked(EmbeddedReadStore store, String collection, String index) {
        return store.catalog().containsKey(mark(collection, index));
    }

    /**
     * Before a read: a deferred index that it could use (its first field in the filter, or the sort's
     * first key among its fields; {@code _id} has an index of its own) is built now and maintained
     * from then on. A projection that looks its own documents up by such a field while it is rebuilt
     * would otherwise read all of them for each lookup.
     */
    static void beforeRead(EmbeddedCollection c, Filter filter, Sort sort) {
        for (Index index : c.indexes) {
            if (index.deferred && (filter.clauses.stream().anyMatch(clause -> clause.path().equals(index.fields.get(0)))
                    || !sort.isEmpty() && !sort.keys.get(0).path().equals("_id")
                    && index.fields.contains(sort.keys.get(0).path()))) {
                c.finishDeferred(List.of(index));
            }
        }
    }

    /**
     * Builds deferred indexes of the collection in one pass over its documents, in the caller's write:
     * postings gathered per key and written once per key, entries sorted before they are written (in
     * key order, neighbouring entries share pages), per {@link #CHUNK} documents so that a city-sized
     * collection's keys are never all in memory at once. Only then are they used and their marks removed.
     */
    static void finish(EmbeddedCollection c, List<Index> indexes) {
        finish(c, indexes, CHUNK, () -> { });
    }

    static void finish(EmbeddedCollection c, List<Index> indexes, int chunk) {
        finish(c, indexes, chunk, () -> { });
    }

    /**
     * As {@link #finish(EmbeddedCollection, List)}, running {@code betweenChunks} after each chunk's
     * entries are written (a commit of the file, when the build runs alone: {@link EmbeddedCollection#finishDeferredAlone}).
     */
    static void finish(EmbeddedCollection c, List<Index> indexes, int chunk, Runnable betweenChunks) {
        List<Index> deferred = indexes.stream().filter(index -> index.deferred).toList();
        if (deferred.isEmpty()) {
            return;
        }
        List<List<byte[]>> entries = new ArrayList<>();
        for (Index index : deferred) {
            index.map.clear();
            index.clearPending();
            entries.add(index.postings ? null : new ArrayList<>());
        }
        int read = 0;
        for (Cursor<Long, byte[]> cursor = c.docs.cursor(null); cursor.hasNext(); ) {
            long number = cursor.next();
            BsonDocument doc = decode(cursor.getValue());
            if (++read % chunk == 0) {
                write(deferred, entries);
                betweenChunks.run();
            }
            for (int i = 0; i < deferred.size(); i++) {
                Index index = deferred.get(i);
                if (index.postings) {
                    index.add(index.keys(doc), number);
                } else {
                    for (byte[] key : index.keys(doc)) {
                        entries.get(i).add(Keys.entry(key, number));
                    }
                }
                index.multikey |= index.multikey(doc);
            }
        }
        write(deferred, entries);
        for (Index index : deferred) {
            c.store().catalog().put("index\0" + c.name() + "\0" + index.name, index.spec());
            c.store().catalog().remove(mark(c.name(), index.name));
            index.deferred = false;
        }
    }

    /** At open: builds the indexes that a rebuild deferred and never finished (the process was killed). */
    static void resume(EmbeddedReadStore store) {
        List<String> collections = store.catalog().keySet().stream().filter(key -> key.startsWith(MARK))
                .map(key -> key.substring(MARK.length(), key.indexOf('\0', MARK.length()))).distinct().toList();
        for (String name : collections) {
            EmbeddedCollection c = (EmbeddedCollection) store.collection(name);
            c.finishDeferredAlone(c.indexes);
        }
        if (!collections.isEmpty()) {
            store.makeDurable();
        }
    }

    /** Writes what the indexes gathered: postings appended per key (the numbers only grow), entries sorted. */
    private static void write(List<Index> indexes, List<List<byte[]>> entries) {
        for (int i = 0; i < indexes.size(); i++) {
            Index index = indexes.get(i);
            if (index.postings) {
                index.flush();
            } else {
                List<byte[]> gathered = entries.get(i);
                gathered.sort(Arrays::compareUnsigned);
                for (byte[] entry : gathered) {
                    index.map.put(entry, ByteKeys.NONE);
                }
                gathered.clear();
            }
        }
    }

    private static BsonDocument decode(byte[] bytes) {
        return new RawBsonDocument(bytes).decode(BSON);
    }

    private static String mark(String collection, String index) {
        return MARK + collection + "\0" + index;
    }
}
