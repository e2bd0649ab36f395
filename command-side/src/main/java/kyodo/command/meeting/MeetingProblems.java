package kyodo.command.meeting;

import kyodo.kernel.problem.CataloguedProblem;
import kyodo.kernel.problem.ProblemCatalog;

/**
 * The rules of a meeting, each a stable problem type (409).
 * Slugs, statuses and titles are the rows of MeetingProblems.properties beside this class ({@link ProblemCatalog}).
 */
public enum MeetingProblems implements CataloguedProblem {
    CANCELLED, ALREADY_OPENED, NOT_OPEN, NOT_CLOSED, CLOSED, FULL, GROUP_EXISTS, GROUP_UNKNOWN,
    VOTES_EXCEED_ATTENDANCE, QUORUM_NOT_REACHED, PROPOSAL_NOT_REFERRED, FEEDBACK_GROUP_UNKNOWN, REGISTRANT_UNKNOWN,
    MEMBER_NOT_ATTENDING
}
