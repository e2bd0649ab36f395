package kyodo.command.proposal;

import kyodo.kernel.problem.ProblemType;

/** The rules of a proposal's life, each a stable problem type (409). */
public final class ProposalProblems {

    public static final ProblemType NOT_ACKNOWLEDGED = new ProblemType("proposal-not-acknowledged", 409,
            "受理されていない提案には、この操作はできません", "The proposal has not been acknowledged yet");
    public static final ProblemType ALREADY_ACKNOWLEDGED = new ProblemType("proposal-already-acknowledged", 409,
            "この提案はすでに受理されています", "The proposal was already acknowledged");
    public static final ProblemType ALREADY_DECIDED = new ProblemType("proposal-already-decided", 409,
            "この提案にはすでに回答済みです", "The proposal was already decided");
    public static final ProblemType WITHDRAWN = new ProblemType("proposal-withdrawn", 409,
            "この提案は取り下げられています", "The proposal was withdrawn");
    public static final ProblemType REVISION_NOT_REQUESTED = new ProblemType("proposal-revision-not-requested", 409,
            "修正が依頼されていない提案は修正できません", "No revision was requested for this proposal");
    public static final ProblemType REVISION_ALREADY_REQUESTED = new ProblemType(
            "proposal-revision-already-requested", 409,
            "すでに修正を依頼しています", "A revision was already requested and not yet made");
    public static final ProblemType ALREADY_REFERRED = new ProblemType("proposal-already-referred", 409,
            "この提案はすでに会議に付託されています", "The proposal was already referred to a meeting");
    public static final ProblemType NOT_REFERRED = new ProblemType("proposal-not-referred", 409,
            "会議に付託されていない提案は決議では決まりません", "The proposal is not referred to a meeting");
    public static final ProblemType DECIDED_BY_MEETING = new ProblemType("proposal-decided-by-meeting", 409,
            "会議に付託中の提案は、会議の決議で決まります（直接回答するには付託を撤回してください）",
            "The proposal is referred to a meeting, whose resolution decides it; withdraw the referral to answer it directly");
    public static final ProblemType NO_REFERRAL = new ProblemType("proposal-referral-not-standing", 409,
            "この提案は会議に付託されていないため、付託を撤回できません",
            "The proposal is not referred to a meeting, so there is no referral to withdraw");
    public static final ProblemType MEETING_ELSEWHERE = new ProblemType("referral-meeting-elsewhere", 409,
            "その会議はこの提案の区を対象としていません", "That meeting is not held for the proposal's ward");
    public static final ProblemType MEETING_UNKNOWN = new ProblemType("referral-meeting-unknown", 409,
            "付託先の会議が存在しません", "The meeting named in the referral does not exist");

    private ProposalProblems() {
    }
}
