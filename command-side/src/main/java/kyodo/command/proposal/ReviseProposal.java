package kyodo.command.proposal;

import kyodo.command.access.Permission;
import kyodo.command.access.Requires;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Record the proposer's revision; only after one was requested. A null field stays as it was.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
@Requires(Permission.PROPOSER_ACT)
public record ReviseProposal(@TargetAggregateIdentifier String proposalId, @TargetAggregateVersion Long expectedVersion,
                    String title, String body, Instant at, StaffRef by) {
}
