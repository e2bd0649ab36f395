package kyodo.query.platform.store.embedded;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.h2.mvstore.Cursor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Answers a query by the cheapest of three plans, estimated from index ranges by rank: walk an index
 * in the sort's order and stop once the page is full; fetch the candidates of the most selective
 * index ranges (intersected), match and sort them; or scan every document. Every plan matches each
 * document with the whole filter and breaks sort ties by the internal number, so the answer never
 * depends on the plan.
 */
final class Planner {

    /** What reading a document costs against reading an index entry, roughly. */
    private static final int DOCUMENT_COST = 10;
    /** What reading a number from a postings block costs against reading an index entry, inverted. */
    private static final int POSTINGS_READS = 8;

    private Planner() {
    }

    /** Every matching document, in the sort's order (none: in internal-number order). */
    static Iterator<Hit> find(EmbeddedCollection c, Filter filter, Sort sort) {
        return find(c, filter, sort, 0, 0);
    }

    /**
     * The matching documents after the first {@code skip}, knowing that only {@code limit} of them are
     * wanted (0: all).
     */
    static Iterator<Hit> find(EmbeddedCollection c, Filter filter, Sort sort, int skip, int limit) {
        IndexBuild.beforeRead(c, filter, sort);
        BsonValue id = BulkWrite.equality(filter, "_id");
        if (id != null && id.isString()) {
            return byId(c, filter, id, skip);
        }
        long n = Math.max(1, c.size());
        long needed = limit > 0 ? (long) skip + limit : 0;
        List<Access> accesses = accesses(c, filter);
        Access best = cheapest(accesses);
        double matches = best == null ? n : best.estimate();
        double fraction = 1;
        for (Access access : accesses) {
            fraction *= Math.min(1, access.estimate() / (double) n);
        }
        matches = Math.max(1, Math.min(matches, n * fraction));
        Walk walk = sort.isEmpty() ? null : walk(c, filter, sort);
        double walkCost = Double.MAX_VALUE;
        if (walk != null) {
            long size = walk.range.size();
            walkCost = needed > 0 ? Math.min(size, needed * size / matches) : size;
        }
        double candidateCost = best == null ? Double.MAX_VALUE : best.estimate() * 1.5 / readsPerEntry(best);
        Iterator<Hit> hits;
        if (walkCost <= candidateCost && walkCost <= n) {
            if (walk.exact && skip > 0) {
                return Ordering.Walking.skipping(c, filter, sort, walk.range, walk.reverse, walk.keys, skip);
            }
            Ordering.Walking walking = new Ordering.Walking(c, filter, sort, walk.range, walk.reverse, walk.keys, null);
            hits = walking;
            if (needed > 0 && !walk.exact && candidateCost < n) {
                hits = walking.bounded(needed, 2 * (candidateCost + DOCUMENT_COST * needed), DOCUMENT_COST,
                        () -> byCandidates(c, filter, sort, walk, best, accesses, needed));
            }
        } else if (candidateCost < n) {
            hits = byCandidates(c, filter, sort, walk, best, accesses, needed);
        } else {
            hits = scan(c, filter);
            hits = sort.isEmpty() ? hits : Ordering.sorted(hits, sort);
        }
        for (int i = 0; i < skip && hits.hasNext(); i++) {
            hits.next();
        }
        return hits;
    }

    /**
     * A filter naming one string {@code _id}: at most that document, read through the {@code _id} map
     * without estimating any plan (a string's key is its own, so the map holds exactly it), and matched
     * with the whole filter. Most of a replay's reads are these.
     */
    private static Iterator<Hit> byId(EmbeddedCollection c, Filter filter, BsonValue id, int skip) {
        Long number = c.ids.get(Keys.id(id));
        byte[] bytes = number == null ? null : c.docs.get(number);
        if (bytes == null || skip > 0) {
            return Collections.emptyIterator();
        }
        return Hit.matching(List.of(Hit.of(number, bytes)).iterator(), filter);
    }

