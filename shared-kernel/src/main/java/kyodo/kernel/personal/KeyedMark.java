package kyodo.kernel.personal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * HMAC-SHA-256 of a value under a secret of the installation ({@link InstallationSecrets}), in hex: a
 * blind index that finds a person again without storing what identifies them. Without the secret
 * nobody can even test a guess.
 */
public final class KeyedMark {

    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec secret;

    public KeyedMark(byte[] secret) {
        this.secret = new SecretKeySpec(secret, MAC);
    }

    /** The mark of the value, already normalised by the caller. */
    public String of(String value) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }
}
