package kyodo.ops.security;

import kyodo.kernel.access.Actor;
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
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * HTTP Basic sign-in against the local accounts. The principal of a successful sign-in is the
 * account's {@link kyodo.kernel.access.Actor}, which both sides read.
 *
 * <p>BCrypt costs tens of milliseconds of CPU by design, and Basic sends the password with every
 * request: a verified password is therefore remembered for a few minutes, as an HMAC under a key
 * that exists only in this process's memory (never the password), with the account as it was read,
 * and forgotten as soon as the account changes. A remembered sign-in is answered where the request
 * is, without a thread hop, as long as its account was read less than {@link #RECHECK} ago (a change
 * made by another process that shares the accounts database counts from the next read). Everything
 * else (reading the account, BCrypt) runs off the event loop on the few hashing threads, and attempts
 * that arrive together with the same account, address and password share one check: fifty clients
 * that start at once cost one BCrypt, not fifty queued on two threads.
 *
 * <p>Every attempt passes the {@link SignInThrottle} first, keyed by the account id it names and the
 * client address the converter put into its details: a slowed-down attempt is refused before any
 * password is looked at, and every outcome is counted (failures, made-up ids included) or clears the
 * pair (success).
 */
class LocalSignIn implements ReactiveAuthenticationManager {

    private static final Duration REMEMBER = Duration.ofMinutes(5);
    /** How long an account read for a remembered sign-in is trusted before it is read again. */
    static final Duration RECHECK = Duration.ofSeconds(5);
    private static final int MAX_REMEMBERED = 10_000;

    private static final String REFUSED = "Unknown account or wrong password.";
    private static final int MAX_ACCOUNT_ID = 64;

    private final StaffAccounts accounts;
    private final SignInThrottle throttle;
    private final Scheduler hashing;
    private final Clock clock;
    private final byte[] cacheKey = new byte[32];
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Verdict>> checking = new ConcurrentHashMap<>();
    /** Each thread's HMAC ({@code doFinal} resets it for the next request); the key is set before any is made. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private record Verified(byte[] mac, StaffAccount account, Instant until, Instant readAt) {
    }

    /** What one check found; each attempt that shared it is counted and answered by it. */
    private record Verdict(Outcome outcome, StaffAccount account, Duration retryAfter) {

        static Verdict of(Outcome outcome) {
            return new Verdict(outcome, null, null);
        }
    }

    private enum Outcome { SIGNED_IN, SLOWED_DOWN, UNKNOWN_ACCOUNT, DISABLED, WRONG_PASSWORD }

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
        byte[] mac = mac(username, password);
        Verified known = verified.get(username);
        Instant now = clock.instant();
        if (known != null && known.until().isAfter(now) && known.readAt().plus(RECHECK).isAfter(now)
                && MessageDigest.isEqual(known.mac(), mac)) {
            throttle.succeeded(username, address);
            return Mono.just(signedIn(known.account().actor()));
        }
        String key = username + '\n' + address + '\n' + HexFormat.of().formatHex(mac);
        CompletableFuture<Verdict> mine = new CompletableFuture<>();
        CompletableFuture<Verdict> shared = checking.putIfAbsent(key, mine);
        if (shared == null) {
            shared = mine;
            Runnable done = () -> checking.remove(key, mine);
            try {
                hashing.schedule(() -> {
                    try {
                        mine.complete(check(username, password, mac, address));
                    } catch (RuntimeException e) {
                        mine.completeExceptionally(e);
                    } finally {
                        done.run();
                    }
                });
            } catch (RejectedExecutionException full) {
                mine.completeExceptionally(full);
                done.run();
            }
        }
        return Mono.fromFuture(shared, true).map(verdict -> answer(verdict, username, address));
    }

    /** Counts the attempt and answers it with what the (possibly shared) check found. */
    private Authentication answer(Verdict verdict, String username, String address) {
        switch (verdict.outcome()) {
            case SLOWED_DOWN -> throw new SignInSlowedDown(verdict.retryAfter());
            case UNKNOWN_ACCOUNT -> {
                throttle.failed(username, address, false);
                throw new BadCredentialsException(REFUSED);
            }
            case DISABLED -> {
                throttle.failed(username, address, true);
                throw new DisabledException("The account is disabled.");
            }
            case WRONG_PASSWORD -> {
                throttle.failed(username, address, true);
                throw new BadCredentialsException(REFUSED);
            }
            default -> {
                throttle.succeeded(username, address);
                return signedIn(verdict.account().actor());
            }
        }
    }

    private Verdict check(String username, String password, byte[] mac, String address) {
        // again, on the hashing thread: attempts queued behind a failure must not all be checked
        Optional<Duration> wait = throttle.waitBefore(username, address);
        if (wait.isPresent()) {
            return new Verdict(Outcome.SLOWED_DOWN, null, wait.get());
        }
        Optional<StaffAccount> found = accounts.find(username);
        if (found.isEmpty()) {
            return Verdict.of(Outcome.UNKNOWN_ACCOUNT);
        }
        StaffAccount account = found.get();
        if (!account.enabled()) {
            return Verdict.of(Outcome.DISABLED);
        }
        Verified known = verified.get(username);
        Instant now = clock.instant();
        boolean remembered = known != null && known.until().isAfter(now) && MessageDigest.isEqual(known.mac(), mac);
        if (!remembered && !accounts.matches(password, account)) {
            return Verdict.of(Outcome.WRONG_PASSWORD);
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(username, new Verified(mac, account, remembered ? known.until() : now.plus(REMEMBER), now));
        return new Verdict(Outcome.SIGNED_IN, account, null);
    }

    /** A signed-in member of staff: the actor is the principal, its role the one authority. */
    static Authentication signedIn(Actor actor) {
        return UsernamePasswordAuthenticationToken.authenticated(actor, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
    }

    private byte[] mac(String username, String password) {
        Mac hmac = macs.get();
        hmac.update(username.getBytes(StandardCharsets.UTF_8));
        hmac.update((byte) 0);
        return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    }

    /** An HMAC under the process's key, made once per thread (looking up the provider per request was waste). */
    private Mac newMac() {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            return hmac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
