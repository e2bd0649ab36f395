package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Cancel the meeting, before it opens; the reason is public.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record CancelMeeting(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                    String reason, Instant at, StaffRef by) {
}
