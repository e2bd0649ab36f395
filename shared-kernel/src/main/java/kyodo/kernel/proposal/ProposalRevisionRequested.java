package kyodo.kernel.proposal;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;

/**
 * Staff decided the proposal needs revising before it can be answered; the reason is public.
 *
 * @param proposalId the proposal
 * @param decision   kind REVISION_REQUEST, outcome REVISION_REQUESTED, with the reason
 */
public record ProposalRevisionRequested(String proposalId, Decision decision) implements DecisionEvent {
}
