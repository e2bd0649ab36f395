package kyodo.command.sending;

import kyodo.command.platform.ProblemTranslation;
import kyodo.kernel.problem.ProblemDetails;

import java.util.Optional;

/**
 * What a refused command came back with, as a problem: a {@link kyodo.kernel.problem.KyodoProblemException},
 * the details a handler's refusal carried across the bus (all that survives Axon Server, ADR 5), a
 * refusal by the framework (unknown id, id of another kind of subject, stale version, a write that
 * lost a race), also when wrapped, or a conflict named only by Axon Server's error code. The edge
 * maps everything else.
 */
public final class BusProblems {

    private BusProblems() {
    }

    /** The problem the failure stands for, if it is a refusal that came back from a command. */
    public static Optional<ProblemDetails> of(Throwable failure) {
        return ProblemTranslation.problemOf(failure);
    }
}
