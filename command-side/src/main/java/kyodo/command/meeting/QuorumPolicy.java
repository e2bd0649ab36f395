package kyodo.command.meeting;

import kyodo.kernel.meeting.MeetingKind;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * Share of the attendance that must vote (for, against or abstaining) for a motion to be decided:
 * more than {@code kyodo.meetings.quorum.default-share} (0.5, i.e. more than half) unless
 * {@code kyodo.meetings.quorum.by-kind.WARD_ASSEMBLY=0.66} etc. says otherwise.
 */
@ConfigurationProperties("kyodo.meetings.quorum")
public record QuorumPolicy(Double defaultShare, Map<MeetingKind, Double> byKind) {

    public QuorumPolicy {
        defaultShare = defaultShare == null ? 0.5 : defaultShare;
        byKind = byKind == null ? Map.of() : Map.copyOf(byKind);
        if (defaultShare < 0 || defaultShare >= 1 || byKind.values().stream().anyMatch(s -> s < 0 || s >= 1)) {
            throw new IllegalArgumentException("a quorum share is at least 0 and below 1");
        }
    }

    /** Whether enough of the attendance voted. */
    public boolean reached(MeetingKind kind, int voting, int attendance) {
        return voting > byKind.getOrDefault(kind, defaultShare) * attendance;
    }
}
