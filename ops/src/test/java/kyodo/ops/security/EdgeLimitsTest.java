package kyodo.ops.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeLimitsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-04-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aWindowAllowsItsLimitThenRefusesUntilItEnds() {
        ManualClock clock = new ManualClock();
        EdgeLimits limits = new EdgeLimits(clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.tryAcquire("a", 3, Duration.ofMinutes(1))).isTrue();
        }
        assertThat(limits.tryAcquire("a", 3, Duration.ofMinutes(1))).isFalse();
        assertThat(limits.tryAcquire("b", 3, Duration.ofMinutes(1))).as("keys are apart").isTrue();
        assertThat(limits.secondsLeft("a")).isEqualTo(60);

        clock.now = clock.now.plusSeconds(45);
        assertThat(limits.secondsLeft("a")).isEqualTo(15);
        clock.now = clock.now.plusSeconds(15);
        assertThat(limits.current("a")).isZero();
        assertThat(limits.tryAcquire("a", 3, Duration.ofMinutes(1))).isTrue();
    }
}
