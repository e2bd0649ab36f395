package kyodo.command;

import kyodo.command.budget.BudgetProblems;
import kyodo.command.meeting.MeetingProblems;
import kyodo.command.project.ProjectProblems;
import kyodo.command.proposal.ProposalProblems;
import kyodo.command.proposal.support.SupportProblems;
import kyodo.kernel.problem.ProblemKind;
import kyodo.kernel.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every feature's problem catalog has a row for each of its problems, and no slug stands for two. */
class FeatureProblemsTest {

    private static final List<Class<? extends Enum<?>>> CATALOGS = List.of(BudgetProblems.class,
            MeetingProblems.class, ProjectProblems.class, ProposalProblems.class, SupportProblems.class);

    @Test
    void everyProblemOfEveryFeatureHasItsRow() {
        List<ProblemType> types = CATALOGS.stream()
                .flatMap(catalog -> Stream.of(catalog.getEnumConstants()))
                .map(problem -> ((ProblemKind) problem).type())
                .toList();

        assertThat(types).hasSize(44).allSatisfy(type -> {
            assertThat(type.titleJa()).isNotBlank();
            assertThat(type.titleEn()).isNotBlank();
            assertThat(type.status()).isIn(403, 409);
        });
        assertThat(types.stream().map(ProblemType::slug).distinct()).hasSameSizeAs(types);
    }

    @Test
    void aRowReadsAsTheTypeItDescribes() {
        assertThat(SupportProblems.OUTSIDE_WARD.type()).isEqualTo(new ProblemType("proposal-support-outside-ward",
                403, "この提案に賛同できるのは、提案の区の確認済みの住民です",
                "Only verified residents of the proposal's ward may support it"));
        assertThat(ProposalProblems.DECIDED_BY_MEETING.type().titleJa())
                .isEqualTo("会議に付託中の提案は、会議の決議で決まります（直接回答するには付託を撤回してください）");
    }
}
