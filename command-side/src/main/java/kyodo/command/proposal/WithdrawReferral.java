package kyodo.command.proposal;

import kyodo.command.platform.DecidingCommand;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Decide to withdraw a proposal's referral to a meeting, with a reason: afterwards the meeting's
 * resolution no longer decides it, and staff may answer it directly or refer it again.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record WithdrawReferral(@TargetAggregateIdentifier String proposalId, @TargetAggregateVersion Long expectedVersion,
                               String decisionId, String reason, Instant at, StaffRef by) implements DecidingCommand {
}
