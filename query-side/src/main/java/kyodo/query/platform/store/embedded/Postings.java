package kyodo.query.platform.store.embedded;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The postings of an index key as packed blocks: one map entry per (key, block), keyed
 * {@link Keys#entry(byte[], long) key + the block's first internal number}, holding up to
 * {@link #BLOCK} sorted distinct numbers as a count and varint deltas. A search bigram of a few
 * thousand documents is then some fifty entries: a document's insert appends its number to the last
 * block of each of its keys, and a count or an intersection decodes primitive arrays instead of
 * walking one map entry per document.
 */
final class Postings {

    /** Numbers per full block: a block rewritten per append stays a few hundred bytes. */
    static final int BLOCK = 128;

    private Postings() {
    }

    static byte[] encode(long[] numbers, int from, int to) {
        byte[] out = new byte[5 + 10 * (to - from)];
        int at = putVarLong(out, 0, to - from);
        long previous = 0;
        for (int i = from; i < to; i++) {
            at = putVarLong(out, at, numbers[i] - previous);
            previous = numbers[i];
        }
        return Arrays.copyOf(out, at);
    }

    /** How many numbers a block holds, without decoding them. */
    static int count(byte[] block) {
        int count = 0;
        for (int at = 0, shift = 0; ; shift += 7) {
            byte b = block[at++];
            count |= (b & 0x7f) << shift;
            if (b >= 0) {
                return count;
            }
        }
    }

    /** Adds the block's numbers to the list, in order. */
    static void decode(byte[] block, Access.LongList out) {
        long[] read = new long[2];
        readVarLong(block, 0, read);
        int count = (int) read[0];
        int at = (int) read[1];
        long value = 0;
        for (int i = 0; i < count; i++) {
            readVarLong(block, at, read);
            value += read[0];
            at = (int) read[1];
            out.add(value);
        }
    }

    /**
     * Applies a key's changes: {@code adds} and {@code removes} sorted, distinct and disjoint. Each
     * number goes to the block it falls in (the first block for a number below it), only the blocks
     * touched are rewritten, a block past {@link #BLOCK} numbers is cut into full ones, and an
     * emptied block is removed.
     */
    static void apply(MVMap<byte[], byte[]> map, byte[] key, long[] adds, long[] removes) {
        List<long[]> touched = new ArrayList<>(); // {start of the block, or -1 for a new one}
        List<Access.LongList> contents = new ArrayList<>();
        int a = 0;
        int r = 0;
        while (a < adds.length || r < removes.length) {
            long n = r >= removes.length || a < adds.length && adds[a] < removes[r] ? adds[a] : removes[r];
            byte[] block = within(key, map.floorKey(Keys.entry(key, n)));
            if (block == null) {
                block = within(key, map.ceilingKey(Keys.entry(key, 0)));
            }
            long start = block == null ? -1 : Keys.number(block);
            byte[] next = block == null ? null : within(key, map.higherKey(block));
            long end = next == null ? Long.MAX_VALUE : Keys.number(next);
            Access.LongList values = new Access.LongList();
            if (block != null) {
                decode(map.get(block), values);
            }
            int addFrom = a;
            while (a < adds.length && adds[a] < end) {
                a++;
            }
            int removeFrom = r;
            while (r < removes.length && removes[r] < end) {
                r++;
            }
            touched.add(new long[]{start});
            contents.add(merge(values, adds, addFrom, a, removes, removeFrom, r));
        }
        // new blocks first, then the old ones they replace: a query meanwhile never misses a document
        // that was there before (a block that keeps its first number is simply overwritten)
        Set<Long> written = new HashSet<>();
        for (Access.LongList values : contents) {
            for (int from = 0; from < values.size; from += BLOCK) {
                int to = Math.min(values.size, from + BLOCK);
                map.put(Keys.entry(key, values.values[from]), encode(values.values, from, to));
                written.add(values.values[from]);
            }
        }
        for (long[] start : touched) {
            if (start[0] >= 0 && !written.contains(start[0])) {
                map.remove(Keys.entry(key, start[0]));
            }
        }
    }

    /** The sorted union of a block's numbers and the adds, without the removes. */
    private static Access.LongList merge(Access.LongList values, long[] adds, int addFrom, int addTo, long[] removes,
                                         int removeFrom, int removeTo) {
        Access.LongList out = new Access.LongList();
        int i = 0;
        int j = addFrom;
        int k = removeFrom;
        while (i < values.size || j < addTo) {
            long v;
            if (j >= addTo || i < values.size && values.values[i] <= adds[j]) {
                v = values.values[i++];
                if (j < addTo && adds[j] == v) {
                    j++;
                }
            } else {
                v = adds[j++];
            }
            while (k < removeTo && removes[k] < v) {
                k++;
            }
            if (k < removeTo && removes[k] == v) {
                continue;
            }
            out.add(v);
        }
        return out;
    }

    /** The map key if it is a block of {@code key}, else null. */
    private static byte[] within(byte[] key, byte[] block) {
        if (block == null || Keys.keyLength(block) != key.length
                || !Arrays.equals(block, 0, key.length, key, 0, key.length)) {
            return null;
        }
        return block;
    }

    /** Every number of the blocks in {@code [from, to)}, appended in key order. */
    static void numbers(MVMap<byte[], ?> map, byte[] from, byte[] to, Access.LongList out) {
        for (Cursor<byte[], ?> cursor = map.cursor(from); cursor.hasNext(); ) {
            byte[] block = cursor.next();
            if (to != null && Arrays.compareUnsigned(block, to) >= 0) {
                return;
            }
            decode((byte[]) cursor.getValue(), out);
        }
    }

    /** How many numbers the blocks in {@code [from, to)} hold; past {@code limit} blocks, -1. */
    static long count(MVMap<byte[], ?> map, byte[] from, byte[] to, long limit) {
        long count = 0;
        long blocks = 0;
        for (Cursor<byte[], ?> cursor = map.cursor(from); cursor.hasNext(); ) {
            byte[] block = cursor.next();
            if (to != null && Arrays.compareUnsigned(block, to) >= 0) {
                break;
            }
            if (++blocks > limit) {
                return -1;
            }
            count += count((byte[]) cursor.getValue());
        }
        return count;
    }

    private static int putVarLong(byte[] out, int at, long v) {
        while ((v & ~0x7fL) != 0) {
            out[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    /** {@code read[0]} the value, {@code read[1]} the offset after it. */
    private static void readVarLong(byte[] in, int at, long[] read) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in[at++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                read[0] = v;
                read[1] = at;
                return;
            }
        }
    }
}
