package kyodo.ops.security;

import kyodo.kernel.problem.CataloguedProblem;
import kyodo.kernel.problem.ProblemCatalog;

/**
 * What a change to the staff accounts can be refused for, besides the common problems.
 * Slugs, statuses and titles are the rows of AccountProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum AccountProblems implements CataloguedProblem {
    ACCOUNT_EXISTS, ACCOUNT_IN_CONFIGURATION
}
