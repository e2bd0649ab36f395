package kyodo.command.project;

import kyodo.kernel.problem.ProblemType;

/** The rules of a collaborative project, each a stable problem type. */
public final class ProjectProblems {

    public static final ProblemType CLOSED = new ProblemType("project-closed", 409,
            "完了または中止した事業は変更できません", "The project was completed or terminated");
    public static final ProblemType NOT_APPROVED = new ProblemType("project-not-approved", 409,
            "承認前の事業には予算を配分できません", "The project has not been approved");
    public static final ProblemType ALREADY_APPROVED = new ProblemType("project-already-approved", 409,
            "この事業はすでに承認されています", "The project was already approved");
    public static final ProblemType PARTY_NOT_PARTNER = new ProblemType("agreement-party-not-partner", 409,
            "協定の当事者は事業の協働相手でなければなりません", "Every party to an agreement must be a partner");
    public static final ProblemType EXPENDITURE_EXCEEDS_ALLOCATION = new ProblemType(
            "expenditure-exceeds-allocation", 409, "配分額を超える支出はできません",
            "The expenditure would exceed the project's allocation");
    public static final ProblemType TARGET_UNKNOWN = new ProblemType("project-target-unknown", 409,
            "その目標は設定されていません", "No such target in this project");
    public static final ProblemType ORIGIN_NOT_ACCEPTED = new ProblemType("origin-proposal-not-accepted", 409,
            "採択された提案からのみ事業を始められます", "The originating proposal has not been accepted");
    public static final ProblemType ORIGIN_NOT_ADOPTED = new ProblemType("origin-resolution-not-adopted", 409,
            "可決された決議からのみ事業を始められます", "The originating resolution was not adopted");
    public static final ProblemType NO_WARD_BUDGET = new ProblemType("project-without-ward-budget", 409,
            "市全域の事業には区の予算を配分できません", "A city-wide project receives no ward budget");
    public static final ProblemType ALLOCATION_RELEASED = new ProblemType("allocation-released", 409,
            "予約された予算がすでに解除されています", "The reserved funds were already released");

    private ProjectProblems() {
    }
}
