package kyodo.ops.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed password sign-ins, counted per (account id, client address) and per client address, each
 * with a progressive delay instead of a lock: after the free failures, the next attempt on that
 * counter is accepted only after a delay that doubles with every further failure, up to a cap. An
 * attempt made during the delay is refused without its password being checked (and is not counted),
 * so guessing runs at the pace of the delay.
 *
 * <p>Why two counters and no lock per account: a lock per account id let anyone anywhere lock a named
 * staff member out, and a hard lock per address let one client behind a shared proxy lock out everyone
 * behind it. Here a made-up account id only slows its own (id, address) pair and the address that sends
 * it; a correct password from another address is never slowed by someone else's failures; an address
 * that sprays many accounts is slowed, except for the pairs that signed in successfully from it before
 * (an account that proved itself from an address is not held back by another user of that address).
 *
 * <p>Memory is bounded: counters are forgotten {@code forgetAfter} after their last failure (once their
 * delay has run out), and when a map holds {@code maxTracked} entries, the expired ones go and then the
 * ones with the fewest failures, so rotating made-up ids or addresses cannot grow the maps or wash out
 * the counters that matter. Everything is in memory, per process. Time comes from the platform's clock.
 */
final class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final Settings settings;
    private final Clock clock;
    private final Map<Pair, Counter> pairs = new ConcurrentHashMap<>();
    private final Map<String, Counter> addresses = new ConcurrentHashMap<>();
    private final Map<Pair, Long> known = new ConcurrentHashMap<>();

    /**
     * @param freePerPair    failures per (account, address) before the delay starts
     * @param freePerAddress failures per address (any account) before the delay starts
     * @param firstDelay     the first delay; each further failure doubles it
     * @param maxDelay       the cap on a delay
     * @param forgetAfter    a counter is forgotten this long after its last failure
     * @param knownFor       how long a successful sign-in lets its pair pass a slowed address
     * @param maxTracked     entries per map before the least significant are dropped
     */
    record Settings(int freePerPair, int freePerAddress, Duration firstDelay, Duration maxDelay,
                    Duration forgetAfter, Duration knownFor, int maxTracked) {

        Settings {
            require(freePerPair >= 1, "sign-in-failures must be at least 1");
            require(freePerAddress >= 1, "sign-in-failures-per-address must be at least 1");
            require(firstDelay.toMillis() > 0, "sign-in-delay must be positive");
            require(maxDelay.compareTo(firstDelay) >= 0, "sign-in-max-delay must be at least sign-in-delay");
            require(forgetAfter.toMillis() > 0, "sign-in-failure-window must be positive");
            require(!knownFor.isNegative(), "sign-in-known-for must not be negative");
            require(maxTracked >= 100, "sign-in-tracked must be at least 100");
        }

        static Settings of(SecuritySettings.RateLimit limits) {
            return new Settings(limits.signInFailures(), limits.signInFailuresPerAddress(), limits.signInDelay(),
                    limits.signInMaxDelay(), limits.signInFailureWindow(), limits.signInKnownFor(),
                    limits.signInTracked());
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalStateException("kyodo.security.rate-limit." + message);
            }
        }
    }

    /** An account id as named in a sign-in (possibly made up) and the address it came from. */
    private record Pair(String account, String address) {
    }

    private record Counter(int failures, long lastFailureMillis, long slowedUntilMillis) {

        boolean slowedAt(long now) {
            return slowedUntilMillis > now;
        }

        boolean expiredAt(long now, long forgetAfterMillis) {
            return now >= Math.max(lastFailureMillis + forgetAfterMillis, slowedUntilMillis);
        }
    }

    /**
     * A counter as the admin API shows it.
     *
     * @param account     the account id, or null for an address counter
     * @param address     the client address
     * @param failures    failures counted
     * @param lastFailure when the last one happened
     * @param slowedUntil until when attempts are refused, or null when they are accepted now
     */
    record Throttle(String account, String address, int failures, Instant lastFailure, Instant slowedUntil) {
    }

    SignInThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * How long an attempt for this account from this address must wait; empty when it may be checked
     * now. The pair's own delay always applies; the address's only to pairs that have not signed in
     * successfully from there within {@code knownFor}.
     */
    Optional<Duration> waitBefore(String account, String address) {
        long now = clock.millis();
        Pair pair = new Pair(account, address);
        long until = 0;
        Counter own = pairs.get(pair);
        if (own != null && own.slowedAt(now)) {
            until = own.slowedUntilMillis();
        }
        Counter fromAddress = addresses.get(address);
        if (fromAddress != null && fromAddress.slowedAt(now) && !knownAt(pair, now)) {
            until = Math.max(until, fromAddress.slowedUntilMillis());
        }
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    /**
     * Counts a failed sign-in. {@code existingAccount} only decides what is logged: a slowed real
     * account is worth a line, made-up ids are not logged one by one (the address line covers them).
     */
    void failed(String account, String address, boolean existingAccount) {
        long now = clock.millis();
        Counter pair = count(pairs, new Pair(account, address), settings.freePerPair(), now);
        Counter fromAddress = count(addresses, address, settings.freePerAddress(), now);
        if (existingAccount && pair.failures() == settings.freePerPair()) {
            log.warn("Sign-ins for account {} from {} are slowed down after {} failed attempts",
                    account, address, pair.failures());
        }
        if (fromAddress.failures() == settings.freePerAddress()) {
            log.warn("Sign-ins from {} are slowed down after {} failed attempts (any account)",
                    address, fromAddress.failures());
        }
    }

    /** A correct password: the pair's failures are forgotten and the pair is known at this address. */
    void succeeded(String account, String address) {
        long now = clock.millis();
        Pair pair = new Pair(account, address);
        pairs.remove(pair);
        if (!settings.knownFor().isZero()) {
            if (known.size() >= settings.maxTracked() && !known.containsKey(pair)) {
                pruneKnown(now);
            }
            known.put(pair, now);
        }
    }

    /** The live counters, those with the most failures first, at most {@code limit}. */
    List<Throttle> list(int limit) {
        long now = clock.millis();
        long forget = settings.forgetAfter().toMillis();
        List<Throttle> all = new ArrayList<>();
        pairs.forEach((pair, c) -> {
            if (!c.expiredAt(now, forget)) {
                all.add(throttle(pair.account(), pair.address(), c, now));
            }
        });
        addresses.forEach((address, c) -> {
            if (!c.expiredAt(now, forget)) {
                all.add(throttle(null, address, c, now));
            }
        });
        all.sort(Comparator.comparingInt(Throttle::failures).reversed()
                .thenComparing(Throttle::lastFailure, Comparator.reverseOrder()));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    /**
     * Clears counters: with both, the one pair; with an account only, its pairs at every address; with
     * an address only, the address's counter and every pair at it.
     *
     * @return how many counters were cleared
     */
    int clear(String account, String address) {
        if (account == null && address == null) {
            throw new IllegalArgumentException("name an account, an address or both");
        }
        int cleared = 0;
        for (Pair pair : pairs.keySet()) {
            if ((account == null || pair.account().equals(account)) && (address == null || pair.address().equals(address))
                    && pairs.remove(pair) != null) {
                cleared++;
            }
        }
        if (account == null && address != null && addresses.remove(address) != null) {
            cleared++;
        }
        if (cleared > 0) {
            log.info("Sign-in throttles cleared by an administrator: {} (account {}, address {})", cleared,
                    account == null ? "any" : account, address == null ? "any" : address);
        }
        return cleared;
    }

    /** Entries held, for tests of the bound. */
    int tracked() {
        return pairs.size() + addresses.size() + known.size();
    }

    private <K> Counter count(Map<K, Counter> counters, K key, int free, long now) {
        if (counters.size() >= settings.maxTracked() && !counters.containsKey(key)) {
            prune(counters, now);
        }
        long forget = settings.forgetAfter().toMillis();
        return counters.compute(key, (k, c) -> {
            int failures = c == null || c.expiredAt(now, forget) ? 1 : c.failures() + 1;
            return new Counter(failures, now, now + delayAfter(failures, free));
        });
    }

    /** The delay after the n-th failure: none within the free ones, then first, 2×first, 4×first … up to the cap. */
    long delayAfter(int failures, int free) {
        if (failures < free) {
            return 0;
        }
        int doublings = Math.min(failures - free, 62);
        long first = settings.firstDelay().toMillis();
        long max = settings.maxDelay().toMillis();
        return first > (max >> doublings) ? max : Math.min(max, first << doublings);
    }

    private boolean knownAt(Pair pair, long now) {
        Long at = known.get(pair);
        return at != null && now < at + settings.knownFor().toMillis();
    }

    /** Drops expired counters, then the least significant tenth: fewest failures, oldest first. */
    private synchronized <K> void prune(Map<K, Counter> counters, long now) {
        if (counters.size() < settings.maxTracked()) {
            return;
        }
        long forget = settings.forgetAfter().toMillis();
        counters.values().removeIf(c -> c.expiredAt(now, forget));
        int excess = counters.size() - settings.maxTracked() * 9 / 10;
        if (excess > 0) {
            counters.entrySet().stream()
                    .sorted(Comparator.comparingInt((Map.Entry<K, Counter> e) -> e.getValue().failures())
                            .thenComparingLong(e -> e.getValue().lastFailureMillis()))
                    .limit(excess)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(counters::remove);
        }
    }

    private synchronized void pruneKnown(long now) {
        if (known.size() < settings.maxTracked()) {
            return;
        }
        long keep = settings.knownFor().toMillis();
        known.values().removeIf(at -> now >= at + keep);
        int excess = known.size() - settings.maxTracked() * 9 / 10;
        if (excess > 0) {
            known.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(excess)
                    .map(Map.Entry::getKey).toList().forEach(known::remove);
        }
    }

    private static Throttle throttle(String account, String address, Counter c, long now) {
        return new Throttle(account, address, c.failures(), Instant.ofEpochMilli(c.lastFailureMillis()),
                c.slowedAt(now) ? Instant.ofEpochMilli(c.slowedUntilMillis()) : null);
    }
}
