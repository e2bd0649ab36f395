package kyodo.kernel.proposal;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;

/**
 * Staff withdrew the proposal's referral to a meeting, with a public reason: a decision of its own.
 * The meeting's resolution no longer decides the proposal; it is back under review, to be answered
 * directly or referred again. Recorded by the roles that may answer it.
 *
 * @param proposalId the proposal
 * @param meetingId  the meeting it had been referred to
 * @param decision   kind REFERRAL_WITHDRAWAL, outcome WITHDRAWN
 */
public record ProposalReferralWithdrawn(String proposalId, String meetingId, Decision decision)
        implements DecisionEvent {
}
