package kyodo.ops.resident.follow;

import kyodo.kernel.problem.CataloguedProblem;
import kyodo.kernel.problem.ProblemCatalog;

/**
 * What a follow or an unsubscribe can be refused for, besides the common problems.
 * Slugs, statuses and titles are the rows of FollowProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum FollowProblems implements CataloguedProblem {
    LINK_INVALID
}
