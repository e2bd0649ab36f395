package kyodo.command.proposal;

import kyodo.command.platform.DecidingCommand;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Decide to refer a proposal to a meeting, whose resolution will answer it.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record ReferProposal(@TargetAggregateIdentifier String proposalId, @TargetAggregateVersion Long expectedVersion,
                    String decisionId, String meetingId, String reason, Instant at, StaffRef by) implements DecidingCommand {
}
