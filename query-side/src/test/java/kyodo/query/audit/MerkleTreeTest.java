package kyodo.query.audit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 6962 trees and proofs against the Certificate Transparency reference test vectors (the
 * eight leaves of the CT reference implementation's Merkle tree tests), and against a plain
 * recursive reading of the RFC's definitions written out in this test.
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The CT test leaves: "", 00, 10, 2021, 3031, 40414243, 5051…57, 6061…6f. */
    static final List<byte[]> CT_LEAVES = List.of(new byte[0], HEX.parseHex("00"), HEX.parseHex("10"),
            HEX.parseHex("2021"), HEX.parseHex("3031"), HEX.parseHex("40414243"),
            HEX.parseHex("5051525354555657"), HEX.parseHex("606162636465666768696a6b6c6d6e6f"));

    /** Roots of the trees of the first 1..8 CT leaves. */
    static final List<String> CT_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void theEmptyTreeIsTheHashOfTheEmptyString() {
        assertThat(hex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootsMatchTheCertificateTransparencyVectors() {
        for (int n = 1; n <= 8; n++) {
            assertThat(hex(MerkleTree.root(leafHashes(CT_LEAVES.subList(0, n))))).as("size %d", n)
                    .isEqualTo(CT_ROOTS.get(n - 1));
        }
    }

    @Test
    void inclusionProofsMatchTheCertificateTransparencyVectors() {
        assertThat(hexes(MerkleTree.inclusionProof(leafHashes(CT_LEAVES.subList(0, 1)), 0))).isEmpty();
        assertThat(hexes(MerkleTree.inclusionProof(leafHashes(CT_LEAVES), 0))).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hexes(MerkleTree.inclusionProof(leafHashes(CT_LEAVES), 5))).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hexes(MerkleTree.inclusionProof(leafHashes(CT_LEAVES.subList(0, 3)), 2))).containsExactly(
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertThat(hexes(MerkleTree.inclusionProof(leafHashes(CT_LEAVES.subList(0, 5)), 1))).containsExactly(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    @Test
    void consistencyProofsMatchTheCertificateTransparencyVectors() {
        List<byte[]> all = leafHashes(CT_LEAVES);
        assertThat(hexes(MerkleTree.consistencyProof(all.subList(0, 1), 1))).isEmpty();
        assertThat(hexes(MerkleTree.consistencyProof(all, 1))).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hexes(MerkleTree.consistencyProof(all, 6))).containsExactly(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hexes(MerkleTree.consistencyProof(all.subList(0, 5), 2))).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    @Test
    void rootsAndProofsEqualThePlainRecursiveDefinitionsUpToFortyLeaves() {
        List<byte[]> data = randomLeaves(40, 1);
        for (int n = 1; n <= data.size(); n++) {
            List<byte[]> leaves = data.subList(0, n);
            List<byte[]> hashes = leafHashes(leaves);
            assertThat(hex(MerkleTree.root(hashes))).isEqualTo(hex(Reference.mth(leaves)));
            for (int m = 0; m < n; m++) {
                assertThat(hexes(MerkleTree.inclusionProof(hashes, m))).as("path %d of %d", m, n)
                        .isEqualTo(hexes(Reference.path(m, leaves)));
            }
            for (int m = 1; m <= n; m++) {
                assertThat(hexes(MerkleTree.consistencyProof(hashes, m))).as("proof %d → %d", m, n)
                        .isEqualTo(hexes(Reference.subproof(m, leaves, true)));
            }
        }
    }

    /*
     * A root alone does not commit to its tree size (RFC 6962 trees of different sizes can share a
     * proof shape), which is why checkpoints sign the size with the root; the tampering checks below
     * therefore change the leaf, the index, the root or the path, not the claimed size.
     */
    @Test
    void everyInclusionProofUpToSizeEightVerifiesAndEveryTamperingFails() {
        List<byte[]> hashes = leafHashes(CT_LEAVES);
        for (int n = 1; n <= 8; n++) {
            List<byte[]> tree = hashes.subList(0, n);
            byte[] root = MerkleTree.root(tree);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.inclusionProof(tree, m);
                assertThat(MerkleTree.verifyInclusion(m, n, tree.get(m), path, root)).as("%d in %d", m, n).isTrue();

                assertThat(MerkleTree.verifyInclusion(m, n, flip(tree.get(m)), path, root)).isFalse();
                assertThat(MerkleTree.verifyInclusion(m, n, tree.get(m), path, flip(root))).isFalse();
                assertThat(MerkleTree.verifyInclusion(m, n, tree.get(m), concat(path, root), root)).isFalse();
                assertThat(MerkleTree.verifyInclusion(n, n, tree.get(m), path, root)).isFalse();
                if (n > 1) {
                    assertThat(MerkleTree.verifyInclusion((m + 1) % n, n, tree.get(m), path, root)).isFalse();
                }
                for (int i = 0; i < path.size(); i++) {
                    List<byte[]> tampered = new ArrayList<>(path);
                    tampered.set(i, flip(path.get(i)));
                    assertThat(MerkleTree.verifyInclusion(m, n, tree.get(m), tampered, root)).isFalse();
                    assertThat(MerkleTree.verifyInclusion(m, n, tree.get(m), path.subList(0, i), root)).isFalse();
                }
            }
        }
    }

    @Test
    void everyConsistencyProofBetweenSizesOneToEightVerifiesAndEveryTamperingFails() {
        List<byte[]> hashes = leafHashes(CT_LEAVES);
        for (int n = 1; n <= 8; n++) {
            byte[] newRoot = MerkleTree.root(hashes.subList(0, n));
            for (int m = 1; m <= n; m++) {
                byte[] oldRoot = MerkleTree.root(hashes.subList(0, m));
                List<byte[]> proof = MerkleTree.consistencyProof(hashes.subList(0, n), m);
                assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, proof)).as("%d → %d", m, n).isTrue();

                assertThat(MerkleTree.verifyConsistency(m, n, flip(oldRoot), newRoot, proof)).isFalse();
                assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, flip(newRoot), proof)).isFalse();
                assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, concat(proof, newRoot))).isFalse();
                for (int i = 0; i < proof.size(); i++) {
                    List<byte[]> tampered = new ArrayList<>(proof);
                    tampered.set(i, flip(proof.get(i)));
                    assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, tampered)).isFalse();
                    assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, proof.subList(0, i))).isFalse();
                }
                if (m < n) {
                    assertThat(MerkleTree.verifyConsistency(n, m, newRoot, oldRoot, proof)).isFalse();
                }
            }
        }
    }

    @Test
    void aProofFromAnotherHistoryDoesNotVerify() {
        List<byte[]> honest = leafHashes(CT_LEAVES);
        List<byte[]> rewritten = new ArrayList<>(honest);
        rewritten.set(2, MerkleTree.leafHash(HEX.parseHex("11")));

        byte[] oldRoot = MerkleTree.root(honest.subList(0, 4));
        List<byte[]> proof = MerkleTree.consistencyProof(rewritten, 4);

        assertThat(MerkleTree.verifyConsistency(4, 8, oldRoot, MerkleTree.root(rewritten), proof)).isFalse();
    }

    @Test
    void theFrontierFollowsTheRootOfEveryPrefix() {
        List<byte[]> hashes = leafHashes(randomLeaves(70, 2));
        MerkleTree.Frontier frontier = new MerkleTree.Frontier();
        assertThat(frontier.root()).isEqualTo(MerkleTree.emptyRoot());
        for (int n = 1; n <= hashes.size(); n++) {
            frontier.append(hashes.get(n - 1));

            assertThat(frontier.size()).isEqualTo(n);
            assertThat(hex(frontier.root())).as("size %d", n).isEqualTo(hex(MerkleTree.root(hashes.subList(0, n))));
        }
    }

    /** RFC 6962 §2.1 written out literally, over leaf data, for comparison. */
    static final class Reference {

        static byte[] mth(List<byte[]> d) {
            if (d.isEmpty()) {
                return Hashing.sha256();
            }
            if (d.size() == 1) {
                return Hashing.sha256(new byte[]{0}, d.get(0));
            }
            int k = k(d.size());
            return Hashing.sha256(new byte[]{1}, mth(d.subList(0, k)), mth(d.subList(k, d.size())));
        }

        static List<byte[]> path(int m, List<byte[]> d) {
            List<byte[]> out = new ArrayList<>();
            if (d.size() <= 1) {
                return out;
            }
            int k = k(d.size());
            if (m < k) {
                out.addAll(path(m, d.subList(0, k)));
                out.add(mth(d.subList(k, d.size())));
            } else {
                out.addAll(path(m - k, d.subList(k, d.size())));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
            List<byte[]> out = new ArrayList<>();
            int n = d.size();
            if (m == n) {
                if (!b) {
                    out.add(mth(d));
                }
                return out;
            }
            int k = k(n);
            if (m <= k) {
                out.addAll(subproof(m, d.subList(0, k), b));
                out.add(mth(d.subList(k, n)));
            } else {
                out.addAll(subproof(m - k, d.subList(k, n), false));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        /** The largest power of two smaller than n. */
        private static int k(int n) {
            int k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            return k;
        }
    }

    private static List<byte[]> leafHashes(List<byte[]> data) {
        return data.stream().map(MerkleTree::leafHash).toList();
    }

    private static List<byte[]> randomLeaves(int count, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, count).mapToObj(i -> {
            byte[] leaf = new byte[random.nextInt(40)];
            random.nextBytes(leaf);
            return leaf;
        }).toList();
    }

    private static byte[] flip(byte[] hash) {
        byte[] copy = hash.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }

    private static List<byte[]> concat(List<byte[]> list, byte[] extra) {
        List<byte[]> copy = new ArrayList<>(list);
        copy.add(extra);
        return copy;
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static List<String> hexes(List<byte[]> hashes) {
        return hashes.stream().map(MerkleTreeTest::hex).toList();
    }

    @Test
    void aFrontierRestoredFromItsRootsGrowsAsTheOriginal() {
        MerkleTree.Frontier original = new MerkleTree.Frontier();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            leaves.add(MerkleTree.leafHash(new byte[]{(byte) i}));
            original.append(leaves.get(i));
        }
        MerkleTree.Frontier restored = MerkleTree.Frontier.of(13, original.roots());
        assertThat(original.roots()).hasSize(3); // 8 + 4 + 1
        assertThat(restored.root()).isEqualTo(original.root()).isEqualTo(MerkleTree.root(leaves));
        for (int i = 13; i < 20; i++) {
            leaves.add(MerkleTree.leafHash(new byte[]{(byte) i}));
            restored.append(leaves.get(i));
            assertThat(restored.root()).isEqualTo(MerkleTree.root(leaves));
        }
        assertThat(restored.size()).isEqualTo(20);
        assertThatThrownBy(() -> MerkleTree.Frontier.of(13, original.roots().subList(0, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.Frontier.of(12, original.roots()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
