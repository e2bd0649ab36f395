package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal links a proposal's and a meeting's page to the residents' pages ("follow", "support")
 * only in a process that serves them: the all-in-one app does, a query-only process
 * ({@code --kyodo.side=query}) does not, and its pages hold no link into {@code /resident/}.
 */
class ResidentLinksIT {

    @TempDir
    Path dataDir;

    @Test
    void theAllInOneAppLinksToTheResidentsPagesAndAQueryOnlyProcessDoesNot() {
        String proposal;
        String meeting;
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            Client staff = app.staff();
            proposal = staff.submitProposal();
            meeting = staff.scheduleMeeting(Requests.meeting());
            staff.get("/api/meetings/{id}?minVersion=0", meeting).ok();
            app.awaitReadModels();

            Client visitor = app.anonymous();
            assertThat(visitor.get("/proposals/{id}", proposal).ok().text()).contains(
                    "id=\"follow-link\" href=\"/resident/follows/new?kind=proposal&amp;id=" + proposal + "\"",
                    "id=\"follow-ward-link\" href=\"/resident/follows/new?kind=ward&amp;id=saiwai\"",
                    "action=\"/resident/supports/" + proposal + "\"");
            assertThat(visitor.get("/meetings/{id}", meeting).ok().text())
                    .contains("id=\"follow-link\" href=\"/resident/follows/new?kind=meeting&amp;id=" + meeting + "\"");
        }
        try (KyodoTestApp queryOnly = KyodoTestApp.start(dataDir, "--kyodo.side=query")) {
            Client visitor = queryOnly.anonymous();
            String proposalPage = visitor.get("/proposals/{id}", proposal).ok().text();
            assertThat(proposalPage).contains("<h1>", "class=\"supports\"")
                    .doesNotContain("follow-link", "follow-ward-link", "/resident/");
            String meetingPage = visitor.get("/meetings/{id}", meeting).ok().text();
            assertThat(meetingPage).contains("<h1>").doesNotContain("follow-link", "/resident/");
            // what the link would have led to: no residents' page here, the edge refuses the path
            visitor.get("/resident/follows/new?kind=meeting&id={id}", meeting).status(401);
        }
    }
}
