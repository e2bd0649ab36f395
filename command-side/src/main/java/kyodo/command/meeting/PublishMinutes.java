package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Publish (or replace) the minutes of the closed meeting.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record PublishMinutes(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                    String text, Instant at, StaffRef by) {
}
