package kyodo.query.history;

import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.query.budget.WardBudgetHistory;
import kyodo.query.meeting.MeetingHistory;
import kyodo.query.project.ProjectHistory;
import kyodo.query.proposal.ProposalHistory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry: exactly one feature per kind of subject and per event type, or the app does not start. */
class FeatureHistoriesTest {

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

    @Test
    void twoFeaturesTellingOneEventTypeStopTheStart() {
        FeatureHistory proposals = new FeatureHistory(SubjectType.PROPOSAL, "Proposal", () -> null) {
            {
                tell(MeetingScheduled.class, e -> new EventStory(e.title(), e.title(), Map.of()));
            }
        };
        assertThatThrownBy(() -> new FeatureHistories(List.of(proposals, new MeetingHistory(), new ProjectHistory(),
                new WardBudgetHistory())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Two features tell kyodo.kernel.meeting.MeetingScheduled: ");
    }

    @Test
    void aFeatureTellsEachEventTypeOnce() {
        assertThatThrownBy(() -> new FeatureHistory(SubjectType.MEETING, "Meeting", () -> null) {
            {
                tell(MeetingScheduled.class, e -> new EventStory(e.title(), e.title(), Map.of()));
                tell(MeetingScheduled.class, e -> new EventStory(e.venue(), e.venue(), Map.of()));
            }
        }).isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith(" tells kyodo.kernel.meeting.MeetingScheduled twice");
    }
}
