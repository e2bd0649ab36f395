package kyodo.ops.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeLimitsTest {

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

        clock.advance(Duration.ofSeconds(45));
        assertThat(limits.secondsLeft("a")).isEqualTo(15);
        clock.advance(Duration.ofSeconds(15));
        assertThat(limits.current("a")).isZero();
        assertThat(limits.tryAcquire("a", 3, Duration.ofMinutes(1))).isTrue();
    }
}
