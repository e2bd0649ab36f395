package kyodo.command.proposal;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Acknowledge a proposal: a department takes it up and the response clock starts. A null {@code responseDueDays} takes the programme's default.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record AcknowledgeProposal(@TargetAggregateIdentifier String proposalId, @TargetAggregateVersion Long expectedVersion,
                    String department, Integer responseDueDays, Instant at, StaffRef by) {
}
