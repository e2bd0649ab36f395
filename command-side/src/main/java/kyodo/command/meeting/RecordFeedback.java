package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Record what members reported back to the group that nominated them.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record RecordFeedback(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                    String group, String text, Instant at, StaffRef by) {
}
