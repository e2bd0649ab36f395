package kyodo.command.proposal;

import kyodo.command.sending.RecordingGateway;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionBasis;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResolutionDecidesProposalTest {

    private static final StaffRef CHAIR = new StaffRef("s-7", "STAFF");
    private static final Instant AT = Instant.parse("2025-09-19T06:00:00Z");

    private final RecordingGateway gateway = new RecordingGateway(3L);
    private final List<CommandMessage<?>> sent = gateway.sent;
    private final ResolutionDecidesProposal policy = new ResolutionDecidesProposal(gateway.commands());

    private static ResolutionVoted voted(String proposalId, DecisionOutcome proposalOutcome, DecisionOutcome outcome) {
        return new ResolutionVoted("m-1", "r-1", "駐輪場の増設を求める提案を採択する", proposalId, proposalOutcome, 12, 3, 1, 20,
                new Decision("d-r", SubjectType.MEETING, "m-1", Ward.SAIWAI, DecisionKind.RESOLUTION, outcome,
                        "賛成12・反対3・棄権1（出席20）により可決", CHAIR, AT, null));
    }

    private DecideProposal onlyCommand() {
        assertThat(sent).hasSize(1);
        return (DecideProposal) sent.get(0).getPayload();
    }

    @Test
    void anAdoptedMotionGivesTheProposalTheMotionsOutcomeWithTheResolutionAsBasis() {
        policy.on(voted("p-1", DecisionOutcome.ACCEPTED, DecisionOutcome.ADOPTED));
        DecideProposal decide = onlyCommand();
        assertThat(decide.proposalId()).isEqualTo("p-1");
        assertThat(decide.outcome()).isEqualTo(DecisionOutcome.ACCEPTED);
        assertThat(decide.decisionId()).isEqualTo("resolution-r-1");
        assertThat(decide.basis()).isEqualTo(DecisionBasis.meetingResolution("r-1"));
        assertThat(decide.by()).isEqualTo(CHAIR);
        assertThat(decide.at()).isEqualTo(AT);
        assertThat(decide.reason()).contains("駐輪場の増設を求める提案を採択する");
        assertThat(sent.get(0).getMetaData()).containsEntry("staffId", "s-7").containsEntry("role", "STAFF");
    }

    @Test
    void aFailedMotionGivesTheOppositeOutcome() {
        policy.on(voted("p-1", DecisionOutcome.ACCEPTED, DecisionOutcome.REJECTED));
        assertThat(onlyCommand().outcome()).isEqualTo(DecisionOutcome.REJECTED);
    }

    @Test
    void aReplayedResolutionSendsTheVerySameDecision() {
        policy.on(voted("p-1", DecisionOutcome.REJECTED, DecisionOutcome.ADOPTED));
        policy.on(voted("p-1", DecisionOutcome.REJECTED, DecisionOutcome.ADOPTED));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getPayload()).isEqualTo(sent.get(0).getPayload());
    }

    @Test
    void aMotionWithoutAProposalDecidesNothing() {
        policy.on(voted(null, null, DecisionOutcome.ADOPTED));
        assertThat(sent).isEmpty();
    }

    @Test
    void aRuleRefusalIsLoggedAndTheProcessorMovesOn() {
        gateway.failWith(new CommandExecutionException("withdrawn", null,
                new KyodoProblemException(CommonProblems.NOT_FOUND, "x").toDetails()));
        policy.on(voted("p-1", DecisionOutcome.ACCEPTED, DecisionOutcome.ADOPTED));
        assertThat(sent).hasSize(1);
    }

    @Test
    void aTechnicalFailureIsRethrownSoTheProcessorRetries() {
        gateway.failWith(new IllegalStateException("event store unreachable"));
        assertThatThrownBy(() -> policy.on(voted("p-1", DecisionOutcome.ACCEPTED, DecisionOutcome.ADOPTED)))
                .isInstanceOf(IllegalStateException.class);
    }
}
