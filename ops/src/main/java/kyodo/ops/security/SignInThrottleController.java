package kyodo.ops.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sign-in throttle as an administrator sees it (ADMIN only, enforced by the security edge): which
 * account ids and addresses are being slowed down after failed sign-ins, and clearing them, e.g. for a
 * member of staff who mistyped their password too often, or an office address after an attack ended.
 */
@RestController
@RequestMapping("/api/admin/sign-in-throttles")
@Tag(name = "accounts (ADMIN)")
class SignInThrottleController {

    private static final int MAX_LISTED = 1_000;
    private static final int MAX_ACCOUNT_ID = 64;

    private final SignInThrottle throttle;
    private final Clock clock;

    SignInThrottleController(SignInThrottle throttle, Clock clock) {
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
    record ThrottleView(String account, String address, int failures, Instant lastFailure, Instant slowedUntil,
                        long retryAfterSeconds) {
    }

    /** @param cleared how many counters were cleared */
    record Cleared(int cleared) {
    }

    @Operation(summary = "List the sign-in throttles",
            description = "Counters of failed password sign-ins per account id and address, and per address, "
                    + "most failures first. An entry with slowedUntil refuses attempts (429) until then.")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<ThrottleView>> list(@RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LISTED) {
            throw invalid(new FieldViolation("limit", "1 to " + MAX_LISTED));
        }
        Instant now = clock.instant();
        List<ThrottleView> views = throttle.list(limit).stream().map(t -> new ThrottleView(t.account(), t.address(),
                t.failures(), t.lastFailure(), t.slowedUntil(), t.slowedUntil() == null ? 0
                        : Math.max(1, (Duration.between(now, t.slowedUntil()).toMillis() + 999) / 1000))).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(views);
    }

    @Operation(summary = "Clear sign-in throttles",
            description = "account and address: that pair; account only: the account at every address; "
                    + "address only: the address and every account at it. At least one is required.")
    @DeleteMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Cleared clear(@RequestParam(name = "account", required = false) String account,
                  @RequestParam(name = "address", required = false) String address) {
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
        return new Cleared(throttle.clear(account, address));
    }

    private static KyodoProblemException invalid(FieldViolation... errors) {
        return new KyodoProblemException(CommonProblems.INVALID_INPUT, "The request parameters are invalid.",
                List.of(errors), Map.of());
    }
}
