package kyodo.command.proposal.support;

import kyodo.kernel.problem.ProblemType;

/** Why a resident's support (or its withdrawal) is refused (issue 17); nothing is recorded for any of them. */
public final class SupportProblems {

    public static final ProblemType ALREADY_SUPPORTED = new ProblemType("proposal-already-supported", 409,
            "この提案にはすでに賛同しています（1人1回）", "You already support this proposal (once per person)");
    public static final ProblemType NOT_SUPPORTED = new ProblemType("proposal-not-supported", 409,
            "この提案に賛同していません", "You do not support this proposal");
    public static final ProblemType CLOSED = new ProblemType("proposal-support-closed", 409,
            "回答済みまたは取り下げられた提案には賛同できません",
            "A proposal that was answered or withdrawn takes no more supports");
    public static final ProblemType OUTSIDE_WARD = new ProblemType("proposal-support-outside-ward", 403,
            "この提案に賛同できるのは、提案の区の確認済みの住民です",
            "Only verified residents of the proposal's ward may support it");

    private SupportProblems() {
    }
}
