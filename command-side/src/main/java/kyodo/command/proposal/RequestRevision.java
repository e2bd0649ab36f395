package kyodo.command.proposal;

import kyodo.command.platform.DecidingCommand;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Decide that a proposal needs revising; the reason is public.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record RequestRevision(@TargetAggregateIdentifier String proposalId, @TargetAggregateVersion Long expectedVersion,
                    String decisionId, String reason, Instant at, StaffRef by) implements DecidingCommand {
}
