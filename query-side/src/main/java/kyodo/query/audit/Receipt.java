package kyodo.query.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decision's receipt in the C2SP {@code tlog-proof} format: anyone can keep it and verify it later
 * without kyodo, with the log's verifier key only.
 * <pre>
 * c2sp.org/tlog-proof@v1
 * extra base64(the entry's JSON)
 * index seq − 1
 * base64 audit-path hashes, one per line
 *
 * the checkpoint note, verbatim (with witnesses' cosignatures)
 * </pre>
 * The extra data is the entry as {@code /public/decisions} serves it (canonical JSON, every member): its
 * members hash, after its {@code prevHash}, to its {@code hash}, whose 32 bytes are the leaf.
 *
 * @param entry      the entry's JSON, UTF-8
 * @param index      its leaf index (seq − 1)
 * @param proof      the audit path, from the leaf's sibling up
 * @param checkpoint the signed checkpoint note the proof leads to
 */
public record Receipt(byte[] entry, long index, List<byte[]> proof, String checkpoint) {

    /** The first line of every receipt. */
    public static final String HEADER = "c2sp.org/tlog-proof@v1";

    /** The receipt of an entry, proven in the tree of a checkpoint note. */
    static Receipt of(DecisionLogEntry entry, List<String> auditPath, SignedNote checkpoint) {
        Map<String, Object> members = new LinkedHashMap<>(entry.hashedMembers());
        members.put("prevHash", entry.prevHash());
        members.put("hash", entry.hash());
        return new Receipt(CanonicalJson.bytes(members), entry.seq() - 1,
                auditPath.stream().map(Hashing::unhex).toList(), checkpoint.render());
    }

    /** The receipt as text. */
    public String render() {
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append("extra ").append(base64.encodeToString(entry)).append('\n')
                .append("index ").append(index).append('\n');
        proof.forEach(hash -> text.append(base64.encodeToString(hash)).append('\n'));
        return text.append('\n').append(checkpoint).toString();
    }

    /**
     * Reads a receipt.
     *
     * @throws IllegalArgumentException if it is not one with an entry
     */
    public static Receipt parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 5 || !HEADER.equals(lines[0]) || !lines[1].startsWith("extra ")
                || !lines[2].matches("index (0|[1-9][0-9]{0,17})")) {
            throw new IllegalArgumentException("not a kyodo receipt: " + HEADER + ", extra and index lines expected");
        }
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] entry = base64.decode(lines[1].substring("extra ".length()));
        List<byte[]> proof = new ArrayList<>();
        int line = 3;
        for (; line < lines.length && !lines[line].isEmpty(); line++) {
            byte[] hash = base64.decode(lines[line]);
            if (hash.length != 32) {
                throw new IllegalArgumentException("proof line " + (line + 1) + " is not a SHA-256 hash");
            }
            proof.add(hash);
        }
        if (line >= lines.length - 1) {
            throw new IllegalArgumentException("the receipt has no checkpoint after its proof");
        }
        String checkpoint = String.join("\n", List.of(lines).subList(line + 1, lines.length));
        return new Receipt(entry, Long.parseLong(lines[2].substring("index ".length())), List.copyOf(proof),
                checkpoint);
    }

    /** The entry's JSON as text. */
    public String entryJson() {
        return new String(entry, StandardCharsets.UTF_8);
    }
}
