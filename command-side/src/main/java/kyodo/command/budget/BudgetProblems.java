package kyodo.command.budget;

import kyodo.kernel.problem.ProblemType;

/** The rules of a ward budget, each a stable problem type. */
public final class BudgetProblems {

    public static final ProblemType EXCEEDED = new ProblemType("budget-envelope-exceeded", 409,
            "予算枠を超えるため配分できません", "The allocation would exceed the ward's budget envelope");
    public static final ProblemType BELOW_ALLOCATED = new ProblemType("budget-envelope-below-allocated", 409,
            "配分済みの額より小さい予算枠にはできません", "The envelope cannot go below what is already allocated");
    public static final ProblemType MISSING = new ProblemType("ward-budget-missing", 409,
            "この区・年度の予算枠がまだ設定されていません", "No budget envelope is set for that ward and fiscal year");
    public static final ProblemType NOT_POSITIVE = new ProblemType("amount-not-positive", 409,
            "金額は1円以上にしてください", "Amounts must be at least one yen");

    private BudgetProblems() {
    }
}
