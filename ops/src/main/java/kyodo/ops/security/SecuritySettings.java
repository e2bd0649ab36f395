package kyodo.ops.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code kyodo.security.*}: who can sign in and how hard the edge pushes back. Everything has a safe
 * default: local accounts on, no account but a first-run administrator, CORS closed, rate limits on.
 *
 * @param localAccounts        whether HTTP Basic sign-in with local accounts is on (turn off when an
 *                             OIDC provider is the only way in)
 * @param accounts             accounts from configuration, with BCrypt-hashed passwords
 * @param initialAdminPasswordFile where the first-run administrator's generated password is also
 *                             written (owner-only), for scripted installs; printed to the console either way
 * @param jwt                  how an OIDC token's claims map to an actor
 * @param cors                 origins allowed to call the API from a browser (none by default)
 * @param rateLimit            limits on anonymous reads and the sign-in throttle
 * @param trustForwardedFor    whether the client address is taken from {@code X-Forwarded-For} (its
 *                             last entry: only behind a proxy that appends it)
 * @param accountsUrl          the JDBC URL of the stored accounts (unset: an embedded file under
 *                             {@code <data-dir>/accounts})
 */
@ConfigurationProperties("kyodo.security")
public record SecuritySettings(@DefaultValue("true") boolean localAccounts,
                               @DefaultValue List<ConfiguredAccount> accounts,
                               String initialAdminPasswordFile,
                               @DefaultValue Jwt jwt,
                               @DefaultValue Cors cors,
                               @DefaultValue RateLimit rateLimit,
                               @DefaultValue("false") boolean trustForwardedFor,
                               String accountsUrl) {

    /**
     * An account from configuration.
     *
     * @param username     account id (a staff number, never a name)
     * @param passwordHash BCrypt hash ({@code $2a$...}, optionally prefixed {@code {bcrypt}})
     * @param role         STAFF, WARD_HEAD, ADMIN or ANALYST
     * @param ward         ward code for a ward-scoped account; empty for city-wide
     */
    public record ConfiguredAccount(String username, String passwordHash, String role, String ward) {
    }

    /**
     * Claim names in the OIDC provider's access tokens.
     *
     * @param staffIdClaim the access token's claim that holds the staff account id
     * @param roleClaim    the access token's claim that holds the kyodo role
     * @param wardClaim    the access token's claim that holds the ward code (absent: city-wide)
     */
    public record Jwt(@DefaultValue("sub") String staffIdClaim, @DefaultValue("kyodo_role") String roleClaim,
                      @DefaultValue("kyodo_ward") String wardClaim) {
    }

    /** @param allowedOrigins exact origins, e.g. {@code https://portal.city.kawasaki.jp} */
    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }

    /**
     * Limits at the edge. Failed password sign-ins are counted per (account id, client address) and per
     * client address; past the free failures each counter answers 429 with {@code Retry-After} for a
     * delay that doubles with every further failure, up to a cap. No counter locks an account for
     * everyone: see {@code SignInThrottle} and ADR 15.
     *
     * @param publicPerMinute          requests per minute per client address on anonymous {@code /public}
     *                                 reads (0: unlimited)
     * @param signInFailures           failed sign-ins per (account id, client address) before its delay starts
     * @param signInFailuresPerAddress failed sign-ins per client address, whatever the account, before the
     *                                 address's delay starts (higher: a ward office's staff may share one
     *                                 address); accounts that signed in from there before are not held back
     * @param signInDelay              the first delay; each further failure doubles it
     * @param signInMaxDelay           the cap on a delay
     * @param signInFailureWindow      failures are forgotten this long after the last one
     * @param signInKnownFor           how long a successful sign-in from an address lets that account pass
     *                                 when the address is slowed down by others' failures (0: never)
     * @param signInTracked            counters kept per kind before the least significant are dropped
     */
    public record RateLimit(@DefaultValue("600") int publicPerMinute,
                            @DefaultValue("5") int signInFailures,
                            @DefaultValue("100") int signInFailuresPerAddress,
                            @DefaultValue("1s") Duration signInDelay,
                            @DefaultValue("5m") Duration signInMaxDelay,
                            @DefaultValue("15m") Duration signInFailureWindow,
                            @DefaultValue("30d") Duration signInKnownFor,
                            @DefaultValue("100000") int signInTracked) {
    }
}
