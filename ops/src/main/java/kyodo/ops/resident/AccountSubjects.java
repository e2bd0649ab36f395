package kyodo.ops.resident;

import kyodo.kernel.personal.ContactIndex;
import kyodo.kernel.personal.IndexedSubject;
import kyodo.kernel.personal.PersonKeyVault;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Each resident account's data subject (ADR 26), whether a sign-up or an OIDC provider's first sign-in made
 * it: the name and address sealed under a key of its own, the address entered in the contact index (so an
 * administrator's lookup or erasure by contact finds it). An account is stored only with both; should
 * storing fail, the key and the index entry go too, so nothing is half-stored.
 */
final class AccountSubjects {

    /** What the contact index calls a resident's account (an administrator's lookup by address finds it). */
    static final String ACCOUNT_RECORD = "resident-account";

    private final PersonalDataProtector protector;
    private final PersonKeyVault vault;
    private final ContactIndex index;

    AccountSubjects(PersonalDataProtector protector, PersonKeyVault vault, ContactIndex index) {
        this.protector = protector;
        this.vault = vault;
        this.index = index;
    }

    /**
     * Seals the profile under a new subject's key, enters its address in the index, then hands the sealed
     * profile to {@code store}, which stores the account; a failure undoes the subject and is thrown on (a
     * unique key's: a concurrent sign-up or sign-in stored the one account).
     */
    void create(String accountId, ResidentAccount.Profile profile, Instant now, Consumer<SealedPersonalData> store) {
        String subjectId = UUID.randomUUID().toString();
        SealedPersonalData sealed = protector.sealForNewSubject(subjectId, profile, now);
        try {
            index.record(new IndexedSubject(subjectId, ACCOUNT_RECORD, accountId), profile.email(), now);
            store.accept(sealed);
        } catch (RuntimeException failed) {
            forget(subjectId);
            throw failed;
        }
    }

    /** The resident's name and address, opened with their key (empty once erased). */
    Optional<ResidentAccount.Profile> profile(ResidentAccount account) {
        return protector.open(account.profile(), ResidentAccount.Profile.class);
    }

    /** The subject's key and its index entry are gone: what was sealed under it is unreadable. */
    void forget(String subjectId) {
        index.discard(subjectId);
        vault.discard(subjectId);
    }
}
