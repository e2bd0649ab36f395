package kyodo.ops.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sign-in throttle on its own, on a clock the test moves. */
class SignInThrottleTest {

    private static final String CLERK = "k-20001";
    private static final String OFFICE = "192.0.2.10";
    private static final String ATTACKER = "203.0.113.66";

    private final ManualClock clock = new ManualClock();

    /** 3 free failures per pair, 10 per address, delays 1 s doubling up to 60 s, forgotten after 15 min. */
    private SignInThrottle throttle(int maxTracked) {
        return new SignInThrottle(new SignInThrottle.Settings(3, 10, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMinutes(15), Duration.ofDays(30), maxTracked), clock);
    }

    private SignInThrottle throttle() {
        return throttle(100_000);
    }

    @Test
    void theFreeFailuresPassThenEachFurtherFailureDoublesTheDelayUpToTheCap() {
        SignInThrottle throttle = throttle();
        for (int i = 0; i < 2; i++) {
            throttle.failed(CLERK, ATTACKER, true);
            assertThat(throttle.waitBefore(CLERK, ATTACKER)).isEmpty();
        }
        long[] expectedSeconds = {1, 2, 4, 8, 16, 32, 60, 60};
        for (long seconds : expectedSeconds) {
            throttle.failed(CLERK, ATTACKER, true);
            assertThat(throttle.waitBefore(CLERK, ATTACKER)).contains(Duration.ofSeconds(seconds));
            clock.advance(Duration.ofSeconds(seconds).minusMillis(1));
            assertThat(throttle.waitBefore(CLERK, ATTACKER)).as("still slowed just before the end").isPresent();
            clock.advance(Duration.ofMillis(1));
            assertThat(throttle.waitBefore(CLERK, ATTACKER)).as("accepted again when it ends").isEmpty();
        }
    }

    @Test
    void aDelayNeverOverflowsWhateverTheCount() {
        SignInThrottle throttle = throttle();
        assertThat(throttle.delayAfter(2, 3)).isZero();
        assertThat(throttle.delayAfter(3, 3)).isEqualTo(1_000);
        assertThat(throttle.delayAfter(1_000_000, 3)).isEqualTo(60_000);
        assertThat(throttle.delayAfter(Integer.MAX_VALUE, 3)).isEqualTo(60_000);
    }

    @Test
    void aCorrectPasswordFromAnotherAddressIsNeverSlowedByAnAttackOnTheSameAccount() {
        SignInThrottle throttle = throttle();
        for (int i = 0; i < 9; i++) {
            throttle.failed(CLERK, ATTACKER, true);
        }
        assertThat(throttle.waitBefore(CLERK, ATTACKER)).isPresent();
        assertThat(throttle.waitBefore(CLERK, OFFICE)).isEmpty();
    }

    @Test
    void madeUpAccountIdsSlowTheirAddressButNoRealAccountAndNoOtherAddress() {
        SignInThrottle throttle = throttle();
        for (int i = 0; i < 100; i++) {
            throttle.failed("guess-" + i, ATTACKER, false);
        }
        assertThat(throttle.waitBefore("guess-100", ATTACKER)).as("the spraying address is slowed").isPresent();
        assertThat(throttle.waitBefore(CLERK, ATTACKER)).as("for every account it names").isPresent();
        assertThat(throttle.waitBefore(CLERK, OFFICE)).as("not the account elsewhere").isEmpty();
        assertThat(throttle.waitBefore("guess-1", OFFICE)).as("not another address").isEmpty();
    }

    @Test
    void anAccountThatSignedInFromAnAddressBeforePassesWhenOthersSlowTheAddressDown() {
        SignInThrottle throttle = throttle();
        throttle.succeeded(CLERK, OFFICE);
        for (int i = 0; i < 20; i++) {
            throttle.failed("guess-" + i, OFFICE, false);
        }
        assertThat(throttle.waitBefore("k-20002", OFFICE)).as("a newcomer behind the same proxy waits").isPresent();
        assertThat(throttle.waitBefore(CLERK, OFFICE)).as("the known account does not").isEmpty();

        clock.advance(Duration.ofDays(30));
        for (int i = 0; i < 10; i++) {
            throttle.failed("guess-" + i, OFFICE, false);
        }
        assertThat(throttle.waitBefore(CLERK, OFFICE)).as("only for knownFor").isPresent();
    }

