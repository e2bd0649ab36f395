package kyodo.command.proposal.support;

import kyodo.kernel.problem.CataloguedProblem;
import kyodo.kernel.problem.ProblemCatalog;

/**
 * Why a resident's support (or its withdrawal) is refused (issue 17); nothing is recorded for any of them.
 * Slugs, statuses and titles are the rows of SupportProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum SupportProblems implements CataloguedProblem {
    ALREADY_SUPPORTED, NOT_SUPPORTED, CLOSED, OUTSIDE_WARD
}
