package kyodo.command.proposal;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Share public progress on a proposal.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record PostProgressUpdate(@TargetAggregateIdentifier String proposalId, @TargetAggregateVersion Long expectedVersion,
                    String text, Instant at, StaffRef by) {
}
