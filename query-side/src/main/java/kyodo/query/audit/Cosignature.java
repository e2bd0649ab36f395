package kyodo.query.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * C2SP {@code tlog-cosignature} v1 with Ed25519: a witness's statement that, at {@code timestamp}, the
 * checkpoint was the largest consistent tree head it had seen of that log. The signature line's bytes
 * are {@code key ID ‖ u64 timestamp ‖ Ed25519 signature}, the key ID uses signature type 0x04, and
 * the signed message is {@code "cosignature/v1\ntime <timestamp>\n"} followed by the checkpoint's text.
 */
public final class Cosignature {

    /** Signature type byte of timestamped Ed25519 cosignatures. */
    public static final byte TYPE = 0x04;

    private Cosignature() {
    }

    /** The signed message for a checkpoint text at a time (POSIX seconds). */
    static byte[] message(String checkpointText, long timestamp) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointText).getBytes(StandardCharsets.UTF_8);
    }

    /** The cosignature line of a witness key named {@code name} over the checkpoint text. */
    public static SignedNote.Line sign(String checkpointText, long timestamp, String name, AuditSigningKey key) {
        byte[] signature = Base64.getDecoder().decode(key.sign(message(checkpointText, timestamp)));
        byte[] bytes = ByteBuffer.allocate(4 + 8 + signature.length)
                .putInt(SignedNote.keyId(name, TYPE, SignedNote.raw(key.publicKey()))).putLong(timestamp)
                .put(signature).array();
        return new SignedNote.Line(name, bytes);
    }

    /** Whether the note carries a valid cosignature by this witness key (type 0x04). */
    public static boolean verifies(SignedNote note, SignedNote.VerifierKey witness) {
        if (witness.type() != TYPE) {
            return false;
        }
        PublicKey key = witness.publicKey();
        return note.signatures().stream()
                .filter(l -> l.keyName().equals(witness.name()) && l.keyId() == witness.keyId())
                .filter(l -> l.body().length == 8 + 64)
                .anyMatch(l -> {
                    long timestamp = ByteBuffer.wrap(l.body(), 0, 8).getLong();
                    byte[] signature = Arrays.copyOfRange(l.body(), 8, l.body().length);
                    return timestamp >= 0 && AuditSigningKey.verify(key, message(note.text(), timestamp),
                            Base64.getEncoder().encodeToString(signature));
                });
    }
}
