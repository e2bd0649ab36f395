package kyodo.command.project;

import kyodo.kernel.problem.CataloguedProblem;
import kyodo.kernel.problem.ProblemCatalog;

/**
 * The rules of a collaborative project, each a stable problem type.
 * Slugs, statuses and titles are the rows of ProjectProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum ProjectProblems implements CataloguedProblem {
    CLOSED, NOT_APPROVED, ALREADY_APPROVED, PARTY_NOT_PARTNER, EXPENDITURE_EXCEEDS_ALLOCATION, TARGET_UNKNOWN,
    ORIGIN_NOT_ACCEPTED, ORIGIN_NOT_ADOPTED, NO_WARD_BUDGET, ALLOCATION_RELEASED
}
