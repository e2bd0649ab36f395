package kyodo.ops.resident;

import kyodo.kernel.personal.ContactNormalisation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The city's two secrets for residents, kept as the contact index keeps its own (ADR 3): 32 random
 * bytes each, generated on the first start in the vault's database, never shown. With them kyodo
 * computes HMAC-SHA-256 marks that find a person again without storing what identifies them:
 * <ul>
 * <li>the {@link #emailMark e-mail mark}, the blind index by which sign-in finds an account (the
 * address itself is only sealed, under the resident's own key);</li>
 * <li>the {@link #pseudonym}, of an identity document's stable identifier, which makes one account
 * per person enforceable and is what a resident's supports will record: never the identifier.</li>
 * </ul>
 * Without the secrets a stolen accounts file cannot even test a guess.
 */
final class ResidentSecrets {

    private static final String TABLE = "kyodo_resident_secret";
    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec emailSecret;
    private final SecretKeySpec pseudonymSecret;
    private final SecretKeySpec linkSecret;

    private ResidentSecrets(byte[] email, byte[] pseudonym, byte[] links) {
        this.emailSecret = new SecretKeySpec(email, MAC);
        this.pseudonymSecret = new SecretKeySpec(pseudonym, MAC);
        this.linkSecret = new SecretKeySpec(links, MAC);
    }

    static ResidentSecrets open(DataSource vault, SecureRandom random) {
        try (Connection c = vault.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (name VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + "secret VARCHAR(64) NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the residents' secrets", e);
        }
        return new ResidentSecrets(secret(vault, "resident-email", random), secret(vault, "resident-pseudonym", random),
                secret(vault, "resident-links", random));
    }

    /** The blind index of an address: its mark once normalised as the contact index does (lower case, NFKC). */
    String emailMark(String email) {
        return mark(emailSecret, ContactNormalisation.normalise(email)
                .orElseThrow(() -> new IllegalArgumentException("a blank address has no mark")));
    }

    /**
     * The person's keyed pseudonym: the mark of the document's identifier with width, case, spaces and
     * hyphens normalised away, so that the same number typed two ways is the same person.
     */
    String pseudonym(String documentId) {
        String normalised = Normalizer.normalize(documentId, Normalizer.Form.NFKC)
                .replaceAll("[\\s\\-‐‑–—ー]", "").toUpperCase(Locale.ROOT);
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("a blank identifier has no pseudonym");
        }
        return mark(pseudonymSecret, "document:" + normalised);
    }

    /** The signature of a link mailed to a resident (a notification's unsubscribe link), under a third secret. */
    String linkSignature(String link) {
        return mark(linkSecret, "link:" + link);
    }

    private static String mark(SecretKeySpec secret, String value) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }

    /** The named secret; generated and stored on first use (two processes at once: the first insert wins). */
    private static byte[] secret(DataSource vault, String name, SecureRandom random) {
        Optional<String> stored = read(vault, name);
        if (stored.isEmpty()) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            try (Connection c = vault.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (name, secret) VALUES (?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, Base64.getEncoder().encodeToString(fresh));
                ps.executeUpdate();
            } catch (SQLException raced) {
                // another process stored it first: its value stands
            }
            stored = read(vault, name);
        }
        return Base64.getDecoder().decode(stored.orElseThrow(() -> new IllegalStateException("no secret " + name)));
    }

    private static Optional<String> read(DataSource vault, String name) {
        try (Connection c = vault.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT secret FROM " + TABLE + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the residents' secrets", e);
        }
    }
}
