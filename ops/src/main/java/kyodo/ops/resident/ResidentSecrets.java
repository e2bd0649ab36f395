package kyodo.ops.resident;

import kyodo.kernel.personal.ContactNormalisation;
import kyodo.kernel.personal.InstallationSecrets;
import kyodo.kernel.personal.KeyedMark;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The city's three secrets for residents, kept as the contact index keeps its own ({@link InstallationSecrets},
 * ADR 3): 32 random bytes each, generated on the first start in the vault's database, never shown. With them kyodo
 * computes HMAC-SHA-256 marks that find a person again without storing what identifies them:
 * <ul>
 * <li>the {@link #emailMark e-mail mark}, the blind index by which sign-in finds an account (the
 * address itself is only sealed, under the resident's own key);</li>
 * <li>the {@link #pseudonym}, of an identity document's stable identifier (or {@link #providerPseudonym}
 * of an OIDC provider's subject), which makes one account per person enforceable and is what a
 * resident's supports record: never the identifier;</li>
 * <li>the {@link #linkSignature signature} of a link mailed to a resident (unsubscribe), so that a
 * link works without signing in and a forged one changes nothing.</li>
 * </ul>
 * Without the secrets a stolen accounts file cannot even test a guess.
 */
final class ResidentSecrets {

    private static final String TABLE = "kyodo_resident_secret";

    private final KeyedMark emailMarks;
    private final KeyedMark pseudonyms;
    private final KeyedMark links;

    private ResidentSecrets(byte[] email, byte[] pseudonym, byte[] link) {
        this.emailMarks = new KeyedMark(email);
        this.pseudonyms = new KeyedMark(pseudonym);
        this.links = new KeyedMark(link);
    }

    static ResidentSecrets open(DataSource vault, SecureRandom random) {
        InstallationSecrets secrets = InstallationSecrets.open(vault, TABLE, "secret", "the residents' secrets");
        return new ResidentSecrets(secrets.secret("resident-email", random),
                secrets.secret("resident-pseudonym", random), secrets.secret("resident-links", random));
    }

    /** The blind index of an address: its mark once normalised as the contact index does (lower case, NFKC). */
    String emailMark(String email) {
        return emailMarks.of(ContactNormalisation.normalise(email)
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
        return pseudonyms.of("document:" + normalised);
    }

    /**
     * The pseudonym of a person an OIDC provider signed in: the mark of the provider's stable subject,
     * named with its issuer, so it never equals a document's nor another provider's subject's.
     */
    String providerPseudonym(String issuer, String subject) {
        if (subject.isBlank()) {
            throw new IllegalArgumentException("a blank subject has no pseudonym");
        }
        return pseudonyms.of("subject:" + issuer + "|" + subject);
    }

    /** The blind index of an account a provider vouched for: no address normalises to it (no '@'). */
    String providerAccountMark(String pseudonym) {
        return emailMarks.of("provider-account:" + pseudonym);
    }

    /** The signature of a link mailed to a resident (a notification's unsubscribe link), under a third secret. */
    String linkSignature(String link) {
        return links.of("link:" + link);
    }
}
