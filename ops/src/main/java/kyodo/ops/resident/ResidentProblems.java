package kyodo.ops.resident;

import kyodo.kernel.problem.CataloguedProblem;
import kyodo.kernel.problem.ProblemCatalog;

/**
 * What a resident's request can be refused for, besides the common problems.
 * Slugs, statuses and titles are the rows of ResidentProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum ResidentProblems implements CataloguedProblem {
    CODE_INVALID, NOT_CONFIRMED, NOT_VERIFIED, ALREADY_VERIFIED, PERSON_HAS_ACCOUNT
}
