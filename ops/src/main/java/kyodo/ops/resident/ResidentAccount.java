package kyodo.ops.resident;

import kyodo.kernel.Ward;
import kyodo.kernel.personal.SealedPersonalData;

import java.time.Instant;

/**
 * A resident's account as stored (public for the pages' templates, which read it): no address, name or identifier in clear. The profile is sealed
 * under the resident's own key ({@code profile.subjectId()}), the same key their proposals are
 * sealed with, so that deleting the account (destroying the key) erases them everywhere.
 *
 * @param id           the account's id (never in an event)
 * @param emailMark    the blind index of the address ({@link ResidentSecrets#emailMark})
 * @param passwordHash BCrypt
 * @param profile      name and address, sealed
 * @param language     {@code ja} or {@code en}: the language of their mail
 * @param confirmed    whether the address was confirmed with the mailed code
 * @param ward         the ward they were verified as a resident of, or null
 * @param pseudonym    their keyed pseudonym once verified, or null
 * @param createdAt    when they signed up
 */
public record ResidentAccount(String id, String emailMark, String passwordHash, SealedPersonalData profile, String language,
                       boolean confirmed, Ward ward, String pseudonym, Instant createdAt) {

    /** The pseudonymous subject of their personal data (the vault's key). */
    public String subjectId() {
        return profile.subjectId();
    }

    public boolean verified() {
        return ward != null;
    }

    @Override
    public String toString() {
        return "ResidentAccount[id=" + id + "]";
    }

    /** What is sealed: the resident's name and address, in clear only in memory. */
    public record Profile(String name, String email) {
        @Override
        public String toString() {
            return "Profile[personal data]";
        }
    }
}
