package kyodo.kernel.proposal;

import java.time.Instant;

/**
 * A verified resident supported the proposal (issue 17); each person supports a proposal at most once.
 * Only the resident's keyed pseudonym is recorded (ADR 26), never an account id or a name; the public
 * sees the count, never who.
 *
 * @param proposalId  the proposal
 * @param supporter   the resident's keyed pseudonym (HMAC of their identity under a city secret)
 * @param supports    how many residents support it now
 * @param supportedAt when
 */
public record ProposalSupported(String proposalId, String supporter, int supports, Instant supportedAt)
        implements ProposalSupportCount {

    @Override
    public String toString() {
        return "ProposalSupported[proposalId=" + proposalId + ", supports=" + supports + "]";
    }
}
