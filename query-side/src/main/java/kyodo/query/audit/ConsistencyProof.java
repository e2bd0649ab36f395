package kyodo.query.audit;

import java.util.List;

/**
 * A consistency proof (RFC 6962 §2.1.2) that the tree of {@code from} entries is a prefix of
 * the tree of {@code to} entries.
 *
 * @param from            size of the older tree
 * @param to              size of the newer tree
 * @param fromRoot        root of the older tree, hex
 * @param toRoot          root of the newer tree, hex
 * @param consistencyPath the proof's hashes, hex
 */
public record ConsistencyProof(long from, long to, String fromRoot, String toRoot,
                               List<String> consistencyPath) {
}
