package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;
import java.util.List;

/**
 * Record what members reported back to the group that nominated them; {@code members} optionally names
 * which of its members who attended reported (registrant ids; null or empty: none named).
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record RecordFeedback(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                    String group, List<String> members, String text, Instant at, StaffRef by) {

    /** Feedback that names no member. */
    public RecordFeedback(String meetingId, Long expectedVersion, String group, String text, Instant at, StaffRef by) {
        this(meetingId, expectedVersion, group, List.of(), text, at, by);
    }
}
