package kyodo.command.sending;

import kyodo.command.budget.ReleaseFunds;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Yen;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyCommandsTest {

    private static final StaffRef BY = new StaffRef("s-1", "STAFF");
    private static final ReleaseFunds RELEASE = new ReleaseFunds("saiwai-2025", "termination-pr-1", "pr-1",
            Yen.of(1_000), "事業の中止により未使用額を返還しました", Instant.parse("2025-11-04T01:00:00Z"));

    private static PolicyCommands failingWith(RuntimeException failure) {
        RecordingGateway gateway = new RecordingGateway(1L);
        if (failure != null) {
            gateway.failWith(failure);
        }
        return gateway.commands();
    }

    @Test
    void aHandledCommandIsHandled() {
        assertThat(failingWith(null).sendAndWait(RELEASE, BY)).isTrue();
    }

    @Test
    void aRefusalThatCameBackAsAProblemIsFinal() {
        assertThat(failingWith(new KyodoProblemException(CommonProblems.NOT_FOUND, "x")).sendAndWait(RELEASE, BY))
                .isFalse();
        assertThat(failingWith(new CommandExecutionException("refused", null,
                new KyodoProblemException(CommonProblems.FORBIDDEN, "x").toDetails())).sendAndWait(RELEASE, BY))
                .isFalse();
    }

    @Test
    void anyOtherFailureIsThrownForTheProcessorToRetry() {
        IllegalStateException unreachable = new IllegalStateException("event store unreachable");
        assertThatThrownBy(() -> failingWith(unreachable).sendAndWait(RELEASE, BY)).isSameAs(unreachable);
        CommandExecutionException withoutProblem = new CommandExecutionException("lost", null, null);
        assertThatThrownBy(() -> failingWith(withoutProblem).sendAndWait(RELEASE, BY)).isSameAs(withoutProblem);
    }

    @Test
    void aProblemThatSaysNotNowIsThrownForTheProcessorToRetry() {
        KyodoProblemException busy = new KyodoProblemException(CommonProblems.UNAVAILABLE,
                "Other decisions are being recorded; try again.");
        CommandExecutionException overTheBus = new CommandExecutionException(busy.getMessage(), busy, busy.toDetails());
        assertThatThrownBy(() -> failingWith(overTheBus).sendAndWait(RELEASE, BY)).isSameAs(overTheBus);
        assertThatThrownBy(() -> failingWith(busy).sendAndWait(RELEASE, BY)).isSameAs(busy);
    }
}
