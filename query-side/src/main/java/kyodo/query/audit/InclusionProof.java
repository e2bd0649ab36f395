package kyodo.query.audit;

import java.util.List;

/**
 * An audit path (RFC 6962 §2.1.1) proving that entry {@code seq} is in the tree of
 * {@code treeSize} entries.
 *
 * @param seq       the entry
 * @param leafIndex its 0-based leaf index (seq − 1)
 * @param treeSize  size of the tree
 * @param leafHash  {@code SHA-256(0x00 ‖ bytes(entry.hash))}, hex
 * @param rootHash  root of the tree, hex: compare it with a signed checkpoint
 * @param auditPath sibling hashes from the leaf upwards, hex
 */
public record InclusionProof(long seq, long leafIndex, long treeSize, String leafHash, String rootHash,
                             List<String> auditPath) {
}
