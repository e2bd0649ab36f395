package kyodo.query.platform.store.embedded;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.Find;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A collection: internal number → BSON bytes, encoded {@code _id} → internal number, and its
 * secondary indexes, all MVMaps of the store's file. Writes to it take turns (a lock); reads never
 * wait, on MVStore's copy-on-write maps.
 */
final class EmbeddedCollection implements ReadCollection {

    private final EmbeddedReadStore store;
    private final String name;
    /** Whether its writes move the store's write stamp: all but the processors' bookkeeping. */
    private final boolean stamped;
    final MVMap<Long, byte[]> docs;
    final MVMap<byte[], Long> ids;
    volatile List<Index> indexes;
    private final ReentrantLock lock = new ReentrantLock();
    /** The next internal number, once known; guarded by the lock. */
    private long next = -1;

    EmbeddedCollection(EmbeddedReadStore store, String name) {
        this.store = store;
        this.name = name;
        this.stamped = !ReadStore.BOOKKEEPING.contains(name);
        this.docs = store.map("docs\0" + name, new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.ids = store.map("ids\0" + name, new MVMap.Builder<byte[], Long>()
                .keyType(ByteKeys.INSTANCE).valueType(LongDataType.INSTANCE));
        List<Index> found = new ArrayList<>();
        String prefix = "index\0" + name + "\0";
        for (Map.Entry<String, String> e : store.catalog().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                String index = e.getKey().substring(prefix.length());
                Index spec = Index.fromSpec(index, e.getValue(), indexMap(index));
                spec.deferred = IndexBuild.marked(store, name, index);
                found.add(spec);
            }
        }
        this.indexes = List.copyOf(found);
    }

    private MVMap<byte[], byte[]> indexMap(String index) {
        return store.map("index\0" + name + "\0" + index, new MVMap.Builder<byte[], byte[]>()
                .keyType(ByteKeys.INSTANCE).valueType(ByteKeys.INSTANCE));
    }

    @Override
    public String name() {
        return name;
    }

    EmbeddedReadStore store() {
        return store;
    }

    long size() {
        return docs.sizeAsLong();
    }

    @Override
    public Find find() {
        return new EmbeddedFind(this, Filter.ALL_DOCUMENTS);
    }

    @Override
    public Find find(Bson filter) {
        return new EmbeddedFind(this, Filter.compile(filter));
    }

    @Override
    public long count(Bson filter) {
        return Planner.count(this, Filter.compile(filter));
    }

    @Override
    public WriteResult bulkWrite(List<? extends WriteModel<Document>> writes, boolean ordered) {
        List<WriteOps.Op> ops = writes.stream().map(WriteOps::compile).toList();
        return locked(() -> new BulkWrite(this).apply(ops, ordered));
    }

    @Override
    public void insertMany(List<Document> documents) {
        bulkWrite(documents.stream().map(InsertOneModel::new).toList(), true);
    }

    @Override
    public long deleteMany(Bson filter) {
        Filter compiled = Filter.compile(filter);
        return locked(() -> {
            if (compiled.clauses.isEmpty()) {
                // a projection's reset: dropping whole maps frees their pages at once, where deleting each
                // document and each of its hundreds of index entries would rewrite every page first
                long deleted = docs.sizeAsLong();
                docs.clear();
                ids.clear();
                indexes.forEach(index -> {
                    index.map.clear();
                    index.clearPending();
                });
                if (store.rebuilds.active()) {
                    IndexBuild.defer(this);
                }
                return deleted;
            }
            List<Hit> hits = new ArrayList<>();
            Planner.find(this, compiled, Sort.NONE).forEachRemaining(hits::add);
            hits.forEach(this::delete);
            return (long) hits.size();
        });
    }

    /**
     * Runs a write to this collection: no other writes to it meanwhile, and no commit sees part of it;
     * counted by the store's write stamp unless the collection is bookkeeping.
     */
    <T> T locked(Supplier<T> work) {
        Supplier<T> write = () -> {
            lock.lock();
            try {
                if (next < 0) {
                    Long last = docs.lastKey();
                    next = last == null ? 1 : last + 1;
                }
                return work.get();
            } finally {
                try {
                    // also after a refusal: the writes before it stay, with their index entries
                    flushPostings();
                } finally {
                    lock.unlock();
                }
            }
        };
        return stamped ? store.write(write) : store.unstamped(write);
    }

    /** Applies the postings changes gathered so far; a write's reads of its own indexes need them. */
    void flushPostings() {
        for (Index index : indexes) {
            if (index.hasPending()) {
                index.flush();
            }
        }
    }

    /** Stores a new document with its index entries, or refuses it whole (a duplicate key). */
    void insert(BsonDocument doc) {
        insert(doc, -1);
    }

