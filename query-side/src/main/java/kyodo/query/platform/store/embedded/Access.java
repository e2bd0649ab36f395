package kyodo.query.platform.store.embedded;

import org.bson.BsonValue;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an index can give a query: ranges of its ordered keys holding every document that may match
 * some clauses (a superset: the matcher has the last word), the size of those ranges by rank, and
 * whether they hold exactly the matching documents.
 */
final class Access {

    private final List<Range> ranges;
    private final List<Filter.Clause> covered;
    private final boolean exact;
    /** The ranges' size, once asked for (a plan asks several times, postings count blocks for it). */
    private long estimate = -1;

    Access(List<Range> ranges, List<Filter.Clause> covered, boolean exact) {
        this.ranges = ranges;
        this.covered = covered;
        this.exact = exact;
    }

    List<Range> ranges() {
        return ranges;
    }

    List<Filter.Clause> covered() {
        return covered;
    }

    boolean exact() {
        return exact;
    }

    /**
     * How a map holds internal numbers: the {@code _id} map as values, an index as the end of each
     * entry, a postings index in blocks ({@link Postings}).
     */
    enum Kind { IDS, ENTRIES, POSTINGS }

    /** Blocks of postings a size estimate sums at most; past them it counts every block as full. */
    private static final int ESTIMATE_BLOCKS = 512;

    /** Keys from {@code from} (inclusive; null: the first) to {@code to} (exclusive; null: past the last). */
    record Range(MVMap<byte[], ?> map, Kind kind, byte[] from, byte[] to) {

        /** How many documents it holds: exact for entries, for postings only up to a few hundred blocks. */
        long size() {
            long entries = (to == null ? map.sizeAsLong() : rank(to)) - (from == null ? 0 : rank(from));
            if (kind != Kind.POSTINGS) {
                return entries;
            }
            long counted = entries > ESTIMATE_BLOCKS ? -1 : Postings.count(map, from, to, ESTIMATE_BLOCKS);
            return counted >= 0 ? counted : entries * Postings.BLOCK;
        }

        /** How many documents it holds, exactly. */
        long count() {
            return kind == Kind.POSTINGS ? Postings.count(map, from, to, Long.MAX_VALUE) : size();
        }

        long rank(byte[] key) {
            long index = map.getKeyIndex(key);
            return index >= 0 ? index : -index - 1;
        }

        /** The internal number of an entry. */
        long number(byte[] key, Object value) {
            return kind == Kind.IDS ? (Long) value : Keys.number(key);
        }

        /** The internal numbers of its entries, in key order. */
        void numbers(LongList out) {
            if (kind == Kind.POSTINGS) {
                Postings.numbers(map, from, to, out);
                return;
            }
            for (Cursor<byte[], ?> cursor = map.cursor(from); cursor.hasNext(); ) {
                byte[] key = cursor.next();
                if (to != null && Arrays.compareUnsigned(key, to) >= 0) {
                    return;
                }
                out.add(number(key, cursor.getValue()));
            }
        }
    }

    /** How many documents its ranges hold, exactly. */
    long count() {
        long sum = 0;
        for (Range range : ranges) {
            sum += range.count();
        }
        return sum;
    }

    long estimate() {
        if (estimate < 0) {
            long sum = 0;
            for (Range range : ranges) {
                sum += range.size();
            }
            estimate = sum;
        }
        return estimate;
    }

    /** Values an index can look up by key: not null (missing too), documents, arrays, binary or patterns. */
    static boolean scalar(BsonValue v) {
        int rank = BsonOrder.rank(v);
        return rank == 3 || rank == 4 || rank >= 8 && rank <= 11;
    }

    /** Values whose key no other value shares, so that a range's size is a count. */
    static boolean exactKey(BsonValue v) {
        return scalar(v) && !v.isDecimal128() && !BsonOrder.isNaN(v);
    }

    static Range prefix(MVMap<byte[], ?> map, Kind kind, byte[] prefix) {
        return new Range(map, kind, prefix, Keys.upperBound(prefix));
    }

    /** The range of a comparison on an index's first field: within the operand's class. */
    static Range comparison(MVMap<byte[], ?> map, Kind kind, Filter.Clause clause) {
        byte[] key = Keys.encode(clause.value());
        return switch (clause.op()) {
            case GT, GTE -> new Range(map, kind, key, Keys.classEnd(clause.value()));
            default -> new Range(map, kind, Keys.classStart(clause.value()), Keys.upperBound(key));
        };
    }

