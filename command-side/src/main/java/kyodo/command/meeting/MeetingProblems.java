package kyodo.command.meeting;

import kyodo.kernel.problem.ProblemCatalog;
import kyodo.kernel.problem.ProblemKind;
import kyodo.kernel.problem.ProblemType;

/**
 * The rules of a meeting, each a stable problem type (409).
 * Slugs, statuses and titles are the rows of MeetingProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum MeetingProblems implements ProblemKind {
    CANCELLED, ALREADY_OPENED, NOT_OPEN, NOT_CLOSED, CLOSED, FULL, GROUP_EXISTS, GROUP_UNKNOWN,
    VOTES_EXCEED_ATTENDANCE, QUORUM_NOT_REACHED, PROPOSAL_NOT_REFERRED, FEEDBACK_GROUP_UNKNOWN, REGISTRANT_UNKNOWN,
    MEMBER_NOT_ATTENDING;

    @Override
    public ProblemType type() {
        return ProblemCatalog.typeOf(this);
    }
}
