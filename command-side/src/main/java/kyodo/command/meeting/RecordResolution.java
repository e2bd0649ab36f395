package kyodo.command.meeting;

import kyodo.command.platform.DecidingCommand;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Record the vote on a motion: adopted or failed, it is a decision.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record RecordResolution(@TargetAggregateIdentifier String meetingId, @TargetAggregateVersion Long expectedVersion,
                    String resolutionId, String decisionId, String motion, String proposalId, kyodo.kernel.decision.DecisionOutcome proposalOutcome, int votesFor, int votesAgainst, int abstentions, Instant at, StaffRef by) implements DecidingCommand {
}
