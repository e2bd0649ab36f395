package kyodo.kernel.personal;

import java.util.Objects;

/**
 * Personal data as it is stored in events and read models: encrypted with the data subject's own
 * key (AES-256-GCM, the subject id bound as associated data). Only the {@link PersonKeyVault}
 * holds the key; destroying it makes every copy of the ciphertext unreadable for good
 * (crypto-shredding).
 *
 * @param subjectId  pseudonymous id of the data subject; carries no personal data itself
 * @param algorithm  cipher suite, so that the format can evolve
 * @param nonce      base64 of the 96-bit GCM nonce
 * @param ciphertext base64 of the ciphertext with its authentication tag
 */
public record SealedPersonalData(String subjectId, String algorithm, String nonce, String ciphertext) {

    public static final String AES_256_GCM = "AES-256-GCM";

    public SealedPersonalData {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** Never prints the ciphertext, so that a log line cannot carry it. */
    @Override
    public String toString() {
        return "SealedPersonalData[subjectId=" + subjectId + ", algorithm=" + algorithm + "]";
    }
}