    /** Every way the index (fields in order; or the {@code _id} map) serves the filter. */
    static List<Access> of(MVMap<byte[], ?> map, Kind kind, List<String> fields, boolean multikey, Filter filter) {
        List<Access> accesses = new ArrayList<>();
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        List<Filter.Clause> covered = new ArrayList<>();
        boolean exact = true;
        for (String field : fields) {
            Filter.Clause eq = equality(filter, field);
            if (eq == null) {
                break;
            }
            Keys.append(prefix, eq.value());
            covered.add(eq);
            exact &= exactKey(eq.value());
        }
        if (!covered.isEmpty()) {
            boolean whole = covered.size() == fields.size();
            accesses.add(new Access(List.of(prefix(map, kind, prefix.toByteArray())), List.copyOf(covered),
                    exact && (whole || !multikey)));
            if (!whole && exact) {
                accesses.addAll(allUnder(map, kind, prefix.toByteArray(), covered, fields.get(covered.size()), filter));
            }
        }
        for (Filter.Clause clause : filter.clauses) {
            if (!clause.path().equals(fields.get(0))) {
                continue;
            }
            switch (clause.op()) {
                case IN -> {
                    if (!clause.values().isEmpty() && clause.values().stream().allMatch(Access::scalar)) {
                        accesses.add(new Access(clause.values().stream()
                                .map(v -> prefix(map, kind, Keys.encode(v))).toList(), List.of(clause), false));
                    }
                }
                // each value's entries hold every match: the rarest is read, the others intersected
                case ALL -> clause.values().stream().filter(Access::scalar)
                        .forEach(v -> accesses.add(new Access(List.of(prefix(map, kind, Keys.encode(v))),
                                List.of(clause), false)));
                case GT, GTE, LT, LTE -> {
                    if (scalar(clause.value())) {
                        accesses.add(new Access(List.of(comparison(map, kind, clause)), List.of(clause), false));
                    }
                }
                default -> {
                }
            }
        }
        return accesses;
    }

    /**
     * The postings of each value of an {@code $all} on the field that follows an exact equality
     * prefix: an index {@code (scope, tokens)} gives the tokens of the documents in scope only.
     */
    private static List<Access> allUnder(MVMap<byte[], ?> map, Kind kind, byte[] prefix, List<Filter.Clause> equalities,
                                         String field, Filter filter) {
        List<Access> accesses = new ArrayList<>();
        for (Filter.Clause clause : filter.clauses) {
            if (clause.op() == Filter.Op.ALL && clause.path().equals(field)) {
                List<Filter.Clause> covered = new ArrayList<>(equalities);
                covered.add(clause);
                for (BsonValue v : clause.values()) {
                    if (scalar(v)) {
                        ByteArrayOutputStream key = new ByteArrayOutputStream();
                        key.writeBytes(prefix);
                        Keys.append(key, v);
                        accesses.add(new Access(List.of(prefix(map, kind, key.toByteArray())), List.copyOf(covered), false));
                    }
                }
            }
        }
        return accesses;
    }

    static Filter.Clause equality(Filter filter, String field) {
        for (Filter.Clause clause : filter.clauses) {
            if (clause.op() == Filter.Op.EQ && clause.path().equals(field) && scalar(clause.value())) {
                return clause;
            }
        }
        return null;
    }

    /** A growable list of longs, sorted and made distinct on demand. */
    static final class LongList {
        long[] values = new long[16];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void sortDistinct() {
            Arrays.sort(values, 0, size);
            int out = 0;
            for (int i = 0; i < size; i++) {
                if (out == 0 || values[out - 1] != values[i]) {
                    values[out++] = values[i];
                }
            }
            size = out;
        }

        /** Keeps the values the other (sorted, distinct) list also holds. */
        void retain(LongList other) {
            int out = 0;
            int j = 0;
            for (int i = 0; i < size; i++) {
                while (j < other.size && other.values[j] < values[i]) {
                    j++;
                }
                if (j < other.size && other.values[j] == values[i]) {
                    values[out++] = values[i];
                }
            }
            size = out;
        }
    }
}
