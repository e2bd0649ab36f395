package kyodo.ops.resident;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A resident's sign-in with address and password: the account is found by the address's blind index,
 * the password checked with BCrypt on the hashing threads, every attempt counted per client address
 * and per address first ({@link ResidentLimits}). An unknown address and a wrong password read alike;
 * an unconfirmed account is told to confirm. The principal is a {@link ResidentPrincipal} with the
 * one authority {@code ROLE_RESIDENT}, which no staff page nor API path accepts.
 */
final class ResidentSignIn implements ReactiveAuthenticationManager {

    static final String ROLE = "RESIDENT";
    /**
     * A hash to check a password against when there is no account, so that both take as long: made on a
     * hashing thread as the application starts (a BCrypt hash on the start's main thread cost ~8 % of it).
     */
    private final CompletableFuture<String> decoy;

    private final ResidentAccounts accounts;
    private final ResidentSecrets secrets;
    private final BCryptPasswordEncoder encoder;
    private final ResidentLimits limits;
    private final Scheduler hashing;

    ResidentSignIn(ResidentAccounts accounts, ResidentSecrets secrets, BCryptPasswordEncoder encoder,
                   ResidentLimits limits, Scheduler hashing) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.encoder = encoder;
        this.limits = limits;
        this.hashing = hashing;
        this.decoy = CompletableFuture.supplyAsync(() -> encoder.encode(ResidentCodes.newCode(24)), hashing::schedule);
    }

    /** Past the limits: the sign-in page says when to try again. */
    static final class TooManyAttempts extends AuthenticationException {
        private final Object retryAfter;

        TooManyAttempts(Object retryAfter) {
            super("too many attempts");
            this.retryAfter = retryAfter;
        }

        Object retryAfter() {
            return retryAfter;
        }
    }

    /** Where the attempt came from: set as its details by the form's converter. */
    record Origin(String address) {
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        String email = attempt.getName();
        String password = String.valueOf(attempt.getCredentials());
        String address = attempt.getDetails() instanceof Origin origin ? origin.address() : "unknown";
        return Mono.fromCallable(() -> check(email, password, address)).subscribeOn(hashing);
    }

    private Authentication check(String email, String password, String address) {
        if (email == null || email.isBlank() || email.length() > 254) {
            throw new BadCredentialsException("refused");
        }
        String mark = secrets.emailMark(email);
        try {
            limits.count("sign-in", address, mark);
        } catch (KyodoProblemException tooMany) {
            throw new TooManyAttempts(tooMany.properties().get("retryAfter"));
        }
        var account = accounts.findByEmailMark(mark);
        boolean matches = encoder.matches(password, account.map(ResidentAccount::passwordHash).orElseGet(decoy::join));
        if (account.isEmpty() || !matches) {
            throw new BadCredentialsException("refused");
        }
        if (!account.get().confirmed()) {
            throw new DisabledException("unconfirmed");
        }
        return signedIn(account.get().id());
    }

    /** The signed-in resident as the session keeps them, however they signed in. */
    static Authentication signedIn(String accountId) {
        return UsernamePasswordAuthenticationToken.authenticated(new ResidentPrincipal(accountId), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }
}
