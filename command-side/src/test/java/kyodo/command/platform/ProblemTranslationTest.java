package kyodo.command.platform;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Refusals leave the command handler with their problem in the details, the only part of a failure
 * that Axon Server carries back to the sender.
 */
class ProblemTranslationTest {

    private final ProblemTranslation translation = new ProblemTranslation();

    private static CommandMessage<?> command() {
        return GenericCommandMessage.asCommandMessage("c");
    }

    private ProblemDetails carried(Exception thrown) {
        InterceptorChain failing = () -> {
            throw thrown;
        };
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command());
        try {
            Throwable sent = org.assertj.core.api.Assertions.catchThrowable(
                    () -> translation.handle(unitOfWork, failing));
            assertThat(sent).isInstanceOf(CommandExecutionException.class);
            return ((CommandExecutionException) sent).getDetails().map(ProblemDetails.class::cast).orElseThrow();
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void anIdOfAnotherKindOfSubjectTravelsAsNotFound() {
        ProblemDetails problem = carried(new IncompatibleAggregateException("Aggregate identifier must be non-null"));
        assertThat(problem.slug()).isEqualTo(CommonProblems.NOT_FOUND.slug());
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.detail()).doesNotContain("Aggregate");
    }

    @Test
    void anUnknownIdAndAStaleVersionTravelAsTheirProblems() {
        assertThat(carried(new AggregateNotFoundException("p-1", "not found")).status()).isEqualTo(404);
        assertThat(carried(new ConflictingAggregateVersionException("p-1", 1, 2)).slug())
                .isEqualTo(CommonProblems.STALE_VERSION.slug());
    }

    @Test
    void aRuleRefusalTravelsWithItsOwnProblem() {
        KyodoProblemException refusal = new KyodoProblemException(CommonProblems.FORBIDDEN, "outside your ward");
        assertThat(carried(refusal)).isEqualTo(refusal.toDetails());
    }

    @Test
    void anyOtherFailureIsLeftAsItIs() {
        IllegalStateException broken = new IllegalStateException("disk full");
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command());
        try {
            assertThatThrownBy(() -> translation.handle(unitOfWork, () -> {
                throw broken;
            })).isSameAs(broken);
        } finally {
            unitOfWork.rollback();
        }
    }
}
