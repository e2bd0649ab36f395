package kyodo.command.proposal;

import kyodo.kernel.problem.CataloguedProblem;
import kyodo.kernel.problem.ProblemCatalog;

/**
 * The rules of a proposal's life, each a stable problem type (409).
 * Slugs, statuses and titles are the rows of ProposalProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum ProposalProblems implements CataloguedProblem {
    NOT_ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, ALREADY_DECIDED, WITHDRAWN, REVISION_NOT_REQUESTED,
    REVISION_ALREADY_REQUESTED, ALREADY_REFERRED, NOT_REFERRED, DECIDED_BY_MEETING, NO_REFERRAL, MEETING_ELSEWHERE,
    MEETING_UNKNOWN
}
