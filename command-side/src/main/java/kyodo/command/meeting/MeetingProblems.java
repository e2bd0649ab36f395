package kyodo.command.meeting;

import kyodo.kernel.problem.ProblemType;

/** The rules of a meeting, each a stable problem type (409). */
public final class MeetingProblems {

    public static final ProblemType CANCELLED = new ProblemType("meeting-cancelled", 409,
            "この会議は中止されています", "The meeting was cancelled");
    public static final ProblemType ALREADY_OPENED = new ProblemType("meeting-already-opened", 409,
            "開会後の会議にはこの操作はできません", "The meeting has already opened");
    public static final ProblemType NOT_OPEN = new ProblemType("meeting-not-open", 409,
            "開会中の会議でのみ記録できます", "The meeting is not open");
    public static final ProblemType NOT_CLOSED = new ProblemType("meeting-not-closed", 409,
            "議事録は閉会後に公開できます", "Minutes come after the meeting closed");
    public static final ProblemType CLOSED = new ProblemType("meeting-closed", 409,
            "閉会した会議にはこの操作はできません", "The meeting has closed");
    public static final ProblemType FULL = new ProblemType("meeting-full", 409,
            "定員に達しています", "The meeting is full");
    public static final ProblemType GROUP_EXISTS = new ProblemType("meeting-group-exists", 409,
            "同じ番号のグループがすでにあります", "A group with that number already exists");
    public static final ProblemType GROUP_UNKNOWN = new ProblemType("meeting-group-unknown", 409,
            "そのグループはこの会議にありません", "No such group in this meeting");
    public static final ProblemType VOTES_EXCEED_ATTENDANCE = new ProblemType("votes-exceed-attendance", 409,
            "投票数が出席者数を超えています", "More votes than attendance");
    public static final ProblemType QUORUM_NOT_REACHED = new ProblemType("quorum-not-reached", 409,
            "定足数に達していません", "The quorum was not reached");
    public static final ProblemType PROPOSAL_NOT_REFERRED = new ProblemType("proposal-not-referred-here", 409,
            "その提案はこの会議に付託されていません", "That proposal is not referred to this meeting");
    public static final ProblemType FEEDBACK_GROUP_UNKNOWN = new ProblemType("feedback-group-unknown", 409,
            "参加者を推薦した団体ではありません", "No participant was nominated by that group");
    public static final ProblemType REGISTRANT_UNKNOWN = new ProblemType("attendance-registrant-unknown", 409,
            "この会議に登録されていない参加者です", "No such registrant in this meeting");
    public static final ProblemType MEMBER_NOT_ATTENDING = new ProblemType("feedback-member-not-attending", 409,
            "その団体から推薦され出席した参加者ではありません",
            "The registrant is not a member of that group who attended");

    private MeetingProblems() {
    }
}
