package kyodo.query.audit;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.audit.AuditKeyRing.PublishedKey;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * What the transparency endpoints read, and when what they ask for does not exist: the decision
 * log and its live feed, the signed checkpoints (also as C2SP notes), Merkle proofs and tiles over the
 * log, the verification keys.
 * A checkpoint never issued, or a tree larger than the log, is a 404 problem; the parameters' shape
 * is checked by the HTTP edge before.
 *
 * @param log         the decision log
 * @param checkpoints its signed checkpoints
 * @param keys        the keys that verify them
 * @param feed        new entries as they are appended
 */
@Component
public record Transparency(DecisionLog log, Checkpoints checkpoints, AuditKeyRing keys, DecisionFeed feed) {

    /** The latest signed checkpoint; 404 before the first. */
    public Checkpoint latestCheckpoint() {
        return checkpoints.latest().orElseThrow(() -> notFound("No checkpoint has been issued yet."));
    }

    /** The checkpoint of that tree size; 404 if none was issued for it. */
    public Checkpoint checkpoint(long treeSize) {
        return checkpoints.find(treeSize)
                .orElseThrow(() -> notFound("No checkpoint was issued for tree size " + treeSize + "."));
    }

    /**
     * The audit path of entry {@code seq} in the tree of {@code treeSize} entries (null: the log's
     * current size); 404 if the log is shorter.
     */
    public InclusionProof inclusion(long seq, Long treeSize) {
        long size = log.size();
        long tree = treeSize == null ? size : treeSize;
        if (tree > size || seq > tree) {
            throw shorterLog(size);
        }
        return log.inclusionProof(seq, tree);
    }

    /** The consistency proof between the trees of {@code from} and {@code to} entries; 404 if the log is shorter. */
    public ConsistencyProof consistency(long from, long to) {
        long size = log.size();
        if (to > size) {
            throw shorterLog(size);
        }
        return log.consistencyProof(from, to);
    }

    /** The latest C2SP checkpoint with the cosignatures it has; 404 before the first. */
    public SignedNote latestNote() {
        return checkpoints.latestNote().orElseThrow(() -> notFound("No checkpoint has been issued yet."));
    }

    /** The log's current key as a C2SP verifier key, named after the log's origin. */
    public SignedNote.VerifierKey logKey() {
        return SignedNote.VerifierKey.of(checkpoints.origin(), SignedNote.ED25519, keys.current().publicKey());
    }

    /**
     * A hash tile or entry bundle of the tree of the latest C2SP checkpoint; 404 unless that tree has
     * all of it.
     */
    public byte[] tile(LogTiles.Tile tile) {
        long treeSize = CheckpointNote.parse(latestNote().text()).treeSize();
        if (!LogTiles.available(tile, treeSize)) {
            throw notFound("The tree of the latest checkpoint (" + treeSize + " entries) has no tile " + tile.path()
                    + ".");
        }
        if (tile.entries()) {
            return LogTiles.bundle(log.after(tile.firstLeaf(), tile.width()).stream()
                    .map(DecisionLogEntry::leafData).toList());
        }
        return log.tileHashes(tile, treeSize);
    }

    /**
     * The receipt of entry {@code seq}: its inclusion proof in the tree of the latest C2SP checkpoint;
     * 404 until a checkpoint covers it.
     */
    public Receipt receipt(long seq) {
        SignedNote note = latestNote();
        long treeSize = CheckpointNote.parse(note.text()).treeSize();
        if (seq > treeSize) {
            throw notFound("Entry " + seq + " is not covered by a checkpoint yet (the latest covers " + treeSize
                    + "); one follows within the checkpoint delay.");
        }
        DecisionLogEntry entry = log.entry(seq).orElseThrow(() -> shorterLog(log.size()));
        return Receipt.of(entry, log.inclusionProof(seq, treeSize).auditPath(), note);
    }

    /** The verification keys, the current one first. */
    public List<PublishedKey> publishedKeys() {
        return keys.published();
    }

    /** Every entry with seq greater than {@code after}, now and as they come. */
    public Flux<DecisionLogEntry> follow(long after) {
        return feed.follow(after);
    }

    private static KyodoProblemException shorterLog(long size) {
        return notFound("The log has " + size + " entries.");
    }

    private static KyodoProblemException notFound(String detail) {
        return new KyodoProblemException(CommonProblems.NOT_FOUND, detail);
    }
}
