package kyodo.query.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.embedded.EmbeddedReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Roots, inclusion and consistency proofs and hash tiles of the decision log, answered from its kept subtree
 * hashes and a block of entries, are exactly those {@link MerkleTree} computes over every leaf: for every
 * tree size up to 1,100 (four blocks and more) and around 256², on both engines of the read store, after the
 * log grows, and after it is rebuilt under them.
 */
class SubtreeHashesOnBothEnginesTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    @TempDir
    Path directory;

    private EmbeddedReadStore embedded;

    @AfterEach
    void closeStore() {
        if (embedded != null) {
            embedded.close();
        }
    }

    private ReadStore store(String engine) {
        if (engine.equals("embedded")) {
            embedded = EmbeddedReadStore.open(directory);
            return embedded;
        }
        return MongoReadStore.of(stores.freshDatabase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void everyTreeSizeUpTo1100HasTheRootsProofsAndTilesOfTheFullComputation(String engine) {
        ReadStore store = store(engine);
        Chain chain = new Chain(1);
        DecisionLog log = new DecisionLog(store);
        Random random = new Random(7);
        chain.append(store, 1100);
        for (int size = 1; size <= 1100; size++) {
            List<byte[]> leaves = chain.leaves.subList(0, size);
            assertThat(log.root(size)).as("root of %d", size).isEqualTo(MerkleTree.root(leaves));
            assertInclusion(log, leaves, size, size);
            assertInclusion(log, leaves, 1 + random.nextInt(size), size);
            assertConsistency(log, chain.leaves, 1 + random.nextInt(size), size);
        }
        for (long seq = 1; seq <= 777; seq++) {
            assertInclusion(log, chain.leaves.subList(0, 777), seq, 777);
            assertConsistency(log, chain.leaves, seq, 777);
        }
        for (long size : new long[] {1, 255, 256, 257, 511, 512, 513, 1000, 1024, 1100}) {
            assertTiles(log, chain.leaves.subList(0, (int) size), size);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void treesAround256SquaredHaveTheRootsProofsAndTilesOfTheFullComputation(String engine) {
        ReadStore store = store(engine);
        Chain chain = new Chain(2);
        DecisionLog log = new DecisionLog(store);
        Random random = new Random(11);
        chain.append(store, 65_536 - 257);
        assertThat(log.root(65_536 - 257)).isEqualTo(MerkleTree.root(chain.leaves));
        chain.append(store, 65_536 + 600); // grows under the kept hashes
        byte[][] roots = chain.roots();
        for (long size : new long[] {65_279, 65_535, 65_536, 65_537, 65_791, 65_792, 65_793, 66_000, 66_136}) {
            assertThat(log.root(size)).as("root of %d", size).isEqualTo(roots[(int) size]);
            for (long seq : new long[] {1, 256, 257, 65_280, 65_536, 65_537, size, 1 + random.nextInt((int) size)}) {
                if (seq <= size) {
                    InclusionProof proof = log.inclusionProof(seq, size);
                    assertThat(MerkleTree.verifyInclusion(seq - 1, size, chain.leaves.get((int) seq - 1),
                            unhexes(proof.auditPath()), roots[(int) size])).as("path of %d in %d", seq, size).isTrue();
                }
            }
            for (long from : new long[] {1, 256, 65_535, 65_536, size, 1 + random.nextInt((int) size)}) {
                if (from <= size) {
                    ConsistencyProof proof = log.consistencyProof(from, size);
                    assertThat(proof.fromRoot()).isEqualTo(Hashing.hex(roots[(int) from]));
                    assertThat(MerkleTree.verifyConsistency(from, size, roots[(int) from], roots[(int) size],
                            unhexes(proof.consistencyPath()))).as("proof from %d to %d", from, size).isTrue();
                }
            }
        }
        assertInclusion(log, chain.leaves, 65_537, 66_136);
        assertConsistency(log, chain.leaves, 65_793, 66_136);
        List<byte[]> all = chain.leaves.subList(0, 66_136);
        for (LogTiles.Tile tile : List.of(new LogTiles.Tile(2, 0, 1), new LogTiles.Tile(1, 0, 256),
                new LogTiles.Tile(1, 1, 2), new LogTiles.Tile(0, 255, 256), new LogTiles.Tile(0, 257, 256),
                new LogTiles.Tile(0, 258, 88))) {
            assertThat(log.tileHashes(tile, 66_136)).as(tile.path()).isEqualTo(LogTiles.hashes(tile, all));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void aLogRebuiltUnderTheKeptHashesIsAnsweredFromTheNewEntries(String engine) {
        ReadStore store = store(engine);
        DecisionLog log = new DecisionLog(store);
        Chain first = new Chain(3);
        first.append(store, 900);
        assertThat(log.root(900)).isEqualTo(MerkleTree.root(first.leaves));

        // rebuilt shorter, with other entries: the entry at the covered size is gone
        store.collection(DecisionLog.LOG).deleteMany(new Document());
        Chain shorter = new Chain(4);
        shorter.append(store, 700);
        assertInclusion(log, shorter.leaves, 300, 700);
        assertThat(log.root(700)).isEqualTo(MerkleTree.root(shorter.leaves));

        // rebuilt longer, with other entries: the entry after the covered ones does not continue their chain
        store.collection(DecisionLog.LOG).deleteMany(new Document());
        Chain longer = new Chain(5);
        longer.append(store, 1000);
        assertInclusion(log, longer.leaves, 10, 1000);
        assertConsistency(log, longer.leaves, 513, 1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void aBlockThatIsNotTheOneItsHashWasBuiltFromIsReadAgainFromTheFirstEntry(String engine) {
        ReadStore store = store(engine);
        DecisionLog log = new DecisionLog(store);
        Chain chain = new Chain(6);
        chain.append(store, 800);
        assertThat(log.root(800)).isEqualTo(MerkleTree.root(chain.leaves));
        // an entry inside a complete block changed, the entry at the covered size kept
        String other = "cd".repeat(32);
        store.collection(DecisionLog.LOG).bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", 10L),
                new Document("$set", new Document("hash", other)))));
        List<byte[]> stored = new ArrayList<>(chain.leaves);
        stored.set(9, MerkleTree.leafHash(Hashing.unhex(other)));

        assertInclusion(log, stored, 12, 800);
        assertThat(log.root(800)).isEqualTo(MerkleTree.root(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "embedded"})
    void sizesBeyondTheLogAndAGapAreRefused(String engine) {
        ReadStore store = store(engine);
        DecisionLog log = new DecisionLog(store);
        new Chain(8).append(store, 300);

        assertThatThrownBy(() -> log.inclusionProof(1, 301)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only 300 entries");
        assertThatThrownBy(() -> log.consistencyProof(1, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only 300 entries");
        assertThatThrownBy(() -> log.inclusionProof(0, 300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.tileHashes(new LogTiles.Tile(0, 1, 256), 300))
                .isInstanceOf(IllegalArgumentException.class);
        store.collection(DecisionLog.LOG).deleteMany(Filters.eq("_id", 3L));
        assertThatThrownBy(() -> new DecisionLog(store).root(300)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no entry 3");
    }

    @Test
    void aReceiptAfterTheFirstReadsTheCoveredEntryAndAtMostOneBlock() {
        ReadStore store = MongoReadStore.of(stores.freshDatabase());
        DecisionLog log = new DecisionLog(store);
        Chain chain = new Chain(9);
        chain.append(store, 3000);
        log.inclusionProof(1, 3000); // builds the hashes, reads block 0
        log.inclusionProof(2900, 3000); // reads block 11, the tree's right edge

        stores.commands.clear();
        assertInclusion(log, chain.leaves, 1500, 3000);
        assertThat(stores.commands.stream().filter("find"::equals).count())
                .as("the entry at the covered size, then block 5: %s", stores.commands).isEqualTo(2);
        stores.commands.clear();
        assertInclusion(log, chain.leaves, 1400, 3000);
        assertThat(stores.commands).as("block 5 is kept").containsExactly("find");
    }

    private static void assertInclusion(DecisionLog log, List<byte[]> leaves, long seq, long size) {
        InclusionProof proof = log.inclusionProof(seq, size);
        List<byte[]> tree = leaves.subList(0, (int) size);
        assertThat(proof.leafHash()).isEqualTo(Hashing.hex(tree.get((int) seq - 1)));
        assertThat(proof.rootHash()).isEqualTo(Hashing.hex(MerkleTree.root(tree)));
        assertThat(proof.auditPath()).as("path of %d in %d", seq, size)
                .containsExactlyElementsOf(hexes(MerkleTree.inclusionProof(tree, (int) seq - 1)));
    }

    private static void assertConsistency(DecisionLog log, List<byte[]> leaves, long from, long to) {
        ConsistencyProof proof = log.consistencyProof(from, to);
        List<byte[]> tree = leaves.subList(0, (int) to);
        assertThat(proof.fromRoot()).isEqualTo(Hashing.hex(MerkleTree.root(tree.subList(0, (int) from))));
        assertThat(proof.toRoot()).isEqualTo(Hashing.hex(MerkleTree.root(tree)));
        assertThat(proof.consistencyPath()).as("proof from %d to %d", from, to)
                .containsExactlyElementsOf(hexes(MerkleTree.consistencyProof(tree, (int) from)));
    }

    /** Every hash tile the tree of {@code size} leaves has, of levels 0 and 1. */
    private static void assertTiles(DecisionLog log, List<byte[]> leaves, long size) {
        for (int level = 0; level <= 1; level++) {
            long hashes = level == 0 ? size : size / 256;
            for (long index = 0; index * 256 < hashes; index++) {
                int width = (int) Math.min(256, hashes - index * 256);
                LogTiles.Tile tile = new LogTiles.Tile(level, index, width);
                assertThat(log.tileHashes(tile, size)).as("%s of %d", tile.path(), size)
                        .isEqualTo(LogTiles.hashes(tile, leaves));
            }
        }
    }

    private static List<byte[]> unhexes(List<String> hashes) {
        return hashes.stream().map(Hashing::unhex).toList();
    }

    private static List<String> hexes(List<byte[]> hashes) {
        return hashes.stream().map(Hashing::hex).toList();
    }

    /** Stored entries of a hash chain (only what the proofs read: seq, prevHash, hash), and their leaf hashes. */
    private static final class Chain {

        final List<byte[]> leaves = new ArrayList<>();
        private final Random random;
        private String last = Hashing.ZERO_HASH;

        Chain(long seed) {
            this.random = new Random(seed);
        }

        /** The root of every prefix of the chain: roots[s] is MTH of the first s leaves. */
        byte[][] roots() {
            byte[][] roots = new byte[leaves.size() + 1][];
            MerkleTree.Frontier frontier = new MerkleTree.Frontier();
            roots[0] = frontier.root();
            for (int i = 0; i < leaves.size(); i++) {
                frontier.append(leaves.get(i));
                roots[i + 1] = frontier.root();
            }
            return roots;
        }

        void append(ReadStore store, int upTo) {
            List<Document> docs = new ArrayList<>();
            for (int seq = leaves.size() + 1; seq <= upTo; seq++) {
                byte[] hash = new byte[32];
                random.nextBytes(hash);
                String hex = Hashing.hex(hash);
                docs.add(new Document("_id", (long) seq).append("prevHash", last).append("hash", hex)
                        .append("eventId", "ev-" + seq));
                leaves.add(MerkleTree.leafHash(hash));
                last = hex;
                if (docs.size() == 5000) {
                    store.collection(DecisionLog.LOG).insertMany(docs);
                    docs = new ArrayList<>();
                }
            }
            if (!docs.isEmpty()) {
                store.collection(DecisionLog.LOG).insertMany(docs);
            }
        }
    }
}
