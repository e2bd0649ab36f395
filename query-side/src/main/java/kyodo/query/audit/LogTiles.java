package kyodo.query.audit;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log as C2SP {@code tlog-tiles}: hash tiles {@code tile/<L>/<N>[.p/<W>]} and entry bundles
 * {@code tile/entries/<N>[.p/<W>]}. The n-th tile of level l holds, for i from 0 to its width − 1,
 * {@code MTH(D[(n·256 + i)·256^l : (n·256 + i + 1)·256^l])}; level 0 thus holds the leaf hashes. A
 * tile is available in a tree of s entries when its hashes are: {@code n·256 + w ≤ ⌊s / 256^l⌋}.
 * <p>
 * Each entry of a bundle is the log's leaf data, the 32 bytes of the entry's {@code hash}, after its
 * big-endian uint16 length: exactly what the level-0 tile hashes, so tiles, bundles and the JSON
 * proofs describe the same tree. The entry itself is served as JSON at {@code /public/decisions}, and
 * its hash commits to it through the chain.
 */
public final class LogTiles {

    /** Hashes in a full tile. */
    public static final int WIDTH = 256;
    /** Bytes of one hash. */
    private static final int HASH = 32;
    private static final Pattern PATH =
            Pattern.compile("(0|[1-9][0-9]?|entries)/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([1-9][0-9]{0,2}))?");

    private LogTiles() {
    }

    /**
     * A tile or an entry bundle.
     *
     * @param level the tile's level, or -1 for an entry bundle
     * @param index its index within the level
     * @param width its number of hashes or entries: 256 for a full one
     */
    public record Tile(int level, long index, int width) {

        /** Whether this is an entry bundle rather than a hash tile. */
        public boolean entries() {
            return level < 0;
        }

        /** Whether it is full (immutable) rather than the partial right edge. */
        public boolean full() {
            return width == WIDTH;
        }

        /** Its path after {@code tile/}, e.g. {@code 1/x001/234.p/5}. */
        public String path() {
            StringBuilder n = new StringBuilder(String.format("%03d", index % 1000));
            for (long rest = index / 1000; rest > 0; rest /= 1000) {
                n.insert(0, String.format("x%03d/", rest % 1000));
            }
            return (entries() ? "entries" : Integer.toString(level)) + "/" + n + (full() ? "" : ".p/" + width);
        }

        /** The first leaf the tile spans (its start index), or -1 when that exceeds a long. */
        long firstLeaf() {
            return scaled(index * WIDTH, Math.max(level, 0));
        }
    }

    /** Reads a path after {@code tile/}; empty when it is not one the spec allows (levels 0 to 63). */
    public static Optional<Tile> parse(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean entries = "entries".equals(m.group(1));
        int level = entries ? -1 : Integer.parseInt(m.group(1));
        String digits = m.group(2).replace("x", "").replace("/", "");
        int width = m.group(3) == null ? WIDTH : Integer.parseInt(m.group(3));
        if (level > 63 || m.group(3) != null && width >= WIDTH || digits.length() > 18) {
            return Optional.empty();
        }
        return Optional.of(new Tile(level, Long.parseLong(digits), width));
    }

    /** Whether the tree of {@code treeSize} entries has every hash (or entry) of the tile. */
    public static boolean available(Tile tile, long treeSize) {
        long hashes = treeSize;
        for (int l = 0; l < Math.max(tile.level(), 0); l++) {
            hashes /= WIDTH;
        }
        return tile.index() <= hashes / WIDTH && tile.index() * WIDTH + tile.width() <= hashes;
    }

    /**
     * The tile's bytes: its hashes, each the root of the 256^level leaves it spans.
     *
     * @param leafHashes the tree's leaf hashes (at least up to the tile's end)
     */
    public static byte[] hashes(Tile tile, List<byte[]> leafHashes) {
        return hashes(tile, (from, to) -> MerkleTree.root(leafHashes.subList((int) from, (int) to)));
    }

    /** The tile's bytes, each hash the root of the 256^level leaves it spans, given by {@code nodes}. */
    static byte[] hashes(Tile tile, MerkleProofs.Nodes nodes) {
        long span = scaled(1, tile.level());
        ByteArrayOutputStream out = new ByteArrayOutputStream(tile.width() * HASH);
        for (int i = 0; i < tile.width(); i++) {
            long from = tile.firstLeaf() + i * span;
            out.writeBytes(nodes.root(from, from + span));
        }
        return out.toByteArray();
    }

    /** An entry bundle's bytes: each leaf's data after its big-endian uint16 length. */
    public static byte[] bundle(List<byte[]> leafData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(leafData.size() * (HASH + 2));
        for (byte[] data : leafData) {
            out.write(data.length >> 8);
            out.write(data.length & 0xff);
            out.writeBytes(data);
        }
        return out.toByteArray();
    }

    /** {@code n · 256^level}, or -1 when it exceeds a long. */
    private static long scaled(long n, int level) {
        long value = n;
        for (int l = 0; l < level; l++) {
            if (value > Long.MAX_VALUE / WIDTH) {
                return -1;
            }
            value *= WIDTH;
        }
        return value;
    }
}
