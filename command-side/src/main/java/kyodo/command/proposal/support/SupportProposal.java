package kyodo.command.proposal.support;

import kyodo.command.access.Permission;
import kyodo.command.access.Requires;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record a verified resident's support of a proposal (issue 17): at most once per person, while the
 * proposal is open, from its own ward or, for a programme open to the whole city, from any ward.
 *
 * @param supporter     the resident's keyed pseudonym (ADR 26): the only trace of who, in the event
 * @param supporterWard the ward the resident was verified as a resident of
 */
@Requires(Permission.SUPPORT)
public record SupportProposal(@TargetAggregateIdentifier String proposalId, String supporter, Ward supporterWard,
                              Instant at, StaffRef by) {

    @Override
    public String toString() {
        return "SupportProposal[proposalId=" + proposalId + "]";
    }
}
