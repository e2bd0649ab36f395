package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.embedded.Planner.Hit;
import org.bson.BsonValue;
import org.h2.mvstore.Cursor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

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
     * Walks a range in order; documents whose sort key encodes alike form a group, sorted in memory
     * by the whole sort (the encoding keeps the order but may not tell every value apart).
     */
    static final class Walking implements Iterator<Hit> {
        private final EmbeddedCollection c;
        private final Filter filter;
        private final Sort sort;
        private final Access.Range range;
        private final Cursor<byte[], ?> cursor;
        private final ArrayDeque<Hit> ready = new ArrayDeque<>();
        private final List<Keyed> group = new ArrayList<>();
        private byte[] groupKey;
        private boolean done;

        Walking(EmbeddedCollection c, Filter filter, Sort sort, Access.Range range, boolean reverse) {
            this.c = c;
            this.filter = filter;
            this.sort = sort;
            this.range = range;
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
                byte[] key = cursor.next();
                if (range.to() != null && Arrays.compareUnsigned(key, range.to()) >= 0) {
                    done = true;
                    break;
                }
                long number = range.number(key, cursor.getValue());
                byte[] bytes = c.docs.get(number);
                if (bytes == null) {
                    continue;
                }
                Hit hit = Hit.of(number, bytes);
                if (!filter.matches(hit.doc())) {
                    continue;
                }
                Keyed keyed = new Keyed(hit, sort.values(hit.doc()));
                byte[] encoded = Keys.encode(keyed.values()[0]);
                if (groupKey != null && !Arrays.equals(encoded, groupKey)) {
                    flush();
                }
                groupKey = encoded;
                group.add(keyed);
            }
            if (ready.isEmpty()) {
                flush();
            }
            return !ready.isEmpty();
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
