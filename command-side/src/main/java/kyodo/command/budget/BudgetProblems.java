package kyodo.command.budget;

import kyodo.kernel.problem.ProblemCatalog;
import kyodo.kernel.problem.ProblemKind;
import kyodo.kernel.problem.ProblemType;

/**
 * The rules of a ward budget, each a stable problem type.
 * Slugs, statuses and titles are the rows of BudgetProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum BudgetProblems implements ProblemKind {
    EXCEEDED, BELOW_ALLOCATED, MISSING, NOT_POSITIVE;

    @Override
    public ProblemType type() {
        return ProblemCatalog.typeOf(this);
    }
}
