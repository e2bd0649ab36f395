package kyodo.ops.resident;

import kyodo.kernel.Ward;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The accounts of residents an OIDC provider signed in, blocking (callers run it off the event loop).
 * The person is found by the pseudonym of their subject, so there is one account per person: the first
 * sign-in creates it, confirmed and verified for the ward the provider names; every later one finds it
 * and follows the ward the provider names now. A provider's account is never linked to a password
 * account by its address (an address the provider did not check would hand over someone's account); it
 * is the same account as a counter-verified one only when the subject is the document's identifier
 * ({@link ResidentOidcSettings#subjectIsDocumentId()}), whose pseudonym is then the same.
 */
class ResidentProviderAccounts {

    private final ResidentAccounts accounts;
    private final ResidentSecrets secrets;
    private final AccountSubjects subjects;
    private final BCryptPasswordEncoder encoder;
    private final Clock clock;

    ResidentProviderAccounts(ResidentAccounts accounts, ResidentSecrets secrets, AccountSubjects subjects,
                             BCryptPasswordEncoder encoder, Clock clock) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.subjects = subjects;
        this.encoder = encoder;
        this.clock = clock;
    }

    /**
     * Who the provider vouched for, its raw subject already replaced by the pseudonym; the name and the
     * address are in clear only in memory, until they are sealed.
     */
    record Identity(String pseudonym, Ward ward, ResidentAccount.Profile profile) {
        @Override
        public String toString() {
            return "Identity[" + ward.code() + "]";
        }
    }

    /** The account of the person, created at their first sign-in; its id. */
    String signIn(Identity person, String language) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<ResidentAccount> known = accounts.findByPseudonym(person.pseudonym());
        if (known.isPresent()) {
            return followWard(known.get(), person.ward(), now);
        }
        String accountId = UUID.randomUUID().toString();
        try {
            // no password signs in to it: a random one, hashed, stands where a sign-up's would
            subjects.create(accountId, person.profile(), now, profile -> accounts.createVerified(new ResidentAccount(
                    accountId, secrets.providerAccountMark(person.pseudonym()), encoder.encode(ResidentCodes.newCode(24)),
                    profile, language, true, person.ward(), person.pseudonym(), now)));
            return accountId;
        } catch (DuplicateKeyException concurrent) {
            // nothing half-stored; a concurrent first sign-in of the same person made the one account
            return accounts.findByPseudonym(person.pseudonym()).map(account -> followWard(account, person.ward(), now))
                    .orElseThrow(() -> concurrent);
        }
    }

    private String followWard(ResidentAccount account, Ward ward, Instant now) {
        if (account.ward() != ward) {
            accounts.moveTo(account.id(), ward, now);
        }
        return account.id();
    }
}