    private static Iterator<Hit> byCandidates(EmbeddedCollection c, Filter filter, Sort sort, Walk walk, Access best,
                                              List<Access> accesses, long needed) {
        Candidates candidates = Candidates.of(filter, best, accesses);
        Iterator<Hit> hits = walk == null ? null : along(c, sort, walk, candidates, needed);
        if (hits == null) {
            hits = candidates.hits(c);
            hits = sort.isEmpty() ? hits : Ordering.sorted(hits, sort);
        }
        return hits;
    }

    /**
     * The candidates in the sort's order by a walk of its index that reads only the candidates'
     * documents, or null when reading and sorting every candidate costs less: a frequent search
     * word's first page then reads a few hundred index entries and twenty documents, not thousands.
     */
    private static Iterator<Hit> along(EmbeddedCollection c, Sort sort, Walk walk, Candidates candidates, long needed) {
        long size = walk.range.size();
        double entries = needed > 0 ? Math.min(size, needed * (double) size / Math.max(1, candidates.size())) : size;
        if (entries > (double) DOCUMENT_COST * candidates.size()) {
            return null;
        }
        return new Ordering.Walking(c, candidates.residual(), sort, walk.range, walk.reverse, walk.keys,
                candidates::contains);
    }

    /** The access whose ranges cost least to read: postings of a frequent word before a scope's entries. */
    private static Access cheapest(List<Access> accesses) {
        return accesses.stream().min(Comparator.comparingDouble(a -> a.estimate() / (double) readsPerEntry(a)))
                .orElse(null);
    }

    /**
     * Numbers read for the cost of one index entry: postings decode blocks of them, so a frequent
     * search word's candidates cost less than walking the date index and reading documents to match.
     */
    private static int readsPerEntry(Access access) {
        return access.ranges().stream().allMatch(r -> r.kind() == Access.Kind.POSTINGS) ? POSTINGS_READS : 1;
    }

    /** How many documents match: by rank when one index range holds exactly them. */
    static long count(EmbeddedCollection c, Filter filter) {
        if (filter.clauses.isEmpty()) {
            return c.size();
        }
        IndexBuild.beforeRead(c, filter, Sort.NONE);
        List<Access> accesses = accesses(c, filter);
        for (Access access : accesses) {
            if (access.exact() && access.ranges().size() == 1 && access.covered().size() == filter.clauses.size()) {
                return access.count();
            }
        }
        Access best = cheapest(accesses);
        Iterator<Hit> hits;
        if (best != null && best.estimate() * 1.5 / readsPerEntry(best) < c.size()) {
            Candidates candidates = Candidates.of(filter, best, accesses);
            if (candidates.residual().clauses.isEmpty()) {
                // the intersected ranges answer every clause: a count of index entries, no document read
                return candidates.size();
            }
            hits = candidates.hits(c);
        } else {
            hits = scan(c, filter);
        }
        long count = 0;
        for (; hits.hasNext(); hits.next()) {
            count++;
        }
        return count;
    }

    private static List<Access> accesses(EmbeddedCollection c, Filter filter) {
        List<Access> accesses = new ArrayList<>(Access.of(c.ids, Access.Kind.IDS, List.of("_id"), false, filter));
        for (Filter.Clause clause : filter.clauses) {
            if (clause.op() == Filter.Op.EQ && clause.path().equals("_id") && !Access.scalar(clause.value())
                    && !clause.value().isNull() && !clause.value().isArray()) {
                accesses.add(new Access(List.of(Access.prefix(c.ids, Access.Kind.IDS, Keys.id(clause.value()))),
                        List.of(clause), true));
            }
        }
        for (Index index : c.indexes) {
            if (index.deferred) {
                continue; // being rebuilt: it holds no entries yet
            }
            accesses.addAll(Access.of(index.map, index.kind(), index.fields, index.multikey, filter));
        }
        return accesses;
    }

