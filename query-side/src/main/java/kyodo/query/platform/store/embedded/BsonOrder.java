package kyodo.query.platform.store.embedded;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * MongoDB's order of BSON values, which sorts, ranges and equality follow: MinKey, null (and a missing
 * field), numbers by value across int32/int64/double/decimal, text by code point, documents, arrays,
 * binary, ObjectId, booleans, dates, timestamps, regular expressions, MaxKey.
 */
final class BsonOrder {

    /** A sort key for an empty array, which MongoDB sorts below null and a missing field. */
    static final BsonValue EMPTY_ARRAY = new BsonUndefined();
    /** The {@link #rank} of strings and symbols: two of them are equal when their texts are. */
    static final int TEXT = 4;

    private BsonOrder() {
    }

    /** The type class: values of different classes compare by it alone. Java null is a missing field. */
    static int rank(BsonValue v) {
        if (v == null) {
            return 2;
        }
        if (v == EMPTY_ARRAY) {
            return 1;
        }
        return switch (v.getBsonType()) {
            case MIN_KEY -> 0;
            case NULL, UNDEFINED -> 2;
            case INT32, INT64, DOUBLE, DECIMAL128 -> 3;
            case STRING, SYMBOL -> TEXT;
            case DOCUMENT -> 5;
            case ARRAY -> 6;
            case BINARY -> 7;
            case OBJECT_ID -> 8;
            case BOOLEAN -> 9;
            case DATE_TIME -> 10;
            case TIMESTAMP -> 11;
            case REGULAR_EXPRESSION -> 12;
            case MAX_KEY -> 14;
            default -> 13;
        };
    }

    static boolean equal(BsonValue a, BsonValue b) {
        return compare(a, b) == 0;
    }

    /**
     * Whether two values would be stored as the same bytes: the same types and values, fields in the
     * same order (where {@link #equal} sees 1 and 1.0, or reordered fields, as equal).
     */
    static boolean sameInOrder(BsonValue a, BsonValue b) {
        if (a == b) {
            return true; // a field that a change of a held document left shared
        }
        if (a.getBsonType() != b.getBsonType()) {
            return false;
        }
        if (a instanceof BsonDocument x) {
            BsonDocument y = b.asDocument();
            if (x.size() != y.size()) {
                return false;
            }
            var others = y.entrySet().iterator();
            for (Map.Entry<String, BsonValue> e : x.entrySet()) {
                Map.Entry<String, BsonValue> other = others.next();
                if (!e.getKey().equals(other.getKey()) || !sameInOrder(e.getValue(), other.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof BsonArray x) {
            BsonArray y = b.asArray();
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameInOrder(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static int compare(BsonValue a, BsonValue b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case 3 -> compareNumbers(a, b);
            case 4 -> compareText(text(a), text(b));
            case 5 -> compareDocuments(a.asDocument(), b.asDocument());
            case 6 -> compareArrays(a.asArray(), b.asArray());
            case 7 -> compareBinary(a.asBinary(), b.asBinary());
            case 8 -> a.asObjectId().getValue().compareTo(b.asObjectId().getValue());
            case 9 -> Boolean.compare(a.asBoolean().getValue(), b.asBoolean().getValue());
            case 10 -> Long.compare(a.asDateTime().getValue(), b.asDateTime().getValue());
            case 11 -> Long.compareUnsigned(a.asTimestamp().getValue(), b.asTimestamp().getValue());
            case 12 -> compareRegex(a.asRegularExpression(), b.asRegularExpression());
            default -> 0;
        };
    }

    static String text(BsonValue v) {
        return v.isString() ? v.asString().getValue() : v.asSymbol().getSymbol();
    }

    /** By Unicode code point, which is the byte order of UTF-8 that MongoDB compares. */
    static int compareText(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Whether the number is NaN (MongoDB orders NaN below every other number). */
    static boolean isNaN(BsonValue v) {
        return v.isDouble() && Double.isNaN(v.asDouble().getValue())
                || v.isDecimal128() && v.asDecimal128().getValue().isNaN();
    }

    static int compareNumbers(BsonValue a, BsonValue b) {
        boolean nanA = isNaN(a);
        boolean nanB = isNaN(b);
        if (nanA || nanB) {
            return Boolean.compare(!nanA, !nanB);
        }
        if ((a.isInt32() || a.isInt64()) && (b.isInt32() || b.isInt64())) {
            return Long.compare(a.asNumber().longValue(), b.asNumber().longValue());
        }
        if (a.isDouble() && b.isDouble()) {
            double x = a.asDouble().getValue();
            double y = b.asDouble().getValue();
            return x < y ? -1 : x > y ? 1 : 0;
        }
        double infA = infinity(a);
        double infB = infinity(b);
        if (infA != 0 || infB != 0) {
            return Double.compare(infA, infB);
        }
        return exact(a).compareTo(exact(b));
    }

    /** -1 or 1 for an infinite number, else 0. */
    private static double infinity(BsonValue v) {
        if (v.isDouble() && Double.isInfinite(v.asDouble().getValue())) {
            return Math.signum(v.asDouble().getValue());
        }
        if (v.isDecimal128() && v.asDecimal128().getValue().isInfinite()) {
            return v.asDecimal128().getValue().isNegative() ? -1 : 1;
        }
        return 0;
    }

    /** The exact value of a finite number. */
    static BigDecimal exact(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32 -> BigDecimal.valueOf(v.asInt32().getValue());
            case INT64 -> BigDecimal.valueOf(v.asInt64().getValue());
            case DOUBLE -> new BigDecimal(v.asDouble().getValue());
            default -> decimal(v.asDecimal128().getValue());
        };
    }

    private static BigDecimal decimal(Decimal128 d) {
        return d.isNegative() && d.bigDecimalValue().signum() == 0 ? BigDecimal.ZERO : d.bigDecimalValue();
    }

    private static int compareDocuments(BsonDocument a, BsonDocument b) {
        Iterator<Map.Entry<String, BsonValue>> ia = a.entrySet().iterator();
        Iterator<Map.Entry<String, BsonValue>> ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<String, BsonValue> ea = ia.next();
            Map.Entry<String, BsonValue> eb = ib.next();
            int c = Integer.compare(rank(ea.getValue()), rank(eb.getValue()));
            if (c == 0) {
                c = compareText(ea.getKey(), eb.getKey());
            }
            if (c == 0) {
                c = compare(ea.getValue(), eb.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    private static int compareArrays(BsonArray a, BsonArray b) {
        Iterator<BsonValue> ia = a.iterator();
        Iterator<BsonValue> ib = b.iterator();
        while (ia.hasNext() && ib.hasNext()) {
            int c = compare(ia.next(), ib.next());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    private static int compareBinary(BsonBinary a, BsonBinary b) {
        int c = Integer.compare(a.getData().length, b.getData().length);
        if (c == 0) {
            c = Integer.compare(a.getType() & 0xff, b.getType() & 0xff);
        }
        return c != 0 ? c : Arrays.compareUnsigned(a.getData(), b.getData());
    }

    private static int compareRegex(BsonRegularExpression a, BsonRegularExpression b) {
        int c = compareText(a.getPattern(), b.getPattern());
        return c != 0 ? c : compareText(a.getOptions(), b.getOptions());
    }
}
