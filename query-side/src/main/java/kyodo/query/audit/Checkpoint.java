package kyodo.query.audit;

import org.bson.Document;

import java.nio.charset.StandardCharsets;

/**
 * A signed checkpoint: the log had {@code treeSize} entries and their Merkle root was
 * {@code rootHash}. The signature is Ed25519 over the UTF-8 bytes of {@link #statement}:
 * <pre>kyodo-checkpoint\n{treeSize}\n{rootHash}\n{issuedAt}</pre>
 * (no trailing newline), by the key {@code keyId} published at {@code /public/audit/keys}.
 *
 * @param treeSize  number of log entries covered (seq 1..treeSize)
 * @param rootHash  RFC 6962 root over those entries, hex
 * @param issuedAt  when it was signed, ISO-8601 UTC with milliseconds
 * @param signature Ed25519 signature of the statement, base64
 * @param keyId     id of the signing key
 */
public record Checkpoint(long treeSize, String rootHash, String issuedAt, String signature, String keyId) {

    /** The signed text. */
    public static String statement(long treeSize, String rootHash, String issuedAt) {
        return "kyodo-checkpoint\n" + treeSize + "\n" + rootHash + "\n" + issuedAt;
    }

    /** The bytes the signature covers. */
    public byte[] statementBytes() {
        return statement(treeSize, rootHash, issuedAt).getBytes(StandardCharsets.UTF_8);
    }

    Document toDocument() {
        return new Document("_id", treeSize).append("rootHash", rootHash).append("issuedAt", issuedAt)
                .append("signature", signature).append("keyId", keyId);
    }

    static Checkpoint fromDocument(Document doc) {
        return new Checkpoint(((Number) doc.get("_id")).longValue(), doc.getString("rootHash"),
                doc.getString("issuedAt"), doc.getString("signature"), doc.getString("keyId"));
    }
}