    @Test
    void aKnownAccountIsStillSlowedByItsOwnFailures() {
        SignInThrottle throttle = throttle();
        throttle.succeeded(CLERK, OFFICE);
        for (int i = 0; i < 3; i++) {
            throttle.failed(CLERK, OFFICE, true);
        }
        assertThat(throttle.waitBefore(CLERK, OFFICE)).contains(Duration.ofSeconds(1));
    }

    @Test
    void aSuccessForgetsThePairsFailuresButNotTheAddresss() {
        SignInThrottle throttle = throttle();
        for (int i = 0; i < 2; i++) {
            throttle.failed(CLERK, OFFICE, true);
        }
        throttle.succeeded(CLERK, OFFICE);
        throttle.failed(CLERK, OFFICE, true);
        assertThat(throttle.list(10)).filteredOn(t -> CLERK.equals(t.account()))
                .singleElement().satisfies(t -> assertThat(t.failures()).isEqualTo(1));
        assertThat(throttle.list(10)).filteredOn(t -> t.account() == null)
                .singleElement().satisfies(t -> assertThat(t.failures()).isEqualTo(3));
    }

    @Test
    void failuresAreForgottenAfterTheWindow() {
        SignInThrottle throttle = throttle();
        for (int i = 0; i < 3; i++) {
            throttle.failed(CLERK, ATTACKER, true);
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.list(10)).isEmpty();
        throttle.failed(CLERK, ATTACKER, true);
        assertThat(throttle.waitBefore(CLERK, ATTACKER)).as("counting starts over").isEmpty();
    }

    @Test
    void rotatingIdsAndAddressesCannotGrowTheMapsOrWashOutTheCountersThatMatter() {
        SignInThrottle throttle = throttle(1_000);
        for (int i = 0; i < 8; i++) {
            throttle.failed(CLERK, ATTACKER, true);
        }
        for (int i = 0; i < 50_000; i++) {
            throttle.failed("guess-" + i, "198.18." + (i / 250) + "." + (i % 250), false);
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(2_000);
        assertThat(throttle.list(2)).extracting(t -> t.account() + "@" + t.address() + "=" + t.failures())
                .containsExactlyInAnyOrder(CLERK + "@" + ATTACKER + "=8", "null@" + ATTACKER + "=8");
        assertThat(throttle.waitBefore(CLERK, ATTACKER)).isPresent();
    }

    @Test
    void anAdministratorSeesTheSlowedCountersAndClearsThemByPairAccountOrAddress() {
        SignInThrottle throttle = throttle();
        for (int i = 0; i < 4; i++) {
            throttle.failed(CLERK, ATTACKER, true);
            throttle.failed(CLERK, OFFICE, true);
        }
        throttle.failed("k-20002", ATTACKER, true);
        Instant now = clock.instant();
        assertThat(throttle.list(10)).extracting(t -> t.account() + "@" + t.address() + "=" + t.failures())
                .containsExactlyInAnyOrder(CLERK + "@" + ATTACKER + "=4", CLERK + "@" + OFFICE + "=4",
                        "k-20002@" + ATTACKER + "=1", "null@" + ATTACKER + "=5", "null@" + OFFICE + "=4");
        assertThat(throttle.list(10)).filteredOn(t -> CLERK.equals(t.account()))
                .allSatisfy(t -> assertThat(t.slowedUntil()).isEqualTo(now.plusSeconds(2)));
        assertThat(throttle.list(2)).hasSize(2).first().satisfies(t -> assertThat(t.failures()).isEqualTo(5));

        assertThat(throttle.clear(CLERK, OFFICE)).isEqualTo(1);
        assertThat(throttle.waitBefore(CLERK, OFFICE)).isEmpty();
        assertThat(throttle.waitBefore(CLERK, ATTACKER)).isPresent();

        assertThat(throttle.clear(null, ATTACKER)).as("the address and both pairs at it").isEqualTo(3);
        assertThat(throttle.waitBefore(CLERK, ATTACKER)).isEmpty();
        assertThat(throttle.clear(CLERK, null)).isZero();
        assertThatThrownBy(() -> throttle.clear(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsThatWouldNeverSlowOrNeverRecoverAreRefusedAtStart() {
        assertThatThrownBy(() -> new SignInThrottle.Settings(0, 10, Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ZERO, 1_000)).hasMessageContaining("sign-in-failures");
        assertThatThrownBy(() -> new SignInThrottle.Settings(3, 10, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ZERO, 1_000)).hasMessageContaining("sign-in-max-delay");
    }
}