    /**
     * An ordered range whose walk gives documents in the order of the sort's first {@code keys} keys
     * (at least the first; more when the index holds the following ones next, in the same direction).
     */
    private record Walk(Access.Range range, boolean reverse, boolean exact, int keys) {
    }

    private static Walk walk(EmbeddedCollection c, Filter filter, Sort sort) {
        Sort.Key key = sort.keys.get(0);
        if (key.path().equals("_id")) {
            return new Walk(narrow(new Access.Range(c.ids, Access.Kind.IDS, null, null), filter, key.path()), !key.ascending(),
                    false, 1);
        }
        // the index with the longest equality prefix before the sort key: the fewest entries to walk
        Walk found = null;
        int longest = -1;
        for (Index index : c.indexes) {
            if (index.multikey || index.postings || index.deferred) {
                continue;
            }
            List<Filter.Clause> prefix = new ArrayList<>();
            for (String field : index.fields) {
                Filter.Clause eq = Access.equality(filter, field);
                if (eq == null) {
                    break;
                }
                prefix.add(eq);
            }
            if (prefix.size() > longest && prefix.size() < index.fields.size()
                    && index.fields.get(prefix.size()).equals(key.path())) {
                Access.Range range;
                if (prefix.isEmpty()) {
                    range = narrow(new Access.Range(index.map, index.kind(), null, null), filter, key.path());
                } else {
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    prefix.forEach(eq -> Keys.append(bytes, eq.value()));
                    range = Access.prefix(index.map, index.kind(), bytes.toByteArray());
                }
                // every entry of an equality prefix answering the whole filter is a match: pages skip by rank
                boolean exact = !prefix.isEmpty() && prefix.size() == filter.clauses.size()
                        && prefix.stream().allMatch(eq -> Access.exactKey(eq.value()));
                found = new Walk(range, !key.ascending(), exact, orderedKeys(index, prefix.size(), sort));
                longest = prefix.size();
            }
        }
        return found;
    }

    /**
     * How many of the sort's keys an index orders from its field {@code at} on: the first, and each
     * following one the index holds next with the same direction (an index is ascending, so a walk
     * in reverse orders only keys that all descend). A walk then sorts in memory only documents
     * equal on all of them: with the {@code _id} tie-breaker, none, so a page of "due soonest" reads
     * its five documents, not every document due on the first day.
     */
    private static int orderedKeys(Index index, int at, Sort sort) {
        int keys = 1;
        while (keys < sort.keys.size() && at + keys < index.fields.size()
                && index.fields.get(at + keys).equals(sort.keys.get(keys).path())
                && sort.keys.get(keys).ascending() == sort.keys.get(0).ascending()) {
            keys++;
        }
        return keys;
    }

    /** The range, narrowed by comparisons on its first field. */
    private static Access.Range narrow(Access.Range range, Filter filter, String field) {
        byte[] from = range.from();
        byte[] to = range.to();
        for (Filter.Clause clause : filter.clauses) {
            if (clause.path().equals(field) && clause.value() != null && Access.scalar(clause.value())
                    && List.of(Filter.Op.GT, Filter.Op.GTE, Filter.Op.LT, Filter.Op.LTE, Filter.Op.EQ).contains(clause.op())) {
                Access.Range r = clause.op() == Filter.Op.EQ
                        ? Access.prefix(range.map(), range.kind(), Keys.encode(clause.value()))
                        : Access.comparison(range.map(), range.kind(), clause);
                from = from == null || Arrays.compareUnsigned(r.from(), from) > 0 ? r.from() : from;
                to = to == null || r.to() != null && Arrays.compareUnsigned(r.to(), to) < 0 ? r.to() : to;
            }
        }
        return new Access.Range(range.map(), range.kind(), from, to);
    }

    private static Iterator<Hit> scan(EmbeddedCollection c, Filter filter) {
        Cursor<Long, byte[]> cursor = c.docs.cursor(null);
        return Hit.matching(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Hit next() {
                long number = cursor.next();
                return Hit.of(number, cursor.getValue());
            }
        }, filter);
    }
}