    /**
     * Stores a new document under a number {@link #reserve() reserved} for it earlier in the same write
     * (or the next one, for -1), with its index entries, or refuses it whole (a duplicate key).
     */
    void insert(BsonDocument doc, long reserved) {
        BsonValue id = doc.get("_id");
        Refusal.checkId(id);
        byte[] idKey = Keys.id(id);
        if (ids.containsKey(idKey)) {
            throw new Refusal(Refusal.duplicate(name, "_id_", id), true);
        }
        long number = reserved >= 0 ? reserved : next;
        List<TreeSet<byte[]>> keys = IndexEntries.forInsert(this, doc, number);
        if (reserved < 0) {
            next++;
        }
        docs.put(number, BsonCoding.bytes(doc));
        ids.put(idKey, number);
        IndexEntries.add(this, keys, doc, number);
    }

    /** The internal number of a document that this write inserts later ({@link #insert(BsonDocument, long)}). */
    long reserve() {
        return next++;
    }

    /** Replaces a document by a new version with the same {@code _id}; whether anything changed. */
    boolean rewrite(Hit old, BsonDocument doc) {
        byte[] bytes = BsonCoding.bytes(doc);
        if (Arrays.equals(bytes, old.bytes())) {
            return false;
        }
        List<TreeSet<byte[]>[]> changes = IndexEntries.forRewrite(this, old, doc);
        docs.put(old.number(), bytes);
        IndexEntries.apply(this, changes, doc, old.number());
        return true;
    }

    void delete(Hit hit) {
        IndexEntries.remove(this, hit);
        ids.remove(Keys.id(hit.doc().get("_id")));
        docs.remove(hit.number());
    }

    @Override
    public void createIndex(Bson keys, IndexOptions options) {
        List<String> fields = Index.fields(keys, options);
        String indexName = options.getName() != null ? options.getName()
                : String.join("_", fields.stream().map(f -> f + "_1").toList());
        locked(() -> {
            for (Index index : indexes) {
                if (index.fields.equals(fields) && index.unique == options.isUnique()) {
                    return null;
                }
                if (index.fields.equals(fields) || index.name.equals(indexName)) {
                    throw new IllegalArgumentException("an index " + index.name + " on " + index.fields
                            + " exists with other options than " + options);
                }
            }
            build(new Index(indexName, fields, options.isUnique(), false, indexMap(indexName)));
            return null;
        });
    }

    /** Fills a new index from every document, in one write; a unique one over duplicates is dropped again. */
    private void build(Index index) {
        IndexBuild.create(this, index);
        store.catalog().put("index\0" + name + "\0" + index.name, index.spec());
        List<Index> all = new ArrayList<>(indexes);
        all.add(index);
        indexes = List.copyOf(all);
    }

    /** Builds those of the indexes that a rebuild deferred ({@link IndexBuild#finish}), in one write. */
    void finishDeferred(List<Index> which) {
        locked(() -> {
            IndexBuild.finish(this, which);
            return null;
        });
    }

    /**
     * Builds those of the indexes that a rebuild deferred while no other write runs, the file committed
     * after every {@link IndexBuild#COMMITTED_ENTRIES} entries written ({@link IndexBuild#finish}): the marks
     * stay in the catalog until the end, so a commit meanwhile holds a partial index still marked, which the
     * next open builds again. Inside a write (a read that needs the index now), in that write ({@link #finishDeferred}).
     */
    void finishDeferredAlone(List<Index> which) {
        finishDeferredAlone(which, IndexBuild.COMMITTED_ENTRIES, () -> { });
    }

    /** As {@link #finishDeferredAlone(List)}, committing per {@code perCommit} entries, running {@code afterEachCommit}. */
    void finishDeferredAlone(List<Index> which, int perCommit, Runnable afterEachCommit) {
        finishDeferredAlone(which, IndexBuild.GATHERED, perCommit, afterEachCommit);
    }

    /** As above, gathering {@code gathered} entries at a time ({@link IndexBuild#GATHERED}). */
    void finishDeferredAlone(List<Index> which, int gathered, int perCommit, Runnable afterEachCommit) {
        if (store.insideWrite()) {
            finishDeferred(which);
            return;
        }
        store.alone(commit -> finishDeferredCommitting(which, gathered, perCommit, () -> {
            commit.run();
            afterEachCommit.run();
        }));
    }

    /** In a write alone ({@link EmbeddedReadStore#alone}): the build, committing through {@code commit}. */
    void finishDeferredCommitting(List<Index> which, int gathered, int perCommit, Runnable commit) {
        lock.lock();
        try {
            IndexBuild.finish(this, which, gathered, perCommit, commit);
        } finally {
            try {
                flushPostings();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Whether a rebuild deferred any of its indexes. */
    boolean hasDeferred() {
        return indexes.stream().anyMatch(index -> index.deferred);
    }
}
