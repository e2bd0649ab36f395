package kyodo.ops.resident.follow;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The digest's cut-off: the last digest hour (Asia/Tokyo) at or before now. */
class DigestsTest {

    private final Digests digests = new Digests(null, null, null,
            new FollowSettings(null, URI.create("http://localhost:8080"), LocalTime.of(7, 0), Duration.ofMinutes(1)),
            null);

    @Test
    void beforeTheHourTheCutOffIsYesterdaysHour() {
        // 06:59 in Tokyo on 6 December
        assertThat(digests.cutoff(Instant.parse("2026-12-05T21:59:00Z"))).isEqualTo(Instant.parse("2026-12-04T22:00:00Z"));
    }

    @Test
    void atAndAfterTheHourTheCutOffIsTodaysHour() {
        assertThat(digests.cutoff(Instant.parse("2026-12-05T22:00:00Z"))).isEqualTo(Instant.parse("2026-12-05T22:00:00Z"));
        assertThat(digests.cutoff(Instant.parse("2026-12-06T14:59:00Z"))).isEqualTo(Instant.parse("2026-12-05T22:00:00Z"));
    }
}
