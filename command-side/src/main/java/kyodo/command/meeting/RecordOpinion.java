package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Record an opinion voiced at the open meeting, with related opinions.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record RecordOpinion(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                    String opinionId, Integer group, String theme, String text, java.util.List<String> related, String proposalId, Instant at, StaffRef by) {
}
