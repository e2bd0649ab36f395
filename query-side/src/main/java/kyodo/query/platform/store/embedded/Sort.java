package kyodo.query.platform.store.embedded;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sort on one or more paths. As in MongoDB, a document sorts by the smallest value of an array
 * ascending and by the largest descending, an empty array below null, null and missing alike.
 */
final class Sort {

    record Key(String path, String[] parts, boolean ascending) {
    }

    static final Sort NONE = new Sort(List.of());

    final List<Key> keys;

    private Sort(List<Key> keys) {
        this.keys = keys;
    }

    static Sort compile(Bson sort) {
        if (sort == null) {
            return NONE;
        }
        List<Key> keys = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : sort.toBsonDocument().entrySet()) {
            BsonValue direction = e.getValue();
            if (!direction.isNumber() || Math.abs(direction.asNumber().doubleValue()) != 1) {
                throw new IllegalArgumentException("unsupported sort on " + e.getKey() + ": " + direction);
            }
            keys.add(new Key(e.getKey(), Paths.split(e.getKey()), direction.asNumber().doubleValue() > 0));
        }
        return new Sort(List.copyOf(keys));
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The value a document sorts by on one key. */
    static BsonValue value(BsonDocument doc, Key key) {
        BsonValue best = null;
        boolean found = false;
        for (BsonValue leaf : Paths.leaves(doc, key.parts())) {
            if (leaf instanceof BsonArray array) {
                for (BsonValue element : array) {
                    if (!found || better(element, best, key.ascending())) {
                        best = element;
                        found = true;
                    }
                }
                if (array.isEmpty() && !found) {
                    best = BsonOrder.EMPTY_ARRAY;
                }
            } else if (!found || better(leaf, best, key.ascending())) {
                best = leaf;
                found = true;
            }
        }
        return best;
    }

    private static boolean better(BsonValue candidate, BsonValue best, boolean ascending) {
        int c = BsonOrder.compare(candidate, best);
        return ascending ? c < 0 : c > 0;
    }

    /** The documents' values on every key, computed once per document. */
    BsonValue[] values(BsonDocument doc) {
        BsonValue[] values = new BsonValue[keys.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(doc, keys.get(i));
        }
        return values;
    }

    int compare(BsonValue[] a, BsonValue[] b) {
        for (int i = 0; i < keys.size(); i++) {
            int c = BsonOrder.compare(a[i], b[i]);
            if (c != 0) {
                return keys.get(i).ascending() ? c : -c;
            }
        }
        return 0;
    }
}
