package kyodo.ops.resident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One-time codes (the mailed confirmation, the counter's verification): random letters and digits
 * without look-alikes, stored only as their SHA-256 (a code is random and short-lived, and its
 * guesses are throttled, so a fast hash is enough: the store alone never yields a usable code).
 */
final class ResidentCodes {

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResidentCodes() {
    }

    /** A fresh code of that many characters (5 bits each). */
    static String newCode(int length) {
        char[] code = new char[length];
        for (int i = 0; i < length; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    /** The stored form of a code as typed: full width, case, spaces and hyphens do not matter. */
    static String hash(String typed) {
        String code = Normalizer.normalize(typed == null ? "" : typed, Normalizer.Form.NFKC)
                .replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether a typed code matches a stored hash, in constant time. */
    static boolean matches(String typed, String storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash(typed).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
