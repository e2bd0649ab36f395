package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Form a discussion group under a theme.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record FormGroup(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                    int number, String theme, Instant at, StaffRef by) {
}
