package kyodo.command.proposal;

import kyodo.command.access.Permission;
import kyodo.command.access.Requires;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Record that the proposer withdrew the proposal.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
@Requires(Permission.PROPOSER_ACT)
public record WithdrawProposal(@TargetAggregateIdentifier String proposalId, @TargetAggregateVersion Long expectedVersion,
                    String reason, Instant at, StaffRef by) {
}
