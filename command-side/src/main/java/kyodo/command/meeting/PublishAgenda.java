package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Publish (or replace) the meeting's agenda.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record PublishAgenda(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                    java.util.List<kyodo.kernel.meeting.AgendaItem> items, Instant at, StaffRef by) {
}
