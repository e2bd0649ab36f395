package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.SideBySide;
import org.bson.BsonDocument;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The passes of an {@link IndexBuild}: each reads a collection's documents (or a slim copy of them) once for a
 * few of its indexes, gathers their entries or postings in memory up to {@link IndexBuild#GATHERED}, and
 * writes them in key order (neighbouring entries share pages, postings appended once per key), so that a
 * city-sized collection's keys are never all in memory at once.
 */
final class BuildPasses {

    /** The name of the threads that run passes beside the caller's. */
    static final String THREAD = "kyodo-index-build";
    private static final Logger LOG = LoggerFactory.getLogger(BuildPasses.class);

    private BuildPasses() {
    }

    /** The passes over the documents one after another, committed by {@code written}; false: no slim copy. */
    static boolean oneAfterAnother(EmbeddedCollection c, List<List<Index>> passes, int gathered,
                                   BuildCommits written) {
        passes.forEach(group -> pass(c, group, null, false, gathered, written));
        written.commitIfAny();
        return false;
    }

    /**
     * The passes of a build that runs alone and commits as it goes, side by side, one per core, their commits
     * one at a time. The first pass (its postings: search tokens, many values per document) reads the
     * documents; so does the second, beside it, which also writes to a slim copy the fields that the passes
     * after it read, and those then read the copy. At 10⁶ events the proposals' search tokens took most of
     * the build, on one core while the other stood idle. Returns whether the later passes read a slim copy.
     */
    static boolean sideBySide(EmbeddedCollection c, List<List<Index>> passes, int gathered, int perCommit,
                              Runnable commit) {
        Runnable oneAtATime = BuildCommits.oneAtATime(commit);
        List<List<Index>> later = passes.subList(2, passes.size());
        SlimCopy copy = later.isEmpty() ? null
                : SlimCopy.open(c, SlimCopy.fields(later.stream().flatMap(List::stream).toList()));
        AtomicBoolean slim = new AtomicBoolean();
        List<Runnable> pieces = List.of(
                () -> committing(c, passes.get(0), null, false, gathered, perCommit, oneAtATime),
                () -> {
                    SlimCopy filled = committing(c, passes.get(1), copy, true, gathered, perCommit, oneAtATime);
                    slim.set(filled != null);
                    SideBySide.run(later, THREAD, group -> committing(c, group, filled, false, gathered,
                            perCommit, oneAtATime));
                    if (filled != null) {
                        filled.remove();
                    }
                });
        SideBySide.run(pieces, THREAD, Runnable::run);
        return slim.get();
    }

    private static SlimCopy committing(EmbeddedCollection c, List<Index> group, SlimCopy copy, boolean first,
                                       int gathered, int perCommit, Runnable commit) {
        BuildCommits its = new BuildCommits(perCommit, commit);
        SlimCopy filled = pass(c, group, copy, first, gathered, its);
        its.commitIfAny();
        return filled;
    }

    /**
     * One pass over the documents (the first, which also fills the slim copy, when it has one) or over the
     * slim copy (a later one), for its indexes; returns the copy, or null when the first pass found it not much
     * smaller.
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
                if (index.postings) {
                    held += index.addPostings(doc, number);
                } else {
                    var keys = index.keys(doc);
                    for (byte[] key : keys) {
                        entries.get(i).add(Keys.entry(key, number));
                    }
                    held += (long) keys.size() * IndexBuild.POSTINGS_PER_ENTRY;
                }
                index.multikey |= index.multikey(doc);
            }
            if (held >= (long) gathered * IndexBuild.POSTINGS_PER_ENTRY) {
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
}
