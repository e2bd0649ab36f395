package kyodo.command.proposal;

import kyodo.command.sending.PolicyCommands;
import kyodo.kernel.decision.DecisionBasis;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.meeting.ResolutionVoted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A resolution on a referred proposal decides it: an adopted motion gives the proposal the
 * motion's outcome, a failed one the opposite, with the resolution as the basis. Exactly once,
 * also across restarts and replays: the decision id is derived from the resolution id, and the
 * proposal records a decision id only once, answering a repeat with its current version. It lives
 * with the proposal, whose command it sends, and hears of the meeting only through the kernel's
 * {@link ResolutionVoted}.
 */
@Component
@ProcessingGroup(ResolutionDecidesProposal.GROUP)
class ResolutionDecidesProposal {

    static final String GROUP = "resolution-decides-proposal";

    private final PolicyCommands commands;

    ResolutionDecidesProposal(PolicyCommands commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(ResolutionVoted resolution) {
        if (resolution.proposalId() == null) {
            return;
        }
        DecisionOutcome outcome = resolution.adopted() ? resolution.proposalOutcome()
                : opposite(resolution.proposalOutcome());
        DecideProposal decide = new DecideProposal(resolution.proposalId(), null, decisionIdFor(resolution), outcome,
                "会議の決議による：" + resolution.motion() + "（" + resolution.decision().reason() + "）", null,
                DecisionBasis.meetingResolution(resolution.resolutionId()), resolution.decision().decidedAt(),
                resolution.decision().decidedBy());
        // Should a rule refuse it (e.g. the proposal was withdrawn meanwhile), the resolution stands as
        // recorded and the policy moves on (PolicyCommands).
        commands.sendAndWait(decide, decide.by());
    }

    /** Deterministic, so a replayed resolution sends the very same decision. */
    static String decisionIdFor(ResolutionVoted resolution) {
        return "resolution-" + resolution.resolutionId();
    }

    private static DecisionOutcome opposite(DecisionOutcome outcome) {
        return outcome == DecisionOutcome.ACCEPTED ? DecisionOutcome.REJECTED : DecisionOutcome.ACCEPTED;
    }
}
