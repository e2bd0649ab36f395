package kyodo.query.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962's audit paths, consistency proofs and a tree's frontier over any source of subtree roots
 * ({@link Nodes}) instead of a list of every leaf: the decision log answers them from stored interior
 * hashes ({@link SubtreeHashes}) and reads only a few leaves; {@link MerkleTree}'s proofs over a list of every
 * leaf (the verifiers' and the tests' reference) run the same recursion (§2.1.1, §2.1.2) over that list.
 */
final class MerkleProofs {

    private MerkleProofs() {
    }

    /** The roots of a tree's subtrees. */
    @FunctionalInterface
    interface Nodes {

        /** MTH(D[from:to]): the root of leaves {@code from} (inclusive) to {@code to} (exclusive), 0-based. */
        byte[] root(long from, long to);
    }

    /** PATH(index, D[size]): the audit path of leaf {@code index} (0-based), from its sibling up. */
    static List<byte[]> inclusion(Nodes nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(nodes, index, 0, size, path);
        return path;
    }

    /** PROOF(m, D[n]): the consistency proof between the trees of the first m and n leaves; empty when m = n. */
    static List<byte[]> consistency(Nodes nodes, long m, long n) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("no consistency proof from " + m + " to " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(nodes, m, 0, n, true, proof);
        return proof;
    }

    /** The frontier of the first {@code size} leaves: the roots of its perfect subtrees, largest first. */
    static MerkleTree.Frontier frontier(Nodes nodes, long size) {
        List<byte[]> roots = new ArrayList<>();
        long from = 0;
        for (int bit = 62; bit >= 0; bit--) {
            if ((size & (1L << bit)) != 0) {
                roots.add(nodes.root(from, from + (1L << bit)));
                from += 1L << bit;
            }
        }
        return MerkleTree.Frontier.of(size, roots);
    }

    private static void path(Nodes nodes, long m, long from, long to, List<byte[]> out) {
        long n = to - from;
        if (n <= 1) {
            return;
        }
        long k = MerkleTree.split(n);
        if (m < from + k) {
            path(nodes, m, from, from + k, out);
            out.add(nodes.root(from + k, to));
        } else {
            path(nodes, m, from + k, to, out);
            out.add(nodes.root(from, from + k));
        }
    }

    /** SUBPROOF(m, D[from:to], complete), m counted from {@code from}. */
    private static void subproof(Nodes nodes, long m, long from, long to, boolean complete, List<byte[]> out) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(nodes.root(from, to));
            }
            return;
        }
        long k = MerkleTree.split(n);
        if (m <= k) {
            subproof(nodes, m, from, from + k, complete, out);
            out.add(nodes.root(from + k, to));
        } else {
            subproof(nodes, m - k, from + k, to, false, out);
            out.add(nodes.root(from, from + k));
        }
    }
}
