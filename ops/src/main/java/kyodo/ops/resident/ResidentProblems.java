package kyodo.ops.resident;

import kyodo.kernel.problem.ProblemType;

/** What a resident's request can be refused for, besides the common problems. */
final class ResidentProblems {

    static final ProblemType CODE_INVALID = new ProblemType("resident-code-invalid", 400,
            "コードが正しくないか、有効期限が切れています", "The code is wrong, used or expired");
    static final ProblemType NOT_CONFIRMED = new ProblemType("resident-not-confirmed", 403,
            "メールアドレスの確認がまだです", "The e-mail address is not confirmed yet");
    static final ProblemType NOT_VERIFIED = new ProblemType("resident-not-verified", 403,
            "区の住民としての確認が必要です", "Verification as a resident of a ward is needed");
    static final ProblemType ALREADY_VERIFIED = new ProblemType("resident-already-verified", 409,
            "このアカウントは確認済みです", "This account is already verified");
    static final ProblemType PERSON_HAS_ACCOUNT = new ProblemType("resident-person-has-account", 409,
            "この方のアカウントは既にあります（1人1アカウント）", "This person already has an account (one per person)");

    private ResidentProblems() {
    }
}
