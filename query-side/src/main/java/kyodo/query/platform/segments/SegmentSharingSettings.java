package kyodo.query.platform.segments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the serving query processes share the projections' segments (ADR 27), {@code kyodo.projections.sharing.*}.
 *
 * @param heartbeatInterval how often a query process writes its heartbeat to the read store and recounts its
 *                          peers and its share of each processing group's segments
 * @param peerTimeout       a query process whose last heartbeat is older than this is counted gone: the others
 *                          take over its segments once its claims expire (10 s after its last write)
 */
@ConfigurationProperties("kyodo.projections.sharing")
public record SegmentSharingSettings(@DefaultValue("2s") Duration heartbeatInterval,
                                     @DefaultValue("10s") Duration peerTimeout) {

    public SegmentSharingSettings {
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("kyodo.projections.sharing.heartbeat-interval must be positive");
        }
        if (peerTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("kyodo.projections.sharing.peer-timeout must be at least twice "
                    + "the heartbeat interval, or a live process that is a little late counts as gone");
        }
    }
}
