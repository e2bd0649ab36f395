package kyodo.query.platform.store.embedded;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Index keys as bytes whose unsigned order follows {@link BsonOrder}: a value never encodes below a
 * smaller one, and equal values (1, 1L and 1.0) encode alike. Each value is self-delimiting, so keys
 * of several fields concatenate, and an index entry ends with the document's internal number.
 * Values of one class that need not be told apart by an index (documents, arrays, binary) encode as
 * their class alone, which keeps the order (never strictly wrong) and leaves the rest to the matcher.
 */
final class Keys {

    private static final int EMPTY = 0x05;
    private static final int NAN = 0x20;
    private static final int NUMBER = 0x21;
    private static final double EXACT_LONG = 9007199254740992.0; // 2^53

    private Keys() {
    }

    static byte[] encode(BsonValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        append(out, value);
        return out.toByteArray();
    }

    /**
     * An {@code _id} key: {@link #encode} followed, for the classes it does not tell apart, by the
     * value's BSON bytes, so that two distinct ids never share a key.
     */
    static byte[] id(BsonValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        append(out, value);
        int rank = BsonOrder.rank(value);
        if (rank == 5 || rank == 6 || rank == 7 || rank >= 12) {
            byte[] raw = raw(value);
            out.write(raw, 0, raw.length);
        }
        return out.toByteArray();
    }

    static void append(ByteArrayOutputStream out, BsonValue v) {
        int rank = BsonOrder.rank(v);
        if (v == BsonOrder.EMPTY_ARRAY) {
            out.write(EMPTY);
            return;
        }
        switch (rank) {
            case 3 -> number(out, v);
            case 4 -> {
                byte[] text = BsonOrder.text(v).getBytes(StandardCharsets.UTF_8);
                int zeros = 0;
                for (byte b : text) {
                    zeros += b == 0 ? 1 : 0;
                }
                // written at once, not byte by byte: an index of search tokens encodes hundreds per document
                byte[] encoded = new byte[text.length + zeros + 3];
                encoded[0] = 0x30;
                for (int i = 0, at = 1; i < text.length; i++) {
                    encoded[at++] = text[i];
                    if (text[i] == 0) {
                        encoded[at++] = (byte) 0xff;
                    }
                }
                out.writeBytes(encoded);
            }
            case 8 -> {
                out.write(0x70);
                out.writeBytes(v.asObjectId().getValue().toByteArray());
            }
            case 9 -> {
                out.write(0x80);
                out.write(v.asBoolean().getValue() ? 1 : 0);
            }
            case 10 -> {
                out.write(0x90);
                writeLong(out, v.asDateTime().getValue() ^ Long.MIN_VALUE);
            }
            case 11 -> {
                out.write(0xa0);
                writeLong(out, v.asTimestamp().getValue());
            }
            default -> out.write(tag(rank));
        }
    }

    /** The nearest double, then what the exact value differs from it by: exact for every long. */
    private static void number(ByteArrayOutputStream out, BsonValue v) {
        if (BsonOrder.isNaN(v)) {
            out.write(NAN);
            return;
        }
        double nearest;
        double rest = 0;
        if (v.isDouble()) {
            nearest = v.asDouble().getValue();
        } else if (v.isInt32()) {
            nearest = v.asInt32().getValue();
        } else if (v.isInt64()) {
            long n = v.asInt64().getValue();
            nearest = n;
            if (Math.abs(nearest) >= EXACT_LONG) {
                rest = BigDecimal.valueOf(n).subtract(new BigDecimal(nearest)).doubleValue();
            }
        } else if (v.asDecimal128().getValue().isInfinite()) {
            nearest = v.asDecimal128().getValue().isNegative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else {
            BigDecimal exact = BsonOrder.exact(v);
            nearest = exact.doubleValue();
            if (!Double.isInfinite(nearest)) {
                rest = exact.subtract(new BigDecimal(nearest)).doubleValue();
            }
        }
        out.write(NUMBER);
        writeLong(out, sortable(nearest));
        writeLong(out, sortable(rest));
    }

    private static long sortable(double d) {
        long bits = Double.doubleToLongBits(d == 0 ? 0.0 : d);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    static void writeLong(ByteArrayOutputStream out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
    }

    /**
     * The key followed by an internal number: one index entry. The number takes as few bytes as it
     * needs, its length before them (so that entries of one key sort by number) and after them (so
     * that it can be read from the end): an index of a few hundred search bigrams per document
     * holds millions of entries.
     */
    static byte[] entry(byte[] key, long number) {
        int length = Math.max(1, 8 - Long.numberOfLeadingZeros(number) / 8);
        byte[] entry = new byte[key.length + length + 2];
        System.arraycopy(key, 0, entry, 0, key.length);
        entry[key.length] = (byte) length;
        for (int i = 0; i < length; i++) {
            entry[key.length + 1 + i] = (byte) (number >>> (8 * (length - 1 - i)));
        }
        entry[entry.length - 1] = (byte) length;
        return entry;
    }

    /** The length of the encoded value that starts at {@code at} in a key. */
    static int length(byte[] key, int at) {
        switch (key[at] & 0xff) {
            case NUMBER:
                return 17;
            case 0x30:
                int i = at + 1;
                while (key[i] != 0 || key[i + 1] != 0) {
                    i += key[i] == 0 ? 2 : 1; // a 0 followed by 0xff is a 0 of the string
                }
                return i + 2 - at;
            case 0x70:
                return 13;
            case 0x80:
                return 2;
            case 0x90, 0xa0:
                return 9;
            default:
                return 1;
        }
    }

    /** The internal number at the end of an index entry. */
    static long number(byte[] entry) {
        int length = entry[entry.length - 1];
        long n = 0;
        for (int i = entry.length - 1 - length; i < entry.length - 1; i++) {
            n = (n << 8) | (entry[i] & 0xff);
        }
        return n;
    }

    /** The length of the key in an index entry. */
    static int keyLength(byte[] entry) {
        return entry.length - entry[entry.length - 1] - 2;
    }

    /** The smallest byte string greater than every string with that prefix, or null if none is. */
    static byte[] upperBound(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xff) {
                byte[] bound = java.util.Arrays.copyOf(prefix, i + 1);
                bound[i]++;
                return bound;
            }
        }
        return null;
    }

    /** The tag of a class whose values encode as the tag alone. */
    private static int tag(int rank) {
        return switch (rank) {
            case 0 -> 0x01;
            case 2 -> 0x10;
            case 5 -> 0x40;
            case 6 -> 0x50;
            case 7 -> 0x60;
            case 12 -> 0xb0;
            case 14 -> 0xf0;
            default -> 0xc0;
        };
    }

    /** Below every key of the value's class (a range within a class, as MongoDB's comparisons are). */
    static byte[] classStart(BsonValue v) {
        byte first = encode(v)[0];
        return new byte[]{first == NUMBER ? NAN : first};
    }

    /** Above every key of the value's class. */
    static byte[] classEnd(BsonValue v) {
        byte first = encode(v)[0];
        return new byte[]{(byte) ((first == NAN ? NUMBER : first) + 1)};
    }

    private static byte[] raw(BsonValue value) {
        RawBsonDocument doc = new RawBsonDocument(new BsonDocument("v", value), new BsonDocumentCodec());
        byte[] bytes = new byte[doc.getByteBuffer().remaining()];
        doc.getByteBuffer().get(bytes);
        return bytes;
    }
}
