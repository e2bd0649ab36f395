package kyodo.query.platform.store.embedded;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.h2.mvstore.MVMap;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A secondary index: an MVMap whose keys are the encoded values of its fields followed by the
 * document's internal number (values of its own), one entry per distinct key of a document, an array
 * giving one per element (multikey). Its definition lives in the store's catalog.
 */
final class Index {

    final String name;
    final List<String> fields;
    final String[][] parts;
    final boolean unique;
    /** Set once some document gave several keys (it stays set): its order is then not a document order. */
    volatile boolean multikey;
    final MVMap<byte[], byte[]> map;

    Index(String name, List<String> fields, boolean unique, boolean multikey, MVMap<byte[], byte[]> map) {
        this.name = name;
        this.fields = List.copyOf(fields);
        this.parts = fields.stream().map(Paths::split).toArray(String[][]::new);
        this.unique = unique;
        this.multikey = multikey;
        this.map = map;
    }

    /** As the catalog stores it: {@code unique|multikey|field,field}. */
    String spec() {
        return unique + "|" + multikey + "|" + String.join(",", fields);
    }

    static Index fromSpec(String name, String spec, MVMap<byte[], byte[]> map) {
        String[] s = spec.split("\\|", 3);
        return new Index(name, List.of(s[2].split(",")), Boolean.parseBoolean(s[0]), Boolean.parseBoolean(s[1]), map);
    }

    /** The document's keys (without its number), distinct, in order. */
    TreeSet<byte[]> keys(BsonDocument doc) {
        TreeSet<byte[]> keys = new TreeSet<>(Arrays::compareUnsigned);
        combine(doc, 0, new ByteArrayOutputStream(), keys);
        return keys;
    }

    private void combine(BsonDocument doc, int field, ByteArrayOutputStream prefix, TreeSet<byte[]> keys) {
        if (field == parts.length) {
            keys.add(prefix.toByteArray());
            return;
        }
        for (BsonValue value : Paths.indexed(doc, parts[field])) {
            ByteArrayOutputStream key = new ByteArrayOutputStream(prefix.size() + 16);
            key.writeBytes(prefix.toByteArray());
            Keys.append(key, value);
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
