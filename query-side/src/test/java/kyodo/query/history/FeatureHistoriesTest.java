package kyodo.query.history;

import kyodo.kernel.decision.SubjectType;
import kyodo.query.budget.WardBudgetHistory;
import kyodo.query.meeting.MeetingHistory;
import kyodo.query.project.ProjectHistory;
import kyodo.query.proposal.ProposalHistory;
import kyodo.query.proposal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry: one feature per kind of subject, and every event told by exactly one feature. */
class FeatureHistoriesTest {

    private static TestStores stores;

    @BeforeAll
    static void startStores() {
        stores = new TestStores();
    }

    @AfterAll
    static void stopStores() {
        stores.close();
    }

    static List<FeatureHistory> features() {
        return List.of(new ProposalHistory(), new MeetingHistory(), new ProjectHistory(), new WardBudgetHistory());
    }

    static FeatureHistories everyFeature() {
        return new FeatureHistories(features());
    }

    @Test
    void eachKindOfSubjectIsToldByItsOwnAggregatesStream() {
        FeatureHistories histories = everyFeature();
        assertThat(histories.aggregateType(SubjectType.PROPOSAL)).isEqualTo("Proposal");
        assertThat(histories.aggregateType(SubjectType.MEETING)).isEqualTo("Meeting");
        assertThat(histories.aggregateType(SubjectType.PROJECT)).isEqualTo("CollaborativeProject");
        assertThat(histories.aggregateType(SubjectType.WARD_BUDGET)).isEqualTo("WardBudget");
    }

    @Test
    void everyKnownEventIsToldByExactlyOneFeature() {
        List<Object> payloads = new ArrayList<>();
        FeatureHistoriesDescribeTest.proposalLifecycle(stores.protector, "p-one").forEach(e -> payloads.add(e.payload()));
        payloads.addAll(FeatureHistoriesDescribeTest.everyOtherEvent(stores.protector));
        for (Object payload : payloads) {
            List<String> tellers = features().stream().filter(f -> f.describe(payload) != null)
                    .map(f -> f.subjectType().code()).toList();
            assertThat(tellers).as(payload.getClass().getSimpleName()).hasSize(1);
        }
    }

    @Test
    void aKindOfSubjectWithoutAFeatureStopsTheStart() {
        assertThatThrownBy(() -> new FeatureHistories(List.of(new ProposalHistory(), new MeetingHistory())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No feature tells the history of: project, ward-budget");
    }

    @Test
    void twoFeaturesForOneKindOfSubjectStopTheStart() {
        List<FeatureHistory> twice = new ArrayList<>(features());
        twice.add(new MeetingHistory());
        assertThatThrownBy(() -> new FeatureHistories(twice))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Two features tell the history of a meeting: ");
    }
}
