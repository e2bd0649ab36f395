package kyodo.query.portal;

import kyodo.kernel.Ward;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.portal.PastFacts.Fact;
import kyodo.query.portal.PastFacts.Kind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The "as of" pages' moment, their facts of a replayed state, and the paths of the project and budget pages. */
class PastFactsTest {

    @Test
    void aMomentIsATokyoDateAndTimeAndItsLinkReadsBackExactly() {
        assertThat(AsOf.parse("2025-06-01T09:00")).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(AsOf.parse(" 2025-06-01T09:00:30 ")).isEqualTo(Instant.parse("2025-06-01T00:00:30Z"));
        Instant exact = Instant.parse("2026-12-05T14:11:19.123456Z");
        assertThat(AsOf.format(exact)).isEqualTo("2026-12-05T23:11:19.123456");
        assertThat(AsOf.parse(AsOf.format(exact))).isEqualTo(exact);
        assertThat(AsOf.input(exact)).isEqualTo("2026-12-05T23:11:19");
        assertThatThrownBy(() -> AsOf.parse("yesterday")).isInstanceOf(KyodoProblemException.class)
                .satisfies(e -> assertThat(((KyodoProblemException) e).errors())
                        .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("asOf")));
        assertThatThrownBy(() -> AsOf.parse("2025-06-01T09:00+09:00")).isInstanceOf(KyodoProblemException.class);
        assertThat(new PortalFormat(Locale.JAPANESE).moment(exact)).isEqualTo("2026年12月5日 23:11:19");
        assertThat(new PortalFormat(Locale.ENGLISH).moment(exact)).isEqualTo("5 Dec 2026 23:11:19");
    }

    @Test
    void aProposalsPastStateListsWhatWasKnownThenInThePagesOrder() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", "ACKNOWLEDGED");
        state.put("title", "駐輪場");
        state.put("body", "本文");
        state.put("themes", List.of("交通"));
        state.put("ward", "saiwai");
        state.put("submittedAt", "2025-06-01T00:00:00Z");
        state.put("dueOn", "2025-07-01");
        state.put("overdue", false);
        state.put("outcome", null);
        state.put("reason", null);
        List<Fact> facts = PastFacts.of(SubjectType.PROPOSAL, state);
        assertThat(facts).extracting(Fact::label).containsExactly("proposal.status", "proposal.ward",
                "proposal.submittedAt", "proposal.themes", "proposal.dueOn", "proposal.overdue", "proposal.body");
        assertThat(facts.get(0)).isEqualTo(new Fact("proposal.status", Kind.CODE, "ACKNOWLEDGED", "status."));
        assertThat(facts.get(1).value()).isEqualTo(Ward.SAIWAI);
        assertThat(facts.get(2).value()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(facts.get(4).value()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(facts.get(5).value()).isEqualTo(false);
    }

    @Test
    void aProjectsPastStateNamesItsPartnersAndTargetsAndCountsItsMoney() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", "APPROVED");
        state.put("fiscalYear", 2012);
        state.put("partners", List.of(Map.of("name", "NPO法人A", "type", "NPO", "role", "調整")));
        state.put("targets", List.of(Map.of("name", "利用件数", "unit", "件")));
        state.put("allocatedYen", 1_000_000);
        state.put("selfEvaluation", Map.of("rating", 4, "text", "よかった"));
        state.put("agreements", List.of());
        List<Fact> facts = PastFacts.of(SubjectType.PROJECT, state);
        assertThat(facts).extracting(Fact::label).containsExactly("project.status", "proposal.fiscalYear",
                "project.partners", "project.allocated", "project.targets", "project.evaluation");
        assertThat(facts).extracting(Fact::value).containsExactly("APPROVED", 2012, List.of("NPO法人A"), 1_000_000L,
                List.of("利用件数"), "よかった");
        assertThat(PastFacts.of(SubjectType.MEETING, Map.of("district", "south")).get(0).value())
                .isEqualTo(Ward.District.SOUTH);
    }

    @Test
    void theProjectAndBudgetPagesArePortalPages() {
        assertThat(PortalPaths.isPage("/projects")).isTrue();
        assertThat(PortalPaths.isPage("/projects/abc-123")).isTrue();
        assertThat(PortalPaths.isPage("/projects/abc/def")).isFalse();
        assertThat(PortalPaths.isPage("/budgets")).isTrue();
        assertThat(PortalPaths.isPage("/budgets/saiwai/2012")).isTrue();
        assertThat(PortalPaths.isPage("/budgets/saiwai")).isFalse();
        assertThat(PortalPaths.isPage("/budgets/saiwai/")).isFalse();
        assertThat(PortalPaths.isPage("/budgets//2012")).isFalse();
        assertThat(PortalPaths.isPage("/budgets/saiwai/2012/x")).isFalse();
        assertThat(PortalPaths.isPage("/public/projects")).isFalse();
    }
}
