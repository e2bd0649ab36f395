package kyodo.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Ask the meeting whether it would take a registration now, before the participant's data is
 * sealed: refused as a registration would be (unknown meeting, outside the sender's ward, stale
 * If-Match, cancelled, closed, full), and otherwise changes nothing. Answers the current version.
 */
public record CheckRegistration(@TargetAggregateIdentifier String meetingId,
                                @TargetAggregateVersion Long expectedVersion) {
}
