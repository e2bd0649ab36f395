package kyodo.query.platform.store.embedded;

import com.mongodb.client.model.IndexOptions;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVMap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A secondary index: an MVMap whose keys are the encoded values of its fields followed by the
 * document's internal number (values of its own), one entry per distinct key of a document, an array
 * giving one per element (multikey). Its definition lives in the store's catalog.
 * <p>
 * An index that no walk needs keeps {@link Postings} instead: a non-unique index whose last field is
 * not {@code _id} (list indexes end with it, as the tie-breaker of their order; search tokens and the
 * facts' dimensions do not). Its changes are gathered per key while a write runs and applied once per
 * key when it ends ({@link #flush()}), so a batch appends to each block once.
 */
final class Index {

    final String name;
    final List<String> fields;
    final String[][] parts;
    final boolean unique;
    /** Set once some document gave several keys (it stays set): its order is then not a document order. */
    volatile boolean multikey;
    /**
     * Set while a rebuild defers it ({@link IndexBuild}): writes leave it alone, plans do not use it,
     * until it is built whole again.
     */
    volatile boolean deferred;
    final MVMap<byte[], byte[]> map;
    /** Whether its entries are blocks of postings rather than one per (key, document). */
    final boolean postings;
    /** Postings changes not yet applied, per key: number × 2, + 1 for an add; the last one per number counts. */
    private final Map<ByteBuffer, Access.LongList> pending = new HashMap<>();

    Index(String name, List<String> fields, boolean unique, boolean multikey, MVMap<byte[], byte[]> map) {
        this(name, fields, unique, multikey, !unique && !fields.get(fields.size() - 1).equals("_id"), map);
    }

    private Index(String name, List<String> fields, boolean unique, boolean multikey, boolean postings,
                  MVMap<byte[], byte[]> map) {
        this.name = name;
        this.fields = List.copyOf(fields);
        this.parts = fields.stream().map(Paths::split).toArray(String[][]::new);
        this.unique = unique;
        this.multikey = multikey;
        this.map = map;
        this.postings = postings;
    }

    /** The fields of an index that {@code createIndex} asks for, or why this engine cannot build it. */
    static List<String> fields(Bson keys, IndexOptions options) {
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, BsonValue> key : keys.toBsonDocument().entrySet()) {
            if (!key.getValue().isNumber() || key.getValue().asNumber().doubleValue() != 1) {
                throw new IllegalArgumentException("unsupported index on " + key.getKey() + ": " + key.getValue()
                        + " (ascending only)");
            }
            Paths.split(key.getKey());
            fields.add(key.getKey());
        }
        if (fields.isEmpty() || options.isSparse() || options.getPartialFilterExpression() != null
                || options.getExpireAfter(TimeUnit.SECONDS) != null || options.getCollation() != null
                || options.getWildcardProjection() != null) {
            throw new IllegalArgumentException("unsupported index: " + keys.toBsonDocument() + " " + options);
        }
        return fields;
    }

    /** As the catalog stores it: {@code unique|multikey|postings|field,field}. */
    String spec() {
        return unique + "|" + multikey + "|" + postings + "|" + String.join(",", fields);
    }

    static Index fromSpec(String name, String spec, MVMap<byte[], byte[]> map) {
        String[] s = spec.split("\\|", 4);
        return new Index(name, List.of(s[3].split(",")), Boolean.parseBoolean(s[0]), Boolean.parseBoolean(s[1]),
                Boolean.parseBoolean(s[2]), map);
    }

    /** How its ranges are read. */
    Access.Kind kind() {
        return postings ? Access.Kind.POSTINGS : Access.Kind.ENTRIES;
    }

    /** Enters a document's keys (an entry each, or its number into each key's postings once flushed). */
    void add(Iterable<byte[]> keys, long number) {
        for (byte[] key : keys) {
            if (postings) {
                pending.computeIfAbsent(ByteBuffer.wrap(key), k -> new Access.LongList()).add(number * 2 + 1);
            } else {
                map.put(Keys.entry(key, number), ByteKeys.NONE);
            }
        }
    }

    void remove(Iterable<byte[]> keys, long number) {
        for (byte[] key : keys) {
            if (postings) {
                pending.computeIfAbsent(ByteBuffer.wrap(key), k -> new Access.LongList()).add(number * 2);
            } else {
                map.remove(Keys.entry(key, number));
            }
        }
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Applies the gathered postings changes, key by key in key order. */
    void flush() {
        flush(numbers -> { });
    }

    /**
     * As {@link #flush()}, telling {@code applied} how many numbers each key's changes held once they are
     * in the map (a build that commits as it goes). The changes are taken first: a failure there leaves
     * none of them pending.
     */
    void flush(java.util.function.IntConsumer applied) {
        List<Map.Entry<ByteBuffer, Access.LongList>> changes = new ArrayList<>(pending.entrySet());
        pending.clear();
        // in key order: neighbouring keys' blocks share pages
        changes.sort((a, b) -> Arrays.compareUnsigned(a.getKey().array(), b.getKey().array()));
        for (var e : changes) {
            Access.LongList ops = e.getValue();
            if (appendsOnly(ops)) {
                // what inserts give: new numbers, each added once, in order
                long[] adds = new long[ops.size];
                for (int i = 0; i < ops.size; i++) {
                    adds[i] = ops.values[i] >>> 1;
                }
                Postings.apply(map, e.getKey().array(), adds, new long[0]);
                applied.accept(ops.size);
                continue;
            }
            // the last change of each number wins: a stable sort by number keeps their order
            long[][] byNumber = new long[ops.size][];
            for (int i = 0; i < ops.size; i++) {
                byNumber[i] = new long[]{ops.values[i] >>> 1, i, ops.values[i] & 1};
            }
            Arrays.sort(byNumber, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
            Access.LongList adds = new Access.LongList();
            Access.LongList removes = new Access.LongList();
            for (int i = 0; i < byNumber.length; i++) {
                if (i + 1 < byNumber.length && byNumber[i + 1][0] == byNumber[i][0]) {
                    continue;
                }
                (byNumber[i][2] == 1 ? adds : removes).add(byNumber[i][0]);
            }
            Postings.apply(map, e.getKey().array(), Arrays.copyOf(adds.values, adds.size),
                    Arrays.copyOf(removes.values, removes.size));
            applied.accept(ops.size);
        }
    }

    private static boolean appendsOnly(Access.LongList ops) {
        for (int i = 0; i < ops.size; i++) {
            if ((ops.values[i] & 1) == 0 || i > 0 && ops.values[i] <= ops.values[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Forgets gathered changes (the index's map was cleared). */
    void clearPending() {
        pending.clear();
    }

    /** The document's keys (without its number), distinct, in order. */
    TreeSet<byte[]> keys(BsonDocument doc) {
        TreeSet<byte[]> keys = new TreeSet<>(Arrays::compareUnsigned);
        combine(doc, 0, ByteKeys.NONE, keys::add);
        return keys;
    }

    /**
     * Enters a document's postings in a build's pass, which reads each document once, in number order: its
     * keys go straight to the pending postings, a key the document repeats is skipped there, and no sorted set
     * of them is made (at 10⁶ events that set was about a quarter of the proposals' build, in a profile).
     * Returns how many it entered.
     */
    int addPostings(BsonDocument doc, long number) {
        long op = number * 2 + 1;
        int[] entered = {0};
        combine(doc, 0, ByteKeys.NONE, key -> {
            Access.LongList ops = pending.computeIfAbsent(ByteBuffer.wrap(key), k -> new Access.LongList());
            if (ops.size == 0 || ops.values[ops.size - 1] != op) {
                ops.add(op);
                entered[0]++;
            }
        });
        return entered[0];
    }

    private void combine(BsonDocument doc, int field, byte[] prefix, Consumer<byte[]> keys) {
        if (field == parts.length) {
            keys.accept(prefix);
            return;
        }
        ByteArrayOutputStream value = new ByteArrayOutputStream(16);
        for (BsonValue v : Paths.indexed(doc, parts[field])) {
            value.reset();
            Keys.append(value, v);
            byte[] key;
            if (prefix.length == 0) {
                key = value.toByteArray();
            } else {
                key = Arrays.copyOf(prefix, prefix.length + value.size());
                System.arraycopy(value.toByteArray(), 0, key, prefix.length, value.size());
            }
            combine(doc, field + 1, key, keys);
        }
    }

    /** Whether both documents hold the same values in every field of this index (then the same keys). */
    boolean sameValues(BsonDocument a, BsonDocument b) {
        for (String[] p : parts) {
            if (!Paths.indexed(a, p).equals(Paths.indexed(b, p))) {
                return false;
            }
        }
        return true;
    }

    /** Whether this document makes the index multikey. */
    boolean multikey(BsonDocument doc) {
        for (String[] p : parts) {
            if (Paths.multikey(doc, p)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses keys that another document than {@code number} holds, if this index is unique. */
    void checkUnique(TreeSet<byte[]> keys, long number, String collection) {
        if (!unique) {
            return;
        }
        for (byte[] key : keys) {
            if (holder(key, number) >= 0) {
                throw new Refusal(Refusal.duplicate(collection, name, "an existing document's key"), true);
            }
        }
    }

    /** Another document than {@code number} holding the key, or -1. */
    long holder(byte[] key, long number) {
        byte[] from = Keys.entry(key, 0);
        for (var it = map.keyIterator(from); it.hasNext(); ) {
            byte[] entry = it.next();
            if (Keys.keyLength(entry) != key.length || !Arrays.equals(entry, 0, key.length, key, 0, key.length)) {
                return -1;
            }
            long other = Keys.number(entry);
            if (other != number) {
                return other;
            }
        }
        return -1;
    }
}
