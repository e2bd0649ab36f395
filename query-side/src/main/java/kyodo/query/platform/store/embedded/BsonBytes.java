package kyodo.query.platform.store.embedded;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A document's BSON bytes written straight into an array, for the values the projections write (strings,
 * 32- and 64-bit integers, doubles, booleans, nulls, dates, documents and arrays): the driver's
 * {@code BsonBinaryWriter} checks its state and the name of every element and writes each byte through its
 * buffer, which was two thirds of writing a replay's documents out at 10⁶ events. The bytes are the
 * driver's, a string's UTF-8 included as it writes it (code point by code point, a lone surrogate as its
 * three bytes); {@code BsonCodingTest} compares them byte for byte. A document holding any other value, or
 * a name with a null character (which the driver refuses), is left to the driver ({@link #of} answers null).
 * One per writing thread, reused.
 */
final class BsonBytes {

    /** Larger than most documents, so that writing one rarely grows it. */
    private static final int BUFFER = 16 * 1024;
    private static final ThreadLocal<BsonBytes> WRITERS = ThreadLocal.withInitial(BsonBytes::new);
    private static final String[] INDEXES = new String[256];

    static {
        for (int i = 0; i < INDEXES.length; i++) {
            INDEXES[i] = Integer.toString(i);
        }
    }

    private byte[] buf = new byte[BUFFER];
    private int pos;

    /** The document's bytes, or null when it holds a value written here by no case. */
    static byte[] of(BsonDocument doc) {
        BsonBytes writer = WRITERS.get();
        writer.pos = 0;
        boolean written = writer.document(doc);
        byte[] bytes = written ? Arrays.copyOf(writer.buf, writer.pos) : null;
        if (writer.buf.length > 4 * BUFFER) {
            WRITERS.remove(); // one very large document does not stay on the heap
        }
        return bytes;
    }

    private boolean document(BsonDocument doc) {
        int start = reserve();
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            if (!element(e.getKey(), e.getValue())) {
                return false;
            }
        }
        return end(start);
    }

    private boolean array(BsonArray array) {
        int start = reserve();
        List<BsonValue> values = array.getValues();
        for (int i = 0; i < values.size(); i++) {
            if (!element(i < INDEXES.length ? INDEXES[i] : Integer.toString(i), values.get(i))) {
                return false;
            }
        }
        return end(start);
    }

    private boolean element(String name, BsonValue value) {
        int type = pos;
        put((byte) value.getBsonType().getValue());
        if (!characters(name, true)) {
            return false;
        }
        switch (value.getBsonType()) {
            case STRING -> {
                int length = reserve();
                characters(value.asString().getValue(), false);
                int32(length, pos - length - 4);
            }
            case INT32 -> int32(value.asInt32().getValue());
            case INT64 -> int64(value.asInt64().getValue());
            case DOUBLE -> int64(Double.doubleToRawLongBits(value.asDouble().getValue()));
            case BOOLEAN -> put((byte) (value.asBoolean().getValue() ? 1 : 0));
            case DATE_TIME -> int64(value.asDateTime().getValue());
            case NULL -> { }
            case DOCUMENT -> {
                return document(value.asDocument());
            }
            case ARRAY -> {
                return array(value.asArray());
            }
            default -> {
                pos = type;
                return false;
            }
        }
        return true;
    }

    /** Four bytes for a length written by {@link #end}. */
    private int reserve() {
        int at = pos;
        ensure(4);
        pos += 4;
        return at;
    }

    private boolean end(int start) {
        put((byte) 0);
        int32(start, pos - start);
        return true;
    }

    /** The string's UTF-8 bytes and a terminating zero, as the driver writes them; false for a name with a zero. */
    private boolean characters(String text, boolean name) {
        int length = text.length();
        ensure(3 * length + 1);
        for (int i = 0; i < length; ) {
            int c = Character.codePointAt(text, i);
            if (c < 0x80) {
                if (c == 0 && name) {
                    return false;
                }
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xc0 + (c >> 6));
                buf[pos++] = (byte) (0x80 + (c & 0x3f));
            } else if (c < 0x10000) {
                buf[pos++] = (byte) (0xe0 + (c >> 12));
                buf[pos++] = (byte) (0x80 + ((c >> 6) & 0x3f));
                buf[pos++] = (byte) (0x80 + (c & 0x3f));
            } else {
                buf[pos++] = (byte) (0xf0 + (c >> 18));
                buf[pos++] = (byte) (0x80 + ((c >> 12) & 0x3f));
                buf[pos++] = (byte) (0x80 + ((c >> 6) & 0x3f));
                buf[pos++] = (byte) (0x80 + (c & 0x3f));
            }
            i += Character.charCount(c);
        }
        buf[pos++] = 0;
        return true;
    }

    private void put(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    private void int32(int value) {
        ensure(4);
        int32(pos, value);
        pos += 4;
    }

    private void int32(int at, int value) {
        buf[at] = (byte) value;
        buf[at + 1] = (byte) (value >> 8);
        buf[at + 2] = (byte) (value >> 16);
        buf[at + 3] = (byte) (value >> 24);
    }

    private void int64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (value >> (8 * i));
        }
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, pos + more));
        }
    }
}
