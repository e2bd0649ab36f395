package kyodo.command.platform;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;

/**
 * What a failed command tells about what it stored. Only a refusal (a problem of status 4xx, as an
 * exception or carried as details across the bus), a creation whose aggregate was already there and a
 * command withdrawn before it started ({@link CommandWorkers}) say for sure that nothing was stored; a
 * timeout, an outcome not known in time or an internal error says nothing either way: the command may
 * still commit. Every answer is read from the failure's problem
 * ({@link ProblemTranslation#problemOf}), never from its class alone: on Axon Server only the
 * problem (or the connector's error code) reaches the sender.
 */
public final class CommandOutcomes {

    private CommandOutcomes() {
    }

    /** Whether the failure proves that the command stored nothing. */
    public static boolean storedNothing(Throwable failure) {
        return alreadyCreated(failure) || refused(failure) || withdrawn(failure);
    }

    /** Whether the work was withdrawn before it started: it never ran, and never will. */
    public static boolean withdrawn(Throwable failure) {
        return is(failure, CommonProblems.COMMAND_WITHDRAWN.slug());
    }

    /** The answer to work withdrawn before it started (503, with Retry-After): nothing changed. */
    public static KyodoProblemException withdrawn() {
        return new KyodoProblemException(CommonProblems.COMMAND_WITHDRAWN, "The command could not start in time "
                + "and was withdrawn: nothing was changed. Send it again.");
    }

    /**
     * The answer to work that started but did not finish in time (504): it may still be stored, so it
     * is not to be sent again blindly.
     */
    public static KyodoProblemException outcomeUnknown() {
        return new KyodoProblemException(CommonProblems.COMMAND_OUTCOME_UNKNOWN, "The command started but did not "
                + "finish in time, and may still be stored. Read the resource again before sending it again, or "
                + "send it again with the same Idempotency-Key.");
    }

    /**
     * Whether a creation failed because an aggregate with its id exists already (an idempotent
     * repeat): another write to the same id was stored first, which for a creation can only be the
     * creation itself.
     */
    public static boolean alreadyCreated(Throwable failure) {
        return is(failure, ProblemTranslation.WRITE_CONFLICT.slug());
    }

    /**
     * Whether the failure says that the command's aggregate does not exist (or is of another kind),
     * also when only the problem details crossed the bus.
     */
    public static boolean notFound(Throwable failure) {
        return status(failure) == 404;
    }

    /**
     * Whether the failure says the command side was too busy to take the command (503): it stored
     * nothing, and the same command may pass when sent again a little later.
     */
    public static boolean busy(Throwable failure) {
        return status(failure) == 503;
    }

    private static boolean refused(Throwable failure) {
        int status = status(failure);
        return status >= 400 && status < 500;
    }

    private static boolean is(Throwable failure, String slug) {
        return ProblemTranslation.problemOf(failure).filter(problem -> problem.slug().equals(slug)).isPresent();
    }

    private static int status(Throwable failure) {
        return ProblemTranslation.problemOf(failure).map(ProblemDetails::status).orElse(0);
    }
}
