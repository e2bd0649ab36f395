package kyodo.query.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys checkpoints may be verified with: the current signing key and, after a rotation, the
 * public keys it replaced ({@code kyodo.audit.previous-public-keys}, base64 X.509, comma-separated).
 * Only configuration is trusted here, never the read-model store: someone who could write to the
 * store must not be able to add a key of their own.
 */
public final class AuditKeyRing {

    private final AuditSigningKey current;
    private final Map<String, PublicKey> keys = new LinkedHashMap<>();

    public AuditKeyRing(AuditSigningKey current, List<String> previousPublicKeys) {
        this.current = current;
        keys.put(current.keyId(), current.publicKey());
        for (String encoded : previousPublicKeys) {
            if (encoded == null || encoded.isBlank()) {
                continue;
            }
            byte[] x509 = Base64.getMimeDecoder().decode(encoded.strip());
            keys.putIfAbsent(AuditSigningKey.keyId(x509), AuditSigningKey.publicKey(x509));
        }
    }

    public AuditSigningKey current() {
        return current;
    }

    public Optional<PublicKey> find(String keyId) {
        return Optional.ofNullable(keyId == null ? null : keys.get(keyId));
    }

    /** Whether the checkpoint is signed by a key of this ring. */
    public boolean verify(Checkpoint checkpoint) {
        return find(checkpoint.keyId())
                .map(key -> AuditSigningKey.verify(key, checkpoint.statementBytes(), checkpoint.signature()))
                .orElse(false);
    }

    /** The keys as {@code /public/audit/keys} lists them, the current one first. */
    public List<PublishedKey> published() {
        List<PublishedKey> published = new ArrayList<>();
        keys.forEach((id, key) -> published.add(new PublishedKey(id, AuditSigningKey.ALGORITHM,
                Base64.getEncoder().encodeToString(key.getEncoded()), id.equals(current.keyId()))));
        return published;
    }

    /**
     * A verification key as published.
     *
     * @param keyId     hex of the first 16 bytes of SHA-256 over the X.509 encoding
     * @param algorithm always {@code Ed25519}
     * @param publicKey X.509 SubjectPublicKeyInfo, base64
     * @param current   whether new checkpoints are signed with it
     */
    public record PublishedKey(String keyId, String algorithm, String publicKey, boolean current) {
    }
}
