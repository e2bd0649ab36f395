package kyodo.kernel.proposal;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;

/**
 * The proposal was accepted: the answer, with its reason and any conditions, is public.
 *
 * @param proposalId the proposal
 * @param conditions conditions attached to the acceptance, or null
 * @param daysLate   days past the due date the answer came, 0 when on time
 * @param decision   kind PROPOSAL_ANSWER, outcome ACCEPTED
 */
public record ProposalAccepted(String proposalId, String conditions, int daysLate, Decision decision)
        implements DecisionEvent {
}
