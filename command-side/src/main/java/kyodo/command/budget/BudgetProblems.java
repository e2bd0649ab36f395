package kyodo.command.budget;

import kyodo.kernel.problem.CataloguedProblem;
import kyodo.kernel.problem.ProblemCatalog;

/**
 * The rules of a ward budget, each a stable problem type.
 * Slugs, statuses and titles are the rows of BudgetProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum BudgetProblems implements CataloguedProblem {
    EXCEEDED, BELOW_ALLOCATED, MISSING, NOT_POSITIVE
}
