package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Register a participant, whose name and affiliation arrive sealed.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record RegisterParticipant(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                    String participantId, kyodo.kernel.personal.SealedPersonalData participant, String nominatedBy, Instant at, StaffRef by) {
}
