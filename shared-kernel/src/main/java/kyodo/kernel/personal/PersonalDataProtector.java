package kyodo.kernel.personal;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals personal data for storage and opens it for the few views allowed to show it. A value is
 * serialised as JSON, encrypted with AES-256-GCM under the subject's own key, the subject id bound
 * as associated data so that a ciphertext cannot be moved to another person.
 */
public final class PersonalDataProtector {

    /** What every view shows in place of personal data that was erased. */
    public static final String ERASED_PLACEHOLDER = "削除済み / erased";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final PersonKeyVault vault;
    private final ObjectMapper mapper;
    private final SecureRandom random;

    public PersonalDataProtector(PersonKeyVault vault, ObjectMapper mapper, SecureRandom random) {
        this.vault = vault;
        this.mapper = mapper;
        this.random = random;
    }

    /** A key generator for the vault, drawing from the same strong random source. */
    public static JdbcPersonKeyVault.KeyGenerator keyGenerator(SecureRandom random) {
        return () -> {
            byte[] key = new byte[32];
            random.nextBytes(key);
            return key;
        };
    }

    /** Creates a key for a new data subject and seals the value with it. */
    public SealedPersonalData sealForNewSubject(String subjectId, Object value, Instant now) {
        byte[] key = vault.createKey(subjectId, now);
        return seal(subjectId, key, value);
    }

    /**
     * Creates a key for a new data subject, entering them in the contact index in the same
     * transaction of the vault, and seals the value with it.
     *
     * @param indexed the subject's entry, made by {@link ContactIndex#entry} for this {@code subjectId}
     */
    public SealedPersonalData sealForNewSubject(String subjectId, Object value, Instant now,
                                                ContactIndex.Entry indexed) {
        if (!indexed.subject().subjectId().equals(subjectId)) {
            throw new IllegalArgumentException("the index entry is for another subject");
        }
        byte[] key = vault.createKey(subjectId, now, indexed);
        return seal(subjectId, key, value);
    }

    /**
     * Seals a further value for a subject whose key exists (a resident's proposal, sealed with the
     * key of their account: one person, one key, one erasure).
     *
     * @throws IllegalStateException when the subject has no key (unknown, or erased)
     */
    public SealedPersonalData sealForSubject(String subjectId, Object value) {
        byte[] key = vault.findKey(subjectId).orElseThrow(() -> new IllegalStateException(
                "no key for subject " + subjectId + ": unknown or erased"));
        return seal(subjectId, key, value);
    }

    /**
     * Opens sealed data.
     *
     * @return the value, or empty when the subject's key was destroyed (the data is erased)
     * @throws IllegalStateException when the vault never knew the subject: a wrong or lost vault
     *                               must not pass for a lawful erasure
     */
    public <T> Optional<T> open(SealedPersonalData sealed, Class<T> type) {
        if (!SealedPersonalData.AES_256_GCM.equals(sealed.algorithm())) {
            throw new IllegalArgumentException("unsupported personal-data algorithm: " + sealed.algorithm());
        }
        Optional<byte[]> key = vault.findKey(sealed.subjectId());
        if (key.isEmpty() && vault.state(sealed.subjectId()) == PersonKeyVault.KeyState.UNKNOWN) {
            throw new IllegalStateException("the key vault has no record of subject " + sealed.subjectId()
                    + ": is it the vault these events were sealed with?");
        }
        return key.map(k -> decrypt(sealed, k, type));
    }

    private SealedPersonalData seal(String subjectId, byte[] key, Object value) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(subjectId.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(mapper.writeValueAsBytes(value));
            Base64.Encoder b64 = Base64.getEncoder();
            return new SealedPersonalData(subjectId, SealedPersonalData.AES_256_GCM,
                    b64.encodeToString(nonce), b64.encodeToString(ciphertext));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal personal data", e);
        }
    }

    private <T> T decrypt(SealedPersonalData sealed, byte[] key, Class<T> type) {
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, b64.decode(sealed.nonce())));
            cipher.updateAAD(sealed.subjectId().getBytes(StandardCharsets.UTF_8));
            return mapper.readValue(cipher.doFinal(b64.decode(sealed.ciphertext())), type);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("sealed personal data of subject " + sealed.subjectId()
                    + " does not open with its key", e);
        }
    }
}
