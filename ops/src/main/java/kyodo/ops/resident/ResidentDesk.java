package kyodo.ops.resident;

import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What residents' accounts do, blocking (callers run it off the event loop): sign up, confirm the
 * address, become a verified resident of a ward with a code staff issued at the counter. Every
 * refusal throws a problem before anything is stored; the limits are counted first of all.
 */
class ResidentDesk {

    private static final Logger log = LoggerFactory.getLogger(ResidentDesk.class);
    private static final int MAIL_CODE_LENGTH = 8;
    private static final int COUNTER_CODE_LENGTH = 10;

    private final ResidentAccounts accounts;
    private final ResidentSecrets secrets;
    private final AccountSubjects subjects;
    private final BCryptPasswordEncoder encoder;
    private final ResidentMails mails;
    private final ResidentLimits limits;
    private final ResidentSettings settings;
    private final Clock clock;

    ResidentDesk(ResidentAccounts accounts, ResidentSecrets secrets, AccountSubjects subjects,
                 BCryptPasswordEncoder encoder, ResidentMails mails, ResidentLimits limits, ResidentSettings settings,
                 Clock clock) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.subjects = subjects;
        this.encoder = encoder;
        this.mails = mails;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Signs up: a new unconfirmed account, its data sealed under a key of its own, and the mailed code.
     * An address that has a confirmed account gets a notice instead (the page reads alike, so nobody
     * learns whether an address has an account); an unconfirmed one is replaced, with a fresh code.
     */
    void signUp(ResidentForms.SignUp form, String language, String clientAddress) {
        signUp(form, language, clientAddress, code -> mails.confirmationCode(form.email(), form.name(), language, code,
                settings.confirmationExpiry()));
    }

    /**
     * Signs up as {@link #signUp(ResidentForms.SignUp, String, String)} does, handing the confirmation code
     * to {@code delivery} instead of the mail: the demo's residents ({@link ResidentEnrolment}) take the
     * same steps in process, where nobody reads a mailbox.
     */
    void signUp(ResidentForms.SignUp form, String language, String clientAddress, Consumer<String> delivery) {
        String mark = secrets.emailMark(form.email());
        limits.count("sign-up", clientAddress, mark);
        Optional<ResidentAccount> existing = accounts.findByEmailMark(mark);
        if (existing.isPresent() && existing.get().confirmed()) {
            mails.alreadyRegistered(form.email(), language);
            return;
        }
        existing.ifPresent(stale -> {
            accounts.delete(stale.id());
            subjects.forget(stale.subjectId());
        });
        Instant now = now();
        String accountId = UUID.randomUUID().toString();
        String code = ResidentCodes.newCode(MAIL_CODE_LENGTH);
        try {
            subjects.create(accountId, new ResidentAccount.Profile(form.name(), form.email()), now,
                    profile -> accounts.create(new ResidentAccount(accountId, mark, encoder.encode(form.password()),
                            profile, language, false, null, null, now), ResidentCodes.hash(code),
                            now.plus(settings.confirmationExpiry())));
        } catch (DuplicateKeyException concurrent) {
            return; // nothing half-stored: a concurrent sign-up with the same address won
        }
        delivery.accept(code);
    }

    /** Confirms the address with the mailed code: wrong, spent, expired or too often guessed all read alike. */
    void confirm(String email, String code, String clientAddress) {
        String mark = secrets.emailMark(email);
        limits.count("confirm", clientAddress, mark);
        ResidentAccount account = accounts.findByEmailMark(mark).orElseThrow(ResidentDesk::codeInvalid);
        ResidentAccounts.Confirmation pending = accounts.confirmation(account.id()).orElseThrow(ResidentDesk::codeInvalid);
        if (pending.guesses() >= settings.codeGuesses() || !now().isBefore(pending.expires())) {
            throw codeInvalid();
        }
        if (!ResidentCodes.matches(code, pending.hash())) {
            accounts.wrongGuess(account.id());
            throw codeInvalid();
        }
        if (!accounts.confirm(account.id())) {
            throw codeInvalid();
        }
    }

    /**
     * Staff issue a verification code at the counter after checking an identity document: kyodo keeps
     * the code's hash and the person's keyed pseudonym, never the document's identifier.
     */
    IssuedCode issueCounterCode(Ward ward, String documentId, Actor staff) {
        if (!staff.role().issuesCommands() || !staff.covers(ward)) {
            throw new KyodoProblemException(CommonProblems.FORBIDDEN,
                    "Only staff of " + ward.code() + " may issue its verification codes.");
        }
        String pseudonym = secrets.pseudonym(documentId);
        if (accounts.pseudonymTaken(pseudonym)) {
            throw new KyodoProblemException(ResidentProblems.PERSON_HAS_ACCOUNT,
                    "A verified account exists for the person with that document.");
        }
        String code = ResidentCodes.newCode(COUNTER_CODE_LENGTH);
        Instant expires = now().plus(settings.counterCodeExpiry());
        accounts.issueCounterCode(ResidentCodes.hash(code), ward, pseudonym, staff.staffId(), expires);
        log.info("A resident verification code for {} was issued by {}", ward.code(), staff.staffId());
        return new IssuedCode(code, ward, expires);
    }

    /** A code shown once to the member of staff who issued it, to hand to the resident. */
    record IssuedCode(String code, Ward ward, Instant expires) {
        @Override
        public String toString() {
            return "IssuedCode[" + ward.code() + "]";
        }
    }

    /** The resident enters the counter's code: they become a verified resident of its ward, once per person. */
    Ward verify(String accountId, String code, String clientAddress) {
        limits.count("verify", clientAddress, accountId);
        ResidentAccount account = accounts.find(accountId).orElseThrow(ResidentDesk::codeInvalid);
        if (account.verified()) {
            throw new KyodoProblemException(ResidentProblems.ALREADY_VERIFIED,
                    "This account is a verified resident of " + account.ward().code() + ".");
        }
        String hash = ResidentCodes.hash(code);
        ResidentAccounts.CounterCode counter = accounts.unusedCounterCode(hash).orElseThrow(ResidentDesk::codeInvalid);
        if (!now().isBefore(counter.expires())) {
            throw codeInvalid();
        }
        if (accounts.pseudonymTaken(counter.pseudonym())) {
            throw personHasAccount();
        }
        try {
            if (!accounts.verify(accountId, hash, counter, now())) {
                throw codeInvalid();
            }
        } catch (DuplicateKeyException secondAccount) {
            throw personHasAccount();
        }
        return counter.ward();
    }

    /** The resident's name and address, opened with their key (empty once erased). */
    Optional<ResidentAccount.Profile> profile(ResidentAccount account) {
        return subjects.profile(account);
    }

    Optional<ResidentAccount> account(String accountId) {
        return accounts.find(accountId);
    }

    /** The account of that address, found by its blind index. */
    Optional<ResidentAccount> accountByEmail(String email) {
        return accounts.findByEmailMark(secrets.emailMark(email));
    }

    /** The account is gone after its key was erased: its proposals stay, showing the placeholder. */
    void forgetAccount(ResidentAccount account) {
        accounts.delete(account.id());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static KyodoProblemException codeInvalid() {
        return new KyodoProblemException(ResidentProblems.CODE_INVALID, "The code is wrong, used or expired.");
    }

    private static KyodoProblemException personHasAccount() {
        return new KyodoProblemException(ResidentProblems.PERSON_HAS_ACCOUNT,
                "The person this code was issued for already has a verified account.");
    }
}
