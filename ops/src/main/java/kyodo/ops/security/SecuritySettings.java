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
 * @param rateLimit            limits on anonymous reads and failed sign-ins
 * @param trustForwardedFor    whether the client address is taken from {@code X-Forwarded-For}
 *                             (only behind a proxy that sets it)
 */
@ConfigurationProperties("kyodo.security")
public record SecuritySettings(@DefaultValue("true") boolean localAccounts,
                               @DefaultValue List<ConfiguredAccount> accounts,
                               String initialAdminPasswordFile,
                               @DefaultValue Jwt jwt,
                               @DefaultValue Cors cors,
                               @DefaultValue RateLimit rateLimit,
                               @DefaultValue("false") boolean trustForwardedFor) {

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
     * @param staffIdClaim the account id (default {@code sub})
     * @param roleClaim    the kyodo role
     * @param wardClaim    the ward code (absent: city-wide)
     */
    public record Jwt(@DefaultValue("sub") String staffIdClaim, @DefaultValue("kyodo_role") String roleClaim,
                      @DefaultValue("kyodo_ward") String wardClaim) {
    }

    /** @param allowedOrigins exact origins, e.g. {@code https://portal.city.kawasaki.jp} */
    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }

    /**
     * @param publicPerMinute     requests per minute per client address on anonymous {@code /public}
     *                            reads (0: unlimited)
     * @param signInFailures      failed password sign-ins allowed per account id within the window
     *                            before further attempts for it are refused with 429
     * @param signInFailuresPerAddress failed password sign-ins allowed per client address within the
     *                            window (higher: a ward office's staff may share one address)
     * @param signInFailureWindow that window
     */
    public record RateLimit(@DefaultValue("600") int publicPerMinute, @DefaultValue("10") int signInFailures,
                            @DefaultValue("100") int signInFailuresPerAddress,
                            @DefaultValue("5m") Duration signInFailureWindow) {
    }
}
