package kyodo.command.budget;

import kyodo.command.sending.RecordingGateway;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.project.ProjectTerminated;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TerminationReturnsFundsTest {

    private static final StaffRef HEAD = new StaffRef("s-3", "WARD_HEAD");
    private static final Instant AT = Instant.parse("2025-11-04T01:00:00Z");

    private final RecordingGateway gateway = new RecordingGateway(5L);
    private final List<CommandMessage<?>> sent = gateway.sent;
    private final TerminationReturnsFunds policy = new TerminationReturnsFunds(gateway.commands());

    private static ProjectTerminated terminated(String budgetId, long unspent) {
        return new ProjectTerminated("pr-1", Yen.of(unspent), budgetId, new Decision("d-t", SubjectType.PROJECT,
                "pr-1", Ward.SAIWAI, DecisionKind.PROJECT_TERMINATION, DecisionOutcome.TERMINATED,
                "担い手が確保できないため中止", HEAD, AT, null));
    }

    @Test
    void theUnspentAllocationReturnsToItsBudgetKeyedByTheTermination() {
        policy.on(terminated("saiwai-2025", 120_000));

        assertThat(sent).hasSize(1);
        ReleaseFunds release = (ReleaseFunds) sent.get(0).getPayload();
        assertThat(release.budgetId()).isEqualTo("saiwai-2025");
        assertThat(release.releaseId()).isEqualTo("termination-pr-1");
        assertThat(release.amount()).isEqualTo(Yen.of(120_000));
        assertThat(release.at()).isEqualTo(AT);
        assertThat(sent.get(0).getMetaData()).containsEntry("staffId", "s-3").containsEntry("role", "WARD_HEAD");
    }

    @Test
    void nothingReturnsWithoutABudgetOrWithNothingUnspent() {
        policy.on(terminated(null, 120_000));
        policy.on(terminated("saiwai-2025", 0));
        assertThat(sent).isEmpty();
    }

    @Test
    void aRuleRefusalIsFinalSoTheProcessorMovesOnInsteadOfRetryingForever() {
        gateway.failWith(new CommandExecutionException("refused", null,
                new KyodoProblemException(BudgetProblems.NOT_POSITIVE, "Allocate at least one yen.").toDetails()));
        policy.on(terminated("saiwai-2025", 120_000));
        assertThat(sent).hasSize(1);
    }

    @Test
    void aTechnicalFailureIsRethrownSoTheProcessorRetries() {
        gateway.failWith(new IllegalStateException("event store unreachable"));
        assertThatThrownBy(() -> policy.on(terminated("saiwai-2025", 120_000)))
                .isInstanceOf(IllegalStateException.class);
    }
}
