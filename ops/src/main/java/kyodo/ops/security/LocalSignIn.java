package kyodo.ops.security;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic sign-in against the local accounts. The principal of a successful sign-in is the
 * account's {@link kyodo.kernel.access.Actor}, which both sides read.
 *
 * <p>BCrypt costs tens of milliseconds of CPU by design, and Basic sends the password with every
 * request: a verified password is therefore remembered for a few minutes, as an HMAC under a key
 * that exists only in this process's memory (never the password), and forgotten as soon as the
 * account changes. The BCrypt check runs off the event loop.
 *
 * <p>Every attempt passes the {@link SignInThrottle} first, keyed by the account id it names and the
 * client address the converter put into its details: a slowed-down attempt is refused before any
 * password is looked at, and every outcome is counted (failures, made-up ids included) or clears the
 * pair (success).
 */
class LocalSignIn implements ReactiveAuthenticationManager {

    private static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 10_000;

    private static final String REFUSED = "Unknown account or wrong password.";
    private static final int MAX_ACCOUNT_ID = 64;

    private final StaffAccounts accounts;
    private final SignInThrottle throttle;
    private final Scheduler hashing;
    private final Clock clock;
    private final byte[] cacheKey = new byte[32];
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(byte[] mac, Instant until) {
    }

    /** Where a sign-in attempt came from: set as the attempt's details by the edge. */
    record Origin(String address) {
    }

    LocalSignIn(StaffAccounts accounts, SignInThrottle throttle, Scheduler hashing, Clock clock) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.hashing = hashing;
        this.clock = clock;
        new SecureRandom().nextBytes(cacheKey);
        accounts.onChange(verified::remove);
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        if (!(attempt instanceof UsernamePasswordAuthenticationToken)) {
            return Mono.empty();
        }
        // bounded: a made-up id of any length is one key of at most 64 characters
        String name = attempt.getName();
        String username = name.length() > MAX_ACCOUNT_ID ? name.substring(0, MAX_ACCOUNT_ID) : name;
        String password = String.valueOf(attempt.getCredentials());
        String address = attempt.getDetails() instanceof Origin origin ? origin.address() : ClientAddress.UNKNOWN;
        Optional<Duration> wait = throttle.waitBefore(username, address);
        if (wait.isPresent()) {
            return Mono.error(new SignInSlowedDown(wait.get()));
        }
        return Mono.fromCallable(() -> check(username, password, address)).subscribeOn(hashing);
    }

    private Authentication check(String username, String password, String address) {
        // again, on the hashing thread: attempts queued behind a failure must not all be checked
        Optional<Duration> wait = throttle.waitBefore(username, address);
        if (wait.isPresent()) {
            throw new SignInSlowedDown(wait.get());
        }
        Optional<StaffAccount> found = accounts.find(username);
        if (found.isEmpty()) {
            throttle.failed(username, address, false);
            throw new BadCredentialsException(REFUSED);
        }
        StaffAccount account = found.get();
        if (!account.enabled()) {
            throttle.failed(username, address, true);
            throw new DisabledException("The account is disabled.");
        }
        byte[] mac = mac(username, password);
        Verified known = verified.get(username);
        Instant now = clock.instant();
        boolean ok = known != null && known.until().isAfter(now) && MessageDigest.isEqual(known.mac(), mac);
        if (!ok) {
            if (!accounts.matches(password, account)) {
                throttle.failed(username, address, true);
                throw new BadCredentialsException(REFUSED);
            }
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(username, new Verified(mac, now.plus(REMEMBER)));
        }
        throttle.succeeded(username, address);
        return UsernamePasswordAuthenticationToken.authenticated(account.actor(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + account.actor().role().name())));
    }

    private byte[] mac(String username, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            hmac.update(username.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
