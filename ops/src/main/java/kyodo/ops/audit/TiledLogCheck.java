package kyodo.ops.audit;

import kyodo.query.audit.CheckpointNote;
import kyodo.query.audit.LogTiles;
import kyodo.query.audit.MerkleTree;
import kyodo.query.audit.SignedNote;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The checks of {@code audit check} on the log's C2SP form: the checkpoint note at
 * {@code /public/log/checkpoint} carries a valid signature of a published key under its origin, its
 * root is the root of the entries fetched as JSON, every hash tile and entry bundle of its tree holds
 * exactly what those entries give, and at least the required number of the given witnesses cosigned it.
 */
final class TiledLogCheck {

    private final PublicEndpoints endpoints;
    private final WitnessPolicy witnesses;

    TiledLogCheck(PublicEndpoints endpoints, WitnessPolicy witnesses) {
        this.endpoints = endpoints;
        this.witnesses = witnesses;
    }

    /**
     * @param keys   the published keys by key id
     * @param leaves the leaf hashes of every entry fetched and chained
     */
    boolean check(Map<String, PublicKey> keys, List<byte[]> leaves, List<String> lines)
            throws IOException, InterruptedException {
        String served = endpoints.text("/public/log/checkpoint", true);
        if (served == null) {
            return PublicLogVerifier.report(lines, false, "no C2SP checkpoint at /public/log/checkpoint");
        }
        SignedNote note = SignedNote.parse(served);
        CheckpointNote checkpoint = CheckpointNote.parse(note.text());
        long size = checkpoint.treeSize();
        boolean signed = keys.values().stream().anyMatch(key -> note.verifiedBy(
                SignedNote.VerifierKey.of(checkpoint.origin(), SignedNote.ED25519, key)));
        boolean ok = PublicLogVerifier.report(lines, signed, "C2SP checkpoint of " + checkpoint.origin() + " at tree size " + size
                + ": the log's signature " + (signed ? "verifies" : "DOES NOT verify with a published key"));
        if (size > leaves.size() || size == 0) {
            return PublicLogVerifier.report(lines, false, "the C2SP checkpoint covers " + size + " entries, the log serves "
                    + leaves.size());
        }
        List<byte[]> tree = leaves.subList(0, (int) size);
        boolean root = Arrays.equals(MerkleTree.root(tree), checkpoint.root());
        ok &= PublicLogVerifier.report(lines, root, "its root " + (root ? "equals" : "DIFFERS from") + " the root of entries 1.." + size);
        ok &= tiles(tree, lines);
        return witnesses.check(note, lines) && ok;
    }

    /** Every tile of every level, and every entry bundle, of the tree. */
    private boolean tiles(List<byte[]> tree, List<String> lines) throws IOException, InterruptedException {
        List<String> wrong = new ArrayList<>();
        int fetched = 0;
        long hashes = tree.size();
        for (int level = 0; hashes > 0; level++, hashes /= LogTiles.WIDTH) {
            for (long n = 0; n * LogTiles.WIDTH < hashes; n++) {
                LogTiles.Tile tile = new LogTiles.Tile(level, n, (int) Math.min(LogTiles.WIDTH, hashes - n * LogTiles.WIDTH));
                fetched++;
                if (!Arrays.equals(tile(tile), LogTiles.hashes(tile, tree))) {
                    wrong.add(tile.path());
                }
                if (level == 0) {
                    LogTiles.Tile bundle = new LogTiles.Tile(-1, n, tile.width());
                    fetched++;
                    if (!bundleHolds(tile(bundle), tree.subList((int) n * LogTiles.WIDTH, (int) n * LogTiles.WIDTH + tile.width()))) {
                        wrong.add(bundle.path());
                    }
                }
            }
        }
        return PublicLogVerifier.report(lines, wrong.isEmpty(), fetched + " tiles and entry bundles of that tree "
                + (wrong.isEmpty() ? "hold exactly the entries' hashes" : "fetched; WRONG: " + wrong));
    }

    private byte[] tile(LogTiles.Tile tile) throws IOException, InterruptedException {
        return endpoints.bytes("/public/log/tile/" + tile.path(), false, "application/octet-stream");
    }

    /** Whether the bundle's entries, each after its uint16 length, hash to these leaves. */
    private static boolean bundleHolds(byte[] bundle, List<byte[]> leaves) {
        int at = 0;
        for (byte[] leaf : leaves) {
            if (at + 2 > bundle.length) {
                return false;
            }
            int length = (bundle[at] & 0xff) << 8 | bundle[at + 1] & 0xff;
            if (at + 2 + length > bundle.length) {
                return false;
            }
            byte[] data = Arrays.copyOfRange(bundle, at + 2, at + 2 + length);
            if (!Arrays.equals(MerkleTree.leafHash(data), leaf)) {
                return false;
            }
            at += 2 + length;
        }
        return at == bundle.length;
    }
}
