package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.ReadStoreWriteException;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
     * A build of several passes that commits as it goes reads the documents once: its first pass also
     * writes each document's fields that the later passes' indexes read, and nothing else, to a
     * {@linkplain SlimCopy slim copy}, which the later passes read instead, unless the copy turns out not
     * much smaller than the documents (at 10⁶ events the proposals' 17 indexes were 17 passes over 127,000
     * documents of a few kilobytes each: 64 s of a replay's 206). The later passes run side by side, one per
     * core ({@link SidePasses}), their commits one at a time. The copy is removed before the marks are, so a
     * build that a crash cut short leaves at most a copy that the next build or open removes.
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
        // postings first (search tokens: many values per document), read in the pass over the documents, not copied
        deferred.sort(Comparator.comparing((Index index) -> !index.postings));
        long started = System.nanoTime();
        int perPass = (int) Math.max(1, Math.min(deferred.size(), gathered / Math.max(1, c.size())));
        BuildCommits written = new BuildCommits(perCommit, commit);
        SlimCopy copy = perPass < deferred.size() && perCommit != Integer.MAX_VALUE
                ? SlimCopy.open(c, SlimCopy.fields(deferred.subList(perPass, deferred.size()))) : null;
        List<List<Index>> passes = new ArrayList<>();
        for (int from = 0; from < deferred.size(); from += perPass) {
            passes.add(deferred.subList(from, Math.min(deferred.size(), from + perPass)));
        }
        copy = pass(c, passes.get(0), copy, true, gathered, written);
        // the later passes read the slim copy (or the documents) and each writes indexes of its own: when
        // the build runs alone and commits as it goes, they run side by side, one per core
        SlimCopy slim = copy;
        List<List<Index>> later = passes.subList(1, passes.size());
        if (perCommit != Integer.MAX_VALUE && later.size() > 1) {
            Object commits = new Object();
            Runnable oneAtATime = () -> {
                synchronized (commits) {
                    commit.run();
                }
            };
            SidePasses.run(later, Runtime.getRuntime().availableProcessors(), group -> {
                BuildCommits its = new BuildCommits(perCommit, oneAtATime);
                pass(c, group, slim, false, gathered, its);
                its.commitIfAny();
            });
        } else {
            later.forEach(group -> pass(c, group, slim, false, gathered, written));
        }
        if (copy != null) {
            copy.remove();
        }
        written.commitIfAny();
        for (Index index : deferred) {
            c.store().catalog().put("index\0" + c.name() + "\0" + index.name, index.spec());
            c.store().catalog().remove(mark(c.name(), index.name));
            index.deferred = false;
        }
        LOG.debug("built {} deferred indexes of {} ({} documents) in {} passes{} in {} ms", deferred.size(),
                c.name(), c.size(), (deferred.size() + perPass - 1) / perPass,
                copy != null ? ", the later ones over a slim copy" : "", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * One pass over the documents (the first, which also fills the slim copy) or over the slim copy (a later
     * one), for its indexes; returns the copy, or null when the first pass found it not much smaller.
     */
    private static SlimCopy pass(EmbeddedCollection c, List<Index> pass, SlimCopy copy, boolean first, int gathered,
                                 BuildCommits written) {
        long passStarted = System.nanoTime();
        List<List<byte[]>> entries = new ArrayList<>();
        pass.forEach(index -> entries.add(index.postings ? null : new ArrayList<>()));
        long held = 0; // entries, and postings numbers by their weight (POSTINGS_PER_ENTRY)
        // a pass decodes only what its indexes read: at 10⁶ documents an index is a pass of its own
        Set<String> read = SlimCopy.fields(pass);
        boolean copying = copy != null && first;
        // the copy holds every later pass's fields
        MVMap<Long, byte[]> source = copy != null && !first ? copy.map() : c.docs;
        Set<String> decoded = copying ? copy.withFields(read) : read;
        for (Cursor<Long, byte[]> cursor = source.cursor(null); cursor.hasNext(); ) {
            long number = cursor.next();
            byte[] bytes = cursor.getValue();
            BsonDocument doc = BsonCoding.decodeFields(bytes, decoded);
            if (copying && !copy.add(number, bytes.length, doc, written::count)) {
                copying = false; // not much smaller than the documents: the later passes read those
                copy = null;
            }
            for (int i = 0; i < pass.size(); i++) {
                Index index = pass.get(i);
                var keys = index.keys(doc);
                if (index.postings) {
                    index.add(keys, number);
                } else {
                    for (byte[] key : keys) {
                        entries.get(i).add(Keys.entry(key, number));
                    }
                }
                held += index.postings ? keys.size() : (long) keys.size() * POSTINGS_PER_ENTRY;
                index.multikey |= index.multikey(doc);
            }
            if (held >= (long) gathered * POSTINGS_PER_ENTRY) {
                write(pass, entries, written);
                held = 0;
            }
        }
        write(pass, entries, written);
        if (LOG.isTraceEnabled()) {
            LOG.trace("a pass over {} of {} for {} in {} ms", source == c.docs ? "the documents" : "the slim copy",
                    c.name(), pass.stream().map(index -> index.name).toList(),
                    (System.nanoTime() - passStarted) / 1_000_000);
        }
        return copy;
    }

    /** At open: builds the indexes that a rebuild deferred and never finished (the process was killed). */
    static void resume(EmbeddedReadStore store) {
        SlimCopy.removeLeftovers(store);
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

    /** Writes what the indexes gathered, in key order: postings appended per key (the numbers only grow), entries sorted. */
    private static void write(List<Index> indexes, List<List<byte[]>> entries, BuildCommits written) {
        for (int i = 0; i < indexes.size(); i++) {
            Index index = indexes.get(i);
            if (index.postings) {
                index.flush(written::countPostings);
            } else {
                List<byte[]> gathered = entries.get(i);
                gathered.sort(Arrays::compareUnsigned);
                for (byte[] entry : gathered) {
                    index.map.put(entry, ByteKeys.NONE);
                    written.count(1);
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
