package kyodo.kernel.proposal;

import java.time.Instant;

/**
 * A resident withdrew their support while the proposal was open (issue 17).
 *
 * @param proposalId  the proposal
 * @param supporter   the resident's keyed pseudonym, as {@link ProposalSupported} recorded it
 * @param supports    how many residents support it now
 * @param withdrawnAt when
 */
public record ProposalSupportWithdrawn(String proposalId, String supporter, int supports, Instant withdrawnAt)
        implements ProposalSupportCount {

    @Override
    public String toString() {
        return "ProposalSupportWithdrawn[proposalId=" + proposalId + ", supports=" + supports + "]";
    }
}
