package kyodo.command.proposal;

import kyodo.kernel.problem.ProblemCatalog;
import kyodo.kernel.problem.ProblemKind;
import kyodo.kernel.problem.ProblemType;

/**
 * The rules of a proposal's life, each a stable problem type (409).
 * Slugs, statuses and titles are the rows of ProposalProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum ProposalProblems implements ProblemKind {
    NOT_ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, ALREADY_DECIDED, WITHDRAWN, REVISION_NOT_REQUESTED,
    REVISION_ALREADY_REQUESTED, ALREADY_REFERRED, NOT_REFERRED, DECIDED_BY_MEETING, NO_REFERRAL, MEETING_ELSEWHERE,
    MEETING_UNKNOWN;

    @Override
    public ProblemType type() {
        return ProblemCatalog.typeOf(this);
    }
}
