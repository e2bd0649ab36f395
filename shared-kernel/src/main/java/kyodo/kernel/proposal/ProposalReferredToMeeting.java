package kyodo.kernel.proposal;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;

/**
 * Staff referred the proposal to a meeting, whose resolution will decide it.
 *
 * @param proposalId the proposal
 * @param meetingId  the meeting it was referred to
 * @param decision   kind REFERRAL, outcome REFERRED
 */
public record ProposalReferredToMeeting(String proposalId, String meetingId, Decision decision)
        implements DecisionEvent {
}
