package kyodo.command.proposal;

import kyodo.command.platform.DecidingCommand;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Answer a proposal: ACCEPTED (optionally with conditions) or REJECTED (reason required).
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record DecideProposal(@TargetAggregateIdentifier String proposalId, @TargetAggregateVersion Long expectedVersion,
                    String decisionId, kyodo.kernel.decision.DecisionOutcome outcome, String reason, String conditions, kyodo.kernel.decision.DecisionBasis basis, Instant at, StaffRef by) implements DecidingCommand {
}
