package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Move the meeting, before it opens; the reason is public.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record RescheduleMeeting(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                    Instant startsAt, Instant endsAt, String reason, Instant at, StaffRef by) {
}
