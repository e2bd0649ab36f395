package kyodo.ops.resident;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.ops.security.EdgeLimits;

import java.time.Duration;
import java.util.Map;

/**
 * How often a client address, and an address or account, may try residents' actions (sign-up,
 * sign-in, codes) per hour: past either limit the request is refused with 429 before anything is
 * looked at or stored, so guessing a code or a password runs at the pace of the limit.
 */
final class ResidentLimits {

    private static final Duration HOUR = Duration.ofHours(1);

    private final EdgeLimits limits;
    private final ResidentSettings settings;

    ResidentLimits(EdgeLimits limits, ResidentSettings settings) {
        this.limits = limits;
        this.settings = settings;
    }

    /**
     * Counts one attempt of {@code action} from the client address and for the account (its id or its
     * address's mark; null when there is none yet).
     *
     * @throws KyodoProblemException too-many-requests, with {@code retryAfter} in seconds
     */
    void count(String action, String clientAddress, String account) {
        String byAddress = action + "|address|" + clientAddress;
        if (!limits.tryAcquire(byAddress, settings.perAddressPerHour(), HOUR)) {
            throw tooMany(byAddress);
        }
        if (account != null) {
            String byAccount = action + "|account|" + account;
            if (!limits.tryAcquire(byAccount, settings.perAccountPerHour(), HOUR)) {
                throw tooMany(byAccount);
            }
        }
    }

    private KyodoProblemException tooMany(String key) {
        return new KyodoProblemException(CommonProblems.TOO_MANY_REQUESTS,
                "Too many attempts: try again later.", java.util.List.of(),
                Map.of("retryAfter", limits.secondsLeft(key)));
    }
}
