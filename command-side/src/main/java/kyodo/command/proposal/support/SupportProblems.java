package kyodo.command.proposal.support;

import kyodo.kernel.problem.ProblemCatalog;
import kyodo.kernel.problem.ProblemKind;
import kyodo.kernel.problem.ProblemType;

/**
 * Why a resident's support (or its withdrawal) is refused (issue 17); nothing is recorded for any of them.
 * Slugs, statuses and titles are the rows of SupportProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum SupportProblems implements ProblemKind {
    ALREADY_SUPPORTED, NOT_SUPPORTED, CLOSED, OUTSIDE_WARD;

    @Override
    public ProblemType type() {
        return ProblemCatalog.typeOf(this);
    }
}
