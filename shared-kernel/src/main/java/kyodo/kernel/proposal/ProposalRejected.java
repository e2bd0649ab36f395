package kyodo.kernel.proposal;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;

/**
 * The proposal was rejected; the reason is required and public.
 *
 * @param proposalId the proposal
 * @param daysLate   days past the due date the answer came, 0 when on time
 * @param decision   kind PROPOSAL_ANSWER, outcome REJECTED
 */
public record ProposalRejected(String proposalId, int daysLate, Decision decision) implements DecisionEvent {
}
