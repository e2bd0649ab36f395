package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.ReadStoreWriteException;
import kyodo.query.platform.store.SideBySide;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.h2.mvstore.Cursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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

    private static final Logger LOG = LoggerFactory.getLogger(IndexBuild.class);
    private static final BsonDocumentCodec BSON = new BsonDocumentCodec();
    private static final String MARK = "deferred\0";
    /**
     * Index entries (or postings numbers) gathered in memory before they are sorted and written, at most:
     * some 12 MB of keys. Indexes are built a few at a time, as many as this holds for the collection's
     * documents, in one pass over the documents each.
     */
    static final int GATHERED = 200_000;
    /**
     * Entries (or postings numbers) written between two commits of a build that commits as it goes
     * ({@link EmbeddedCollection#finishDeferredAlone}). Written in key order, they fill neighbouring pages,
     * so a commit holds a few megabytes; a commit per 2,000 documents of all of a collection's indexes at
     * once rewrote nearly every page of them (the documents' keys spread over the whole key range): at 100k
     * proposals one such commit serialized over 36 MB and overran a 256 MB heap.
     */
    static final int COMMITTED_ENTRIES = 20_000;
    /**
     * Postings numbers that weigh as much as one entry, gathered and in a commit: a number is a long in a
     * list per key while gathered and a few bytes of its key's block once written, an entry a key of tens of
     * bytes. Counted one for one, the proposals' search tokens at 10⁶ events (some 80 per proposal) were
     * flushed 50 times and committed 500 times, 10 of the build's 20 s.
     */
    static final int POSTINGS_PER_ENTRY = 4;

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
            if (index.deferred && (filters(filter, index.fields.get(0))
                    || !sort.isEmpty() && !sort.keys.get(0).path().equals("_id")
                    && index.fields.contains(sort.keys.get(0).path()))) {
                c.finishDeferred(List.of(index));
            }
        }
    }

    /** Whether the filter has a clause on the path (a loop: this runs for every read of a rebuild). */
    private static boolean filters(Filter filter, String path) {
        for (Filter.Clause clause : filter.clauses) {
            if (clause.path().equals(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Builds deferred indexes of the collection, in the caller's write: a few indexes per pass over its
     * documents (as many as {@link #GATHERED} entries hold for its size), their entries or postings gathered
     * up to {@link #GATHERED}, then written in key order (neighbouring entries share pages, postings appended
     * once per key), so that a city-sized collection's keys are never all in memory at once. Only then are
     * they used and their marks removed.
     */
    static void finish(EmbeddedCollection c, List<Index> indexes) {
        finish(c, indexes, GATHERED, Integer.MAX_VALUE, () -> { });
    }

    /** As {@link #finish(EmbeddedCollection, List)}, writing what {@code gathered} entries hold at a time. */
    static void finish(EmbeddedCollection c, List<Index> indexes, int gathered) {
        finish(c, indexes, gathered, Integer.MAX_VALUE, () -> { });
    }

    /**
     * As {@link #finish(EmbeddedCollection, List)}, running {@code commit} after every {@code perCommit}
     * entries written, in key order (a commit of the file, when the build runs alone:
     * {@link EmbeddedCollection#finishDeferredAlone}): each commit then holds the pages of a slice of one
     * index's key range, whatever the collection's size.
     * <p>
     * A build of several passes that commits as it goes runs them side by side, one per core: the first two
     * read the documents, and the second also writes each document's fields that the later passes read to a
     * {@linkplain SlimCopy slim copy}, which those read instead ({@link BuildPasses#sideBySide}). The copy is
     * removed before the marks are, so a build that a crash cut short leaves at most a copy that the next
     * build or open removes.
     */
    static void finish(EmbeddedCollection c, List<Index> indexes, int gathered, int perCommit, Runnable commit) {
        List<Index> deferred = new ArrayList<>(indexes.stream().filter(index -> index.deferred).toList());
        if (deferred.isEmpty()) {
            return;
        }
        for (Index index : deferred) {
            index.map.clear();
            index.clearPending();
        }
        // postings first, those of arrays (search tokens: many values per document) before the others: the
        // first pass reads them from the documents, beside the others
        deferred.sort(Comparator.comparing((Index index) -> !index.postings).thenComparing(index -> !index.multikey));
        long started = System.nanoTime();
        int perPass = (int) Math.max(1, Math.min(deferred.size(), gathered / Math.max(1, c.size())));
        List<List<Index>> passes = new ArrayList<>();
        for (int from = 0; from < deferred.size(); from += perPass) {
            passes.add(deferred.subList(from, Math.min(deferred.size(), from + perPass)));
        }
        boolean slim = perCommit != Integer.MAX_VALUE && passes.size() > 1
                ? BuildPasses.sideBySide(c, passes, gathered, perCommit, commit)
                : BuildPasses.oneAfterAnother(c, passes, gathered, new BuildCommits(perCommit, commit));
        for (Index index : deferred) {
            c.store().catalog().put("index\0" + c.name() + "\0" + index.name, index.spec());
            c.store().catalog().remove(mark(c.name(), index.name));
            index.deferred = false;
        }
        LOG.debug("built {} deferred indexes of {} ({} documents) in {} passes{} in {} ms", deferred.size(),
                c.name(), c.size(), passes.size(), slim ? ", the later ones over a slim copy" : "",
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Every collection's deferred indexes at a rebuild's end, in one write alone: the collections side by side,
     * one per core, the largest first, their commits one at a time. At 10⁶ events the proposals' build took 18
     * of the 24 s of a replay's close, and the other collections' builds waited for it while a core stood idle.
     */
    static void finishEvery(EmbeddedReadStore store, Collection<EmbeddedCollection> collections) {
        List<EmbeddedCollection> waiting = collections.stream().filter(EmbeddedCollection::hasDeferred)
                .sorted(Comparator.comparingLong(EmbeddedCollection::size).reversed()).toList();
        if (waiting.isEmpty()) {
            return;
        }
        if (store.insideWrite()) {
            waiting.forEach(c -> c.finishDeferred(c.indexes));
            return;
        }
        store.alone(commit -> {
            Runnable oneAtATime = BuildCommits.oneAtATime(commit);
            SideBySide.run(waiting, BuildPasses.THREAD, c -> c.finishDeferredCommitting(c.indexes, GATHERED,
                    COMMITTED_ENTRIES, oneAtATime));
        });
    }

    /** At open: builds the indexes that a rebuild deferred and never finished (the process was killed). */
    static void resume(EmbeddedReadStore store) {
        SlimCopy.removeLeftovers(store);
        List<String> collections = store.catalog().keySet().stream().filter(key -> key.startsWith(MARK))
                .map(key -> key.substring(MARK.length(), key.indexOf('\0', MARK.length()))).distinct().toList();
        finishEvery(store, collections.stream().map(name -> (EmbeddedCollection) store.collection(name)).toList());
        if (!collections.isEmpty()) {
            store.makeDurable();
        }
    }

    private static BsonDocument decode(byte[] bytes) {
        return new RawBsonDocument(bytes).decode(BSON);
    }

    private static String mark(String collection, String index) {
        return MARK + collection + "\0" + index;
    }
}
