package kyodo.query.platform.store.embedded;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.List;

/** The values at a dotted path, as MongoDB's query language finds them. */
final class Paths {

    private Paths() {
    }

    static String[] split(String path) {
        if (path.isEmpty() || path.startsWith("$") || path.contains("..") || path.endsWith(".")) {
            throw new IllegalArgumentException("unsupported field path: '" + path + "'");
        }
        return path.split("\\.");
    }

    /**
     * Through nested documents, through every document of an array (and a numeric part as an array
     * position); a Java null for each branch that lacks the path. An array at the end is one value:
     * whoever matches decides whether to look at its elements.
     */
    static List<BsonValue> leaves(BsonDocument doc, String[] parts) {
        List<BsonValue> out = new ArrayList<>(2);
        collect(doc, parts, 0, out);
        return out;
    }

    private static void collect(BsonValue current, String[] parts, int i, List<BsonValue> out) {
        if (i == parts.length) {
            out.add(current);
            return;
        }
        if (current instanceof BsonDocument doc) {
            BsonValue next = doc.get(parts[i]);
            if (next == null) {
                out.add(null);
            } else {
                collect(next, parts, i + 1, out);
            }
        } else if (current instanceof BsonArray array) {
            int before = out.size();
            int position = position(parts[i]);
            int index = 0;
            for (BsonValue element : array) {
                if (index++ == position) {
                    collect(element, parts, i + 1, out);
                }
                if (element instanceof BsonDocument) {
                    collect(element, parts, i, out);
                }
            }
            if (out.size() == before) {
                out.add(null);
            }
        } else {
            out.add(null);
        }
    }

    private static int position(String part) {
        if (part.isEmpty() || part.length() > 9) {
            return -1;
        }
        for (int i = 0; i < part.length(); i++) {
            if (!Character.isDigit(part.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(part);
    }

    /**
     * The values an index holds for a document at a path: each element of an array (an empty array
     * as {@link BsonOrder#EMPTY_ARRAY}), null for a missing field.
     */
    static List<BsonValue> indexed(BsonDocument doc, String[] parts) {
        List<BsonValue> values = new ArrayList<>();
        for (BsonValue leaf : leaves(doc, parts)) {
            if (leaf instanceof BsonArray array) {
                if (array.isEmpty()) {
                    values.add(BsonOrder.EMPTY_ARRAY);
                }
                array.forEach(values::add);
            } else {
                values.add(leaf);
            }
        }
        return values;
    }

    /** Whether an index of the path would hold several values for this document, or an array. */
    static boolean multikey(BsonDocument doc, String[] parts) {
        List<BsonValue> leaves = leaves(doc, parts);
        return leaves.size() > 1 || leaves.get(0) instanceof BsonArray;
    }
}
