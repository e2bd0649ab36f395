package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Open the meeting with its attendance.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record OpenMeeting(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                    int attendance, Instant at, StaffRef by) {
}
