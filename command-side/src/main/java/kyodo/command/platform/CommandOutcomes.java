package kyodo.command.platform;

import kyodo.kernel.problem.ProblemDetails;

/**
 * What a failed command tells about what it stored. Only a refusal (a problem of status 4xx, as an
 * exception or carried as details across the bus) and a creation whose aggregate was already there
 * say for sure that nothing was stored; a timeout or an internal error says nothing either way: the
 * command may still commit. Every answer is read from the failure's problem
 * ({@link ProblemTranslation#problemOf}), never from its class alone: on Axon Server only the
 * problem (or the connector's error code) reaches the sender.
 */
public final class CommandOutcomes {

    private CommandOutcomes() {
    }

    /** Whether the failure proves that the command stored nothing. */
    public static boolean storedNothing(Throwable failure) {
        return alreadyCreated(failure) || refused(failure);
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
