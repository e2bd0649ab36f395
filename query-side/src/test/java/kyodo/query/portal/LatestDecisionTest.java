package kyodo.query.portal;

import kyodo.query.audit.DecisionLogEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatestDecisionTest {

    private static LatestDecision about(String type, String id) {
        return new LatestDecision(new DecisionLogEntry(42, "d-1", type, id, "saiwai", "PROPOSAL_ANSWER", "ACCEPTED",
                null, "STAFF", "2025-06-15T01:30:00.000Z", null, "ev-1", "0".repeat(64), "1".repeat(64)), null);
    }

    @Test
    void everySubjectLinksToItsPortalPageAndEveryEntryToItsOwn() {
        assertThat(about("proposal", "p-1").subjectPath()).isEqualTo("/proposals/p-1");
        assertThat(about("meeting", "m-1").subjectPath()).isEqualTo("/meetings/m-1");
        assertThat(about("project", "pr-1").subjectPath()).isEqualTo("/projects/pr-1");
        assertThat(about("ward-budget", "saiwai-2025").subjectPath()).isEqualTo("/budgets/saiwai/2025");
        assertThat(about("ward-budget", "broken").subjectPath()).isNull();
        assertThat(about("petition", "x").subjectPath()).as("a subject type the portal does not know").isNull();
        assertThat(about("proposal", "p-1").path()).isEqualTo("/decisions/42");
    }

    @Test
    void onlyASubjectWithATitleNotReadYetIsUntitled() {
        assertThat(about("proposal", "p-1").untitled()).isTrue();
        assertThat(about("meeting", "m-1").untitled()).isTrue();
        assertThat(about("project", "pr-1").untitled()).isTrue();
        assertThat(about("ward-budget", "saiwai-2025").untitled()).as("a budget has no title").isFalse();
        assertThat(about("petition", "x").untitled()).as("a subject type the portal does not know").isFalse();
        LatestDecision titled = about("proposal", "p-1");
        assertThat(new LatestDecision(titled.entry(), "公園のベンチ").untitled()).isFalse();
    }

    @Test
    void theLogsPagesArePortalPages() {
        assertThat(PortalPaths.isPage("/decisions")).isTrue();
        assertThat(PortalPaths.isPage("/decisions/42")).isTrue();
        assertThat(PortalPaths.isPage("/decisions/42/x")).isFalse();
    }
}
