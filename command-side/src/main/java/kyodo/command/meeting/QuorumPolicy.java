package kyodo.command.meeting;

import kyodo.kernel.meeting.MeetingKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Map;

/**
 * Share of the attendance that must vote (for, against or abstaining) for a motion to be decided
 * ({@code kyodo.meetings.quorum.*}).
 *
 * @param defaultShare more than this share of the attendance must vote (0.5: more than half)
 * @param byKind       the share for a kind of meeting instead, e.g. by-kind.WARD_ASSEMBLY=0.66
 */
@ConfigurationProperties("kyodo.meetings.quorum")
public record QuorumPolicy(@DefaultValue("0.5") double defaultShare, Map<MeetingKind, Double> byKind) {

    public QuorumPolicy {
        byKind = byKind == null ? Map.of() : Map.copyOf(byKind);
        if (defaultShare < 0 || defaultShare >= 1 || byKind.values().stream().anyMatch(s -> s < 0 || s >= 1)) {
            throw new IllegalArgumentException("a quorum share is at least 0 and below 1");
        }
    }

    /** Whether enough of the attendance voted. */
    public boolean reached(MeetingKind kind, int voting, int attendance) {
        return voting >= votesNeeded(kind, attendance);
    }

    /**
     * The fewest votes (for, against or abstaining) that reach the quorum: the smallest whole number
     * above the share of the attendance. The staff console shows it before a vote is sent.
     */
    public int votesNeeded(MeetingKind kind, int attendance) {
        return (int) Math.floor(byKind.getOrDefault(kind, defaultShare) * attendance) + 1;
    }
}
