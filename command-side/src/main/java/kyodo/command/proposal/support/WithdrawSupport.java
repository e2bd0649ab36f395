package kyodo.command.proposal.support;

import kyodo.command.access.Permission;
import kyodo.command.access.Requires;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record that a resident withdrew their support while the proposal is open (issue 17).
 *
 * @param supporter the resident's keyed pseudonym, as they supported with it
 */
@Requires(Permission.SUPPORT)
public record WithdrawSupport(@TargetAggregateIdentifier String proposalId, String supporter, Instant at, StaffRef by) {

    @Override
    public String toString() {
        return "WithdrawSupport[proposalId=" + proposalId + "]";
    }
}
