package kyodo.ops;

import kyodo.command.budget.BudgetProblems;
import kyodo.command.meeting.MeetingProblems;
import kyodo.command.project.ProjectProblems;
import kyodo.command.proposal.ProposalProblems;
import kyodo.command.proposal.support.SupportProblems;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemKind;
import kyodo.kernel.problem.ProblemType;
import kyodo.ops.resident.ResidentProblems;
import kyodo.ops.resident.follow.FollowProblems;
import kyodo.ops.security.AccountProblems;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ops features' problem catalogs (residents, follows, staff accounts) have a row for each of
 * their problems, read as the types they always answered with, and no slug of the platform stands
 * for two problems.
 */
class OpsProblemsTest {

    private static final List<Class<? extends Enum<?>>> OPS = List.of(ResidentProblems.class,
            FollowProblems.class, AccountProblems.class);

    private static final List<Class<? extends Enum<?>>> COMMAND = List.of(BudgetProblems.class,
            MeetingProblems.class, ProjectProblems.class, ProposalProblems.class, SupportProblems.class);

    @Test
    void everyProblemOfOpsHasItsRow() {
        List<ProblemType> types = typesOf(OPS);

        assertThat(types).hasSize(8).allSatisfy(type -> {
            assertThat(type.titleJa()).isNotBlank();
            assertThat(type.titleEn()).isNotBlank();
            assertThat(type.status()).isIn(400, 403, 409);
        });
    }

    @Test
    void theRowsReadAsTheTypesTheEdgeAnsweredWith() {
        assertThat(ResidentProblems.CODE_INVALID.type()).isEqualTo(new ProblemType("resident-code-invalid", 400,
                "コードが正しくないか、有効期限が切れています", "The code is wrong, used or expired"));
        assertThat(ResidentProblems.NOT_CONFIRMED.type()).isEqualTo(new ProblemType("resident-not-confirmed", 403,
                "メールアドレスの確認がまだです", "The e-mail address is not confirmed yet"));
        assertThat(ResidentProblems.NOT_VERIFIED.type()).isEqualTo(new ProblemType("resident-not-verified", 403,
                "区の住民としての確認が必要です", "Verification as a resident of a ward is needed"));
        assertThat(ResidentProblems.ALREADY_VERIFIED.type()).isEqualTo(new ProblemType("resident-already-verified",
                409, "このアカウントは確認済みです", "This account is already verified"));
        assertThat(ResidentProblems.PERSON_HAS_ACCOUNT.type()).isEqualTo(new ProblemType(
                "resident-person-has-account", 409, "この方のアカウントは既にあります（1人1アカウント）",
                "This person already has an account (one per person)"));
        assertThat(FollowProblems.LINK_INVALID.type()).isEqualTo(new ProblemType("follow-link-invalid", 400,
                "リンクが正しくありません", "The link is not valid"));
        assertThat(AccountProblems.ACCOUNT_EXISTS.type()).isEqualTo(new ProblemType("account-exists", 409,
                "そのアカウントIDは既に使われています", "That account id is taken"));
        assertThat(AccountProblems.ACCOUNT_IN_CONFIGURATION.type()).isEqualTo(new ProblemType(
                "account-in-configuration", 409, "設定ファイルで定義されたアカウントは変更できません",
                "Accounts defined in configuration can't be changed here"));
    }

    @Test
    void noSlugOfThePlatformStandsForTwoProblems() {
        List<String> slugs = Stream.of(typesOf(OPS), typesOf(COMMAND), commonTypes())
                .flatMap(List::stream).map(ProblemType::slug).toList();

        assertThat(slugs).doesNotHaveDuplicates();
    }

    private static List<ProblemType> typesOf(List<Class<? extends Enum<?>>> catalogs) {
        return catalogs.stream()
                .flatMap(catalog -> Stream.of(catalog.getEnumConstants()))
                .map(problem -> ((ProblemKind) problem).type())
                .toList();
    }

    private static List<ProblemType> commonTypes() {
        return Stream.of(CommonProblems.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == ProblemType.class)
                .map(field -> {
                    try {
                        return (ProblemType) field.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
