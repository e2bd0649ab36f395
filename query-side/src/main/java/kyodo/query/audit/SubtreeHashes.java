package kyodo.query.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadCursor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The interior hashes of the decision log's Merkle tree, kept in memory so that a proof, a root or a tile
 * costs O(log n) hashes and at most a read of the {@value #BLOCK} entries of one block, not a pass over the
 * whole log: the roots of its complete aligned subtrees of {@value #BLOCK} leaves and above (level k holds
 * those of {@code 256·2^k} leaves: what C2SP tiles of level 1 and above hold, and the nodes between), plus the
 * leaf hashes of the entries after the last complete block (fewer than {@value #BLOCK}). At 10⁶ entries that
 * is about 8,000 hashes (≈ 0.4 MB) instead of every leaf hash.
 * <p>
 * Built once from a cursor over the entries and continued as the log grows, checking the chain where it
 * continues; rebuilt from the first entry when the stored log no longer has the chain it was built from (the
 * entry at its size has another hash, the next entry does not continue it, or a block read back does not have
 * its kept root): a log reset or rebuilt under it. The leaves of the last few blocks read are kept too
 * ({@value #KEPT_BLOCKS}): a receipt's tree is the latest checkpoint's, whose right edge is then in memory.
 */
final class SubtreeHashes {

    /** Leaves in a block: the smallest subtree whose root is kept. */
    static final int BLOCK = 256;
    private static final int KEPT_BLOCKS = 8;
    private static final Logger LOGGER = LoggerFactory.getLogger(SubtreeHashes.class);

    private final ReadCollection log;
    /** levels.get(k).get(i): MTH of leaves [i·w, (i+1)·w), w = BLOCK·2^k, for every such complete subtree. */
    private final List<List<byte[]>> levels = new ArrayList<>();
    /** The leaf hashes after the last complete block. */
    private final List<byte[]> tail = new ArrayList<>();
    private final Map<Long, List<byte[]>> keptBlocks = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<byte[]>> eldest) {
            return size() > KEPT_BLOCKS;
        }
    };
    /** The hash of the entry at {@link #size()}: chains every entry covered. */
    private String lastHash = Hashing.ZERO_HASH;

    SubtreeHashes(ReadCollection log) {
        this.log = log;
    }

    /**
     * Runs {@code work} over the subtree roots of the first {@code treeSize} entries, once they are covered.
     *
     * @throws IllegalArgumentException if the log is shorter
     * @throws IllegalStateException    if the stored log has a gap
     */
    synchronized <T> T over(long treeSize, Function<MerkleProofs.Nodes, T> work) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("no tree of " + treeSize + " entries");
        }
        for (int attempt = 0; ; attempt++) {
            cover(treeSize);
            try {
                return work.apply((from, to) -> node(from, to, treeSize));
            } catch (Changed e) {
                if (attempt > 0) {
                    throw new IllegalStateException("the decision log changes while it is read", e);
                }
                LOGGER.debug("Block {} of the decision log is not the one its hashes were built from: rebuilding",
                        e.block);
                clear();
            }
        }
    }

    /** Forgets everything (a reset of the log). */
    synchronized void clear() {
        levels.clear();
        tail.clear();
        keptBlocks.clear();
        lastHash = Hashing.ZERO_HASH;
    }

    /** Entries covered: the complete blocks and the tail. */
    private long size() {
        return blocks() * BLOCK + tail.size();
    }

    private long blocks() {
        return levels.isEmpty() ? 0 : levels.get(0).size();
    }

    /** Makes the hashes cover at least {@code treeSize} entries of the log as stored now. */
    private void cover(long treeSize) {
        if (size() > 0) {
            Document at = log.find(Filters.eq("_id", size())).projection(Projections.include("hash")).first();
            if (at == null || !lastHash.equals(at.getString("hash"))) {
                LOGGER.debug("The stored log no longer has entry {} as its hashes were built: rebuilding", size());
                clear();
            }
        }
        if (size() < treeSize && !extend(treeSize)) {
            LOGGER.debug("The stored log does not continue the chain at entry {}: rebuilding", size() + 1);
            clear();
            extend(treeSize);
        }
        if (size() < treeSize) {
            throw new IllegalArgumentException("the log has only " + size() + " entries");
        }
    }

    /** Reads the entries after the covered ones, one at a time; false if they do not continue their chain. */
    private boolean extend(long treeSize) {
        if (size() == 0) {
            LOGGER.debug("Building the decision log's subtree hashes from its first {} entries", treeSize);
        }
        boolean boundary = size() > 0;
        try (ReadCursor entries = log.find(Filters.gt("_id", size())).sort(Sorts.ascending("_id"))
                .limit((int) Math.min(treeSize - size(), Integer.MAX_VALUE))
                .projection(Projections.include("prevHash", "hash")).cursor()) {
            while (entries.hasNext()) {
                Document doc = entries.next();
                if (((Number) doc.get("_id")).longValue() != size() + 1) {
                    throw new IllegalStateException("the decision log has no entry " + (size() + 1));
                }
                if (boundary && !lastHash.equals(doc.getString("prevHash"))) {
                    return false;
                }
                boundary = false;
                String hash = doc.getString("hash");
                tail.add(MerkleTree.leafHash(Hashing.unhex(hash)));
                lastHash = hash;
                if (tail.size() == BLOCK) {
                    addBlock(MerkleTree.root(tail));
                    tail.clear();
                }
            }
        }
        return true;
    }

    /** Adds a complete block's root, and the root of every subtree it completes. */
    private void addBlock(byte[] root) {
        byte[] node = root;
        for (int level = 0; ; level++) {
            if (levels.size() == level) {
                levels.add(new ArrayList<>());
            }
            List<byte[]> row = levels.get(level);
            row.add(node);
            if (row.size() % 2 == 1) {
                return;
            }
            node = MerkleTree.nodeHash(row.get(row.size() - 2), row.get(row.size() - 1));
        }
    }

    /** MTH(D[from:to]) within the first {@code treeSize} entries. */
    private byte[] node(long from, long to, long treeSize) {
        if (from < 0 || to <= from || to > treeSize) {
            throw new IllegalArgumentException("no subtree [" + from + ", " + to + ") in a tree of " + treeSize);
        }
        long n = to - from;
        if (n >= BLOCK && Long.bitCount(n) == 1 && from % n == 0) {
            return levels.get(Long.numberOfTrailingZeros(n / BLOCK)).get((int) (from / n)).clone();
        }
        if (n <= BLOCK && from / BLOCK == (to - 1) / BLOCK) {
            int offset = (int) (from % BLOCK);
            return MerkleTree.root(leaves(from / BLOCK).subList(offset, offset + (int) n)).clone();
        }
        long k = MerkleTree.split(n);
        return MerkleTree.nodeHash(node(from, from + k, treeSize), node(from + k, to, treeSize));
    }

    /** The leaf hashes of a block: the tail, a kept block, or read from the store and checked against its root. */
    private List<byte[]> leaves(long block) {
        if (block == blocks()) {
            return tail;
        }
        List<byte[]> kept = keptBlocks.get(block);
        if (kept != null) {
            return kept;
        }
        long first = block * BLOCK + 1;
        List<byte[]> read = new ArrayList<>(BLOCK);
        try (ReadCursor entries = log.find(Filters.and(Filters.gte("_id", first), Filters.lt("_id", first + BLOCK)))
                .sort(Sorts.ascending("_id")).projection(Projections.include("hash")).cursor()) {
            while (entries.hasNext()) {
                Document doc = entries.next();
                if (((Number) doc.get("_id")).longValue() != first + read.size()) {
                    throw new Changed(block);
                }
                read.add(MerkleTree.leafHash(Hashing.unhex(doc.getString("hash"))));
            }
        }
        if (read.size() != BLOCK || !Arrays.equals(MerkleTree.root(read), levels.get(0).get((int) block))) {
            throw new Changed(block);
        }
        keptBlocks.put(block, read);
        return read;
    }

    /** A block read back is not the one the hashes were built from. */
    private static final class Changed extends RuntimeException {

        private final long block;

        Changed(long block) {
            super(null, null, false, false);
            this.block = block;
        }
    }
}
