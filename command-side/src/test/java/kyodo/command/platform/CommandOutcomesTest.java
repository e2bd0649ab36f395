package kyodo.command.platform;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed command proves about what it stored, locally and as it arrives across Axon Server. */
class CommandOutcomesTest {

    /** As Axon Server hands a refusal back: no cause, only the details. */
    private static CommandExecutionException acrossTheBus(ProblemDetails problem) {
        return new CommandExecutionException("refused", null, problem);
    }

    @Test
    void aRefusalStoredNothingWhetherItArrivesAsAnExceptionOrAsDetails() {
        KyodoProblemException full = new KyodoProblemException(CommonProblems.STALE_VERSION, "stale");
        assertThat(CommandOutcomes.storedNothing(full)).isTrue();
        assertThat(CommandOutcomes.storedNothing(new CompletionException(acrossTheBus(full.toDetails())))).isTrue();
        assertThat(CommandOutcomes.storedNothing(new IncompatibleAggregateException("foreign"))).isTrue();
        assertThat(CommandOutcomes.storedNothing(new AggregateStreamCreationException("exists"))).isTrue();
    }

    @Test
    void aWithdrawnCommandStoredNothingAndOneOfUnknownOutcomeProvesNothing() {
        assertThat(CommandOutcomes.storedNothing(CommandOutcomes.withdrawn())).isTrue();
        assertThat(CommandOutcomes.storedNothing(acrossTheBus(CommandOutcomes.withdrawn().toDetails()))).isTrue();
        assertThat(CommandOutcomes.busy(CommandOutcomes.withdrawn())).isTrue();
        assertThat(CommandOutcomes.storedNothing(CommandOutcomes.outcomeUnknown())).isFalse();
        assertThat(CommandOutcomes.busy(CommandOutcomes.outcomeUnknown())).isFalse();
    }

    @Test
    void aTimeoutOrAnInternalErrorProvesNothing() {
        assertThat(CommandOutcomes.storedNothing(new TimeoutException())).isFalse();
        assertThat(CommandOutcomes.storedNothing(new IllegalStateException("disk full"))).isFalse();
        assertThat(CommandOutcomes.storedNothing(acrossTheBus(ProblemDetails.of(CommonProblems.UNAVAILABLE, "busy"))))
                .isFalse();
    }

    @Test
    void busyIsReadFromTheExceptionOrFromTheDetails() {
        assertThat(CommandOutcomes.busy(acrossTheBus(ProblemDetails.of(CommonProblems.UNAVAILABLE, "busy")))).isTrue();
        assertThat(CommandOutcomes.busy(new KyodoProblemException(CommonProblems.UNAVAILABLE, "busy"))).isTrue();
        assertThat(CommandOutcomes.busy(new KyodoProblemException(CommonProblems.STALE_VERSION, "stale"))).isFalse();
        assertThat(CommandOutcomes.busy(new TimeoutException())).isFalse();
    }

    @Test
    void notFoundIsReadFromTheExceptionOrFromTheDetails() {
        assertThat(CommandOutcomes.notFound(new AggregateNotFoundException("b-1", "none"))).isTrue();
        assertThat(CommandOutcomes.notFound(acrossTheBus(ProblemDetails.of(CommonProblems.NOT_FOUND, "none"))))
                .isTrue();
        assertThat(CommandOutcomes.notFound(new KyodoProblemException(CommonProblems.FORBIDDEN, "no"))).isFalse();
    }
}
