package kyodo.command.platform;

import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.Optional;

/**
 * What a failed command tells about what it stored. Only a refusal (a problem of status 4xx, as an
 * exception or carried as details across the bus) and a creation whose aggregate was already there
 * say for sure that nothing was stored; a timeout or an internal error says nothing either way: the
 * command may still commit.
 */
public final class CommandOutcomes {

    private CommandOutcomes() {
    }

    /** Whether the failure proves that the command stored nothing. */
    public static boolean storedNothing(Throwable failure) {
        return alreadyCreated(failure) || refused(failure);
    }

    /** Whether a creation failed because an aggregate with its id exists already (an idempotent repeat). */
    public static boolean alreadyCreated(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException || t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure says that the command's aggregate does not exist (or is of another kind),
     * also when only the problem details crossed the bus.
     */
    public static boolean notFound(Throwable failure) {
        return problemOf(failure).filter(problem -> problem.status() == 404).isPresent();
    }

    /**
     * Whether the failure says the command side was too busy to take the command (503): it stored
     * nothing, and the same command may pass when sent again a little later.
     */
    public static boolean busy(Throwable failure) {
        return problemOf(failure).filter(problem -> problem.status() == 503).isPresent();
    }

    private static boolean refused(Throwable failure) {
        return problemOf(failure).filter(CommandOutcomes::isRefusal).isPresent();
    }

    /** The problem a failure stands for, the outermost one it carries or wraps. */
    private static Optional<ProblemDetails> problemOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KyodoProblemException problem) {
                return Optional.of(problem.toDetails());
            }
            Throwable cause = t;
            Optional<ProblemDetails> carried = HandlerExecutionException.resolveDetails(cause)
                    .filter(ProblemDetails.class::isInstance).map(ProblemDetails.class::cast)
                    .or(() -> ProblemTranslation.frameworkRefusal(cause));
            if (carried.isPresent()) {
                return carried;
            }
        }
        return Optional.empty();
    }

    private static boolean isRefusal(ProblemDetails problem) {
        return problem.status() >= 400 && problem.status() < 500;
    }
}
