package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.embedded.Hit;
import org.bson.BsonValue;
import org.h2.mvstore.Cursor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/** Documents in a sort's order: sorted in memory, or walked along an index; ties by internal number. */
final class Ordering {

    private Ordering() {
    }

    record Keyed(Hit hit, BsonValue[] values) {
    }

    static Comparator<Keyed> order(Sort sort) {
        return (a, b) -> {
            int c = sort.compare(a.values(), b.values());
            return c != 0 ? c : Long.compare(a.hit().number(), b.hit().number());
        };
    }

    static Iterator<Hit> sorted(Iterator<Hit> hits, Sort sort) {
        List<Keyed> all = new ArrayList<>();
        hits.forEachRemaining(hit -> all.add(new Keyed(hit, sort.values(hit.doc()))));
        all.sort(order(sort));
        return all.stream().map(Keyed::hit).iterator();
    }

    /**
     * Walks a range in order; documents whose keys the index orders ({@code groupKeys} of the sort's,
     * at least the first) encode alike form a group, sorted in memory by the whole sort (the encoding
     * keeps the order but may not tell every value apart).
     */
    static final class Walking implements Iterator<Hit> {
        private final EmbeddedCollection c;
        private final Filter filter;
        private final Sort sort;
        private final Access.Range range;
        private final LongPredicate keep;
        private final int groupKeys;
        private final Cursor<byte[], ?> cursor;
        private final ArrayDeque<Hit> ready = new ArrayDeque<>();
        private final List<Keyed> group = new ArrayList<>();
        private byte[] groupKey;
        private boolean done;
        private double budget = Double.MAX_VALUE;
        private int documentCost;
        private double spent;
        private boolean overBudget;

        /** {@code keep}: the internal numbers worth reading (null: all), told from the entry alone. */
        Walking(EmbeddedCollection c, Filter filter, Sort sort, Access.Range range, boolean reverse, int groupKeys,
                LongPredicate keep) {
            this.c = c;
            this.groupKeys = groupKeys;
            this.filter = filter;
            this.sort = sort;
            this.range = range;
            this.keep = keep;
            if (reverse) {
                byte[] start = range.to() == null ? range.map().lastKey() : range.map().lowerKey(range.to());
                cursor = start == null ? null : range.map().cursor(start, range.from(), true);
            } else {
                cursor = range.map().cursor(range.from());
            }
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !done && cursor != null && cursor.hasNext()) {
                if (spent > budget) {
                    overBudget = true;
                    break;
                }
                byte[] key = cursor.next();
                spent++;
                if (range.to() != null && Arrays.compareUnsigned(key, range.to()) >= 0) {
                    done = true;
                    break;
                }
                long number = range.number(key, cursor.getValue());
                if (keep != null && !keep.test(number)) {
                    continue;
                }
                byte[] bytes = c.docs.get(number);
                spent += documentCost;
                if (bytes == null) {
                    continue;
                }
                Hit hit = Hit.of(number, bytes);
                if (!filter.matches(hit.doc())) {
                    continue;
                }
                Keyed keyed = new Keyed(hit, sort.values(hit.doc()));
                byte[] encoded = groupKey(keyed.values());
                if (groupKey != null && !Arrays.equals(encoded, groupKey)) {
                    flush();
                }
                groupKey = encoded;
                group.add(keyed);
            }
            if (ready.isEmpty() && !overBudget) {
                flush();
            }
            return !ready.isEmpty();
        }

        /**
         * This walk, unless filling the page costs it more than {@code budget} (index entries, a
         * document read counting {@code documentCost}): the planner's estimate takes the filter's
         * clauses as independent, and when they are not (most acknowledged proposals that are due
         * soonest are the overdue ones a "not overdue" filter drops) the walk reads document after
         * document that does not match. It then gives way to {@code instead}, a plan whose cost does
         * not depend on where the matches lie.
         */
        Iterator<Hit> bounded(long needed, double budget, int documentCost, Supplier<Iterator<Hit>> instead) {
            this.budget = budget;
            this.documentCost = documentCost;
            List<Hit> page = new ArrayList<>();
            while (page.size() < needed && hasNext()) {
                page.add(next());
            }
            if (overBudget) {
                return instead.get();
            }
            this.budget = Double.MAX_VALUE;
            Iterator<Hit> first = page.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return first.hasNext() || Walking.this.hasNext();
                }

                @Override
                public Hit next() {
                    return first.hasNext() ? first.next() : Walking.this.next();
                }
            };
        }

        /**
         * The walk after its first {@code skip} documents, found by rank, for a range every entry of
         * which is a match (one entry per document): only the group of equal sort keys that the
         * page starts in is read, not the documents before it.
         */
        static Iterator<Hit> skipping(EmbeddedCollection c, Filter filter, Sort sort, Access.Range range,
                                      boolean reverse, int groupKeys, int skip) {
            long first = range.from() == null ? 0 : range.rank(range.from());
            long end = range.to() == null ? range.map().sizeAsLong() : range.rank(range.to());
            if (skip >= end - first) {
                return java.util.Collections.emptyIterator();
            }
            byte[] entry = range.map().getKey(reverse ? end - 1 - skip : first + skip);
            int prefix = range.from() == null ? 0 : range.from().length;
            byte[] group = Arrays.copyOf(entry, prefix + Keys.length(entry, prefix));
            byte[] after = Keys.upperBound(group);
            Walking walk;
            long before;
            if (reverse) {
                walk = new Walking(c, filter, sort, new Access.Range(range.map(), range.kind(), range.from(), after),
                        true, groupKeys, null);
                before = (after == null ? range.map().sizeAsLong() : range.rank(after)) - (end - skip);
            } else {
                walk = new Walking(c, filter, sort, new Access.Range(range.map(), range.kind(), group, range.to()),
                        false, groupKeys, null);
                before = first + skip - range.rank(group);
            }
            for (long i = 0; i < before && walk.hasNext(); i++) {
                walk.next();
            }
            return walk;
        }

        private byte[] groupKey(BsonValue[] values) {
            if (groupKeys == 1) {
                return Keys.encode(values[0]);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(32);
            for (int i = 0; i < groupKeys; i++) {
                Keys.append(out, values[i]);
            }
            return out.toByteArray();
        }

        private void flush() {
            group.sort(order(sort));
            group.forEach(keyed -> ready.add(keyed.hit()));
            group.clear();
        }

        @Override
        public Hit next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }
    }
}
