package kyodo.kernel.meeting;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;
import kyodo.kernel.decision.DecisionOutcome;

/**
 * The meeting voted on a motion. Adopted or failed, it is a decision (outcome ADOPTED or
 * REJECTED). When it names a referred proposal, the proposal is decided accordingly: an adopted
 * motion gives the proposal {@code proposalOutcome}, a failed one the opposite.
 *
 * @param meetingId       the meeting
 * @param resolutionId    the resolution's id
 * @param motion          the motion's text
 * @param proposalId      the referred proposal it decides, or null
 * @param proposalOutcome what the motion proposes for that proposal (ACCEPTED or REJECTED), or null
 * @param votesFor        votes for
 * @param votesAgainst    votes against
 * @param abstentions     abstentions
 * @param attendance      attendance when voted
 * @param decision        kind RESOLUTION, outcome ADOPTED or REJECTED
 */
public record ResolutionVoted(String meetingId, String resolutionId, String motion, String proposalId,
                              DecisionOutcome proposalOutcome, int votesFor, int votesAgainst, int abstentions,
                              int attendance, Decision decision) implements DecisionEvent {

    public boolean adopted() {
        return decision.outcome() == DecisionOutcome.ADOPTED;
    }
}
