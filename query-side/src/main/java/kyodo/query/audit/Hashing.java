package kyodo.query.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and the lower-case hex the audit trail writes hashes in. */
public final class Hashing {

    /** The {@code prevHash} of the first entry: 32 zero bytes, in hex. */
    public static final String ZERO_HASH = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private Hashing() {
    }

    /** SHA-256 of the parts, concatenated. */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * The bytes of a hex string.
     *
     * @throws IllegalArgumentException for anything but an even number of hex digits
     */
    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    /** Whether the text is a SHA-256 hash as the log writes it: 64 lower-case hex digits. */
    public static boolean isHash(String text) {
        return text != null && text.matches("[0-9a-f]{64}");
    }
}
