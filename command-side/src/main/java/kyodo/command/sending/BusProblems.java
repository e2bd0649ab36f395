package kyodo.command.sending;

import kyodo.command.platform.ProblemTranslation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import org.axonframework.messaging.HandlerExecutionException;

import java.util.Optional;

/**
 * What a refused command came back with, as a problem: a {@link KyodoProblemException}, the details
 * a handler's refusal carried across the bus (all that survives Axon Server, ADR 5), or a refusal by
 * the framework (unknown id, id of another kind of subject, stale version), also when wrapped, e.g.
 * in a {@code CommandExecutionException} of a bus that kept the cause. The edge maps everything else.
 */
public final class BusProblems {

    private BusProblems() {
    }

    /** The problem the failure stands for, if it is a refusal that came back from a command. */
    public static Optional<ProblemDetails> of(Throwable failure) {
        if (failure instanceof KyodoProblemException kyodo) {
            return Optional.of(kyodo.toDetails());
        }
        Optional<ProblemDetails> carried = HandlerExecutionException.resolveDetails(failure)
                .filter(ProblemDetails.class::isInstance).map(ProblemDetails.class::cast);
        if (carried.isPresent()) {
            return carried;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Optional<ProblemDetails> refusal = ProblemTranslation.frameworkRefusal(t);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }
}
