package kyodo.ops.security;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sign-in throttle as an administrator sees it, for the API ({@code /api/admin/sign-in-throttles})
 * and the console's unlock page alike: the live counters, and clearing them with the parameters checked
 * once (a bad one is a 400 naming the field, and clears nothing).
 */
@Component
public class SignInThrottles {

    /** The most counters listed at once. */
    public static final int MAX_LISTED = 1_000;
    private static final int MAX_ACCOUNT_ID = 64;

    private final SignInThrottle throttle;
    private final Clock clock;

    SignInThrottles(SignInThrottle throttle, Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
    }

    /**
     * A counter of failed sign-ins.
     *
     * @param account           the account id named (null: the counter of the whole address)
     * @param address           the client address
     * @param failures          failed sign-ins counted
     * @param lastFailure       the last one
     * @param slowedUntil       until when attempts are refused (null: accepted now)
     * @param retryAfterSeconds seconds until then (0: accepted now)
     */
    public record ThrottleView(String account, String address, int failures, Instant lastFailure, Instant slowedUntil,
                               long retryAfterSeconds) {
    }

    /** The live counters, most failures first, at most {@code limit} (1 to {@value #MAX_LISTED}). */
    public List<ThrottleView> list(int limit) {
        if (limit < 1 || limit > MAX_LISTED) {
            throw invalid(new FieldViolation("limit", "1 to " + MAX_LISTED));
        }
        Instant now = clock.instant();
        return throttle.list(limit).stream().map(t -> new ThrottleView(t.account(), t.address(), t.failures(),
                t.lastFailure(), t.slowedUntil(), t.slowedUntil() == null ? 0
                        : Math.max(1, (Duration.between(now, t.slowedUntil()).toMillis() + 999) / 1000))).toList();
    }

    /**
     * Clears counters: an account and an address, that pair; an account only, the account at every
     * address; an address only, the address and every account at it.
     *
     * @return how many counters were cleared
     * @throws KyodoProblemException invalid-input when neither is given, or one is malformed
     */
    public int clear(String account, String address) {
        List<FieldViolation> errors = new ArrayList<>();
        if (account == null && address == null) {
            errors.add(new FieldViolation("account", "give an account id, an address or both"));
        }
        if (account != null && (account.isEmpty() || account.length() > MAX_ACCOUNT_ID
                || account.chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldViolation("account", "1-64 characters, as named in the sign-in"));
        }
        if (address != null && !ClientAddress.isIpLiteral(address)) {
            errors.add(new FieldViolation("address", "an IPv4 or IPv6 address"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors.toArray(FieldViolation[]::new));
        }
        return throttle.clear(account, address);
    }

    private static KyodoProblemException invalid(FieldViolation... errors) {
        return new KyodoProblemException(CommonProblems.INVALID_INPUT, "The request parameters are invalid.",
                List.of(errors), Map.of());
    }
}
