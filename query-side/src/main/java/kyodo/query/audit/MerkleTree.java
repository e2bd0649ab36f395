package kyodo.query.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 6962 (Certificate Transparency) §2.1 over a list of leaves: leaf hash
 * {@code SHA-256(0x00 ‖ data)}, node hash {@code SHA-256(0x01 ‖ left ‖ right)}, a tree of n leaves
 * split after the largest power of two below n. Audit (inclusion) paths and consistency proofs are
 * generated as §2.1.1 and §2.1.2 define them and verified with the algorithms of RFC 9162
 * §2.1.3.2 and §2.1.4.2.
 * <p>
 * Methods that take a list take <em>leaf hashes</em> (already {@link #leafHash hashed}), so that a
 * log can keep those and never re-hash its leaves.
 */
public final class MerkleTree {

    private static final byte[] LEAF_PREFIX = {0x00};
    private static final byte[] NODE_PREFIX = {0x01};

    private MerkleTree() {
    }

    public static byte[] leafHash(byte[] data) {
        return Hashing.sha256(LEAF_PREFIX, data);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        return Hashing.sha256(NODE_PREFIX, left, right);
    }

    /** MTH({}): the hash of the empty string. */
    public static byte[] emptyRoot() {
        return Hashing.sha256();
    }

    /** MTH(D[n]) of the given leaf hashes. */
    public static byte[] root(List<byte[]> leafHashes) {
        return leafHashes.isEmpty() ? emptyRoot() : subtree(leafHashes, 0, leafHashes.size());
    }

    /**
     * PATH(m, D[n]): the audit path of leaf {@code index} (0-based) in the tree of all given leaves,
     * from the leaf's sibling up to the root's child.
     */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index) {
        return MerkleProofs.inclusion(over(leafHashes), index, leafHashes.size());
    }

    /**
     * PROOF(m, D[n]): the consistency proof between the tree of the first {@code m} leaves and the
     * tree of all given leaves (0 &lt; m &le; n); empty when m = n.
     */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int m) {
        return MerkleProofs.consistency(over(leafHashes), m, leafHashes.size());
    }

    /**
     * Whether {@code proof} shows that the leaf with hash {@code leafHash} is leaf {@code index} of the
     * tree of {@code size} leaves whose root is {@code root} (RFC 9162 §2.1.3.2).
     */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /**
     * Whether {@code proof} shows that the tree of {@code first} leaves with root {@code firstRoot} is
     * a prefix of the tree of {@code second} leaves with root {@code secondRoot} (RFC 9162 §2.1.4.2).
     * For equal sizes the proof must be empty and the roots equal.
     */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> proof) {
        if (first < 1 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    /** The largest power of two strictly below {@code n} (n &gt; 1): RFC 6962's split point k. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** MTH of leaves [from, to). */
    private static byte[] subtree(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = (int) split(n);
        return nodeHash(subtree(leaves, from, from + k), subtree(leaves, from + k, to));
    }

    /** The subtree roots of a list of every leaf, computed from the leaves on each call. */
    private static MerkleProofs.Nodes over(List<byte[]> leaves) {
        return (from, to) -> subtree(leaves, (int) from, (int) to);
    }

    /**
     * The right edge of a growing tree: the roots of its perfect subtrees, largest first (at most
     * one per bit of the size). Appending a leaf and reading the root cost O(log n), so a log can
     * sign checkpoints while it grows without re-reading its leaves.
     */
    public static final class Frontier {

        private final List<byte[]> roots = new ArrayList<>();
        private final List<Long> sizes = new ArrayList<>();
        private long size;

        /** Adds the next leaf, given as its leaf hash. */
        public void append(byte[] leafHash) {
            roots.add(leafHash);
            sizes.add(1L);
            size++;
            int last = roots.size() - 1;
            while (last > 0 && sizes.get(last).equals(sizes.get(last - 1))) {
                byte[] merged = nodeHash(roots.get(last - 1), roots.get(last));
                long mergedSize = sizes.get(last) * 2;
                roots.remove(last);
                sizes.remove(last);
                roots.set(last - 1, merged);
                sizes.set(last - 1, mergedSize);
                last--;
            }
        }

        public long size() {
            return size;
        }

        /** The roots of its perfect subtrees, largest first: one per set bit of {@link #size()}. */
        public List<byte[]> roots() {
            return roots.stream().map(byte[]::clone).toList();
        }

        /**
         * The frontier of {@code size} leaves from its subtrees' roots, largest first (as {@link #roots()}
         * gave them).
         *
         * @throws IllegalArgumentException unless there is one 32-byte root per set bit of {@code size}
         */
        public static Frontier of(long size, List<byte[]> roots) {
            if (size < 0 || roots.size() != Long.bitCount(size)
                    || roots.stream().anyMatch(r -> r == null || r.length != 32)) {
                throw new IllegalArgumentException("a frontier of " + size + " leaves has " + Long.bitCount(size)
                        + " roots of 32 bytes");
            }
            Frontier frontier = new Frontier();
            int next = 0;
            for (int bit = 62; bit >= 0; bit--) {
                if ((size & (1L << bit)) != 0) {
                    frontier.roots.add(roots.get(next++).clone());
                    frontier.sizes.add(1L << bit);
                }
            }
            frontier.size = size;
            return frontier;
        }

        /** MTH of the leaves appended so far. */
        public byte[] root() {
            if (roots.isEmpty()) {
                return emptyRoot();
            }
            byte[] r = roots.get(roots.size() - 1);
            for (int i = roots.size() - 2; i >= 0; i--) {
                r = nodeHash(roots.get(i), r);
            }
            return r;
        }
    }
}
