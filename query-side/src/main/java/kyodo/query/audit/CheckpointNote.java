package kyodo.query.audit;

import java.util.Base64;

/**
 * The C2SP {@code tlog-checkpoint} text of a tree: origin line, tree size in decimal, base64 root
 * hash, each ending in a newline; signed as a {@link SignedNote} under a key named after the origin.
 *
 * @param origin   the log's name, e.g. {@code kyodo.city.example/decisions}
 * @param treeSize number of entries
 * @param root     RFC 6962 root, 32 bytes
 */
public record CheckpointNote(String origin, long treeSize, byte[] root) {

    public CheckpointNote {
        if (origin.isBlank() || origin.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("a log origin is one non-empty line: " + origin);
        }
        if (treeSize < 0 || root.length != 32) {
            throw new IllegalArgumentException("a checkpoint has a tree size >= 0 and a 32-byte root");
        }
    }

    /** The note text. */
    public String text() {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /**
     * Reads the first three lines of a checkpoint text (extension lines are ignored, as the spec allows).
     *
     * @throws IllegalArgumentException if they are not a checkpoint
     */
    public static CheckpointNote parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || !lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("not a checkpoint: origin, tree size and root hash lines expected");
        }
        byte[] root = Base64.getDecoder().decode(lines[2]);
        return new CheckpointNote(lines[0], Long.parseLong(lines[1]), root);
    }

    /** The signed note of this checkpoint by the log's key, named after the origin. */
    public SignedNote sign(AuditSigningKey key) {
        return SignedNote.sign(text(), origin, key);
    }
}
