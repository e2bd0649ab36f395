package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data goes in through the command API at start-up ({@code --kyodo.demo.load=true}), its
 * proposals dated over the months before the load, and loading it again at the next start changes nothing.
 */
class DemoLoadIT {

    @TempDir
    Path dataDir;

    @Test
    void loadingTheDemoTwiceStoresItOnce() {
        try (KyodoTestApp app = KyodoTestApp.start(dataDir, "--kyodo.demo.load=true")) {
            // proposals: 7 submissions, 12 staff steps and the 2 overdue marks of the two still open past
            // their due date; the 2015 workshop: scheduled, opened, 6 groups, 21 opinions, closed, minutes;
            // the 2019 expert panel: 4 sessions with their agendas; the seed dataset: 77 ward budget
            // envelopes and 7 of this fiscal year, 26 named projects with 109 following steps and the 21
            // reservations their allocations make on ward budgets, 1,149 generated projects
            long expected = 21 + 31 + 8 + 84 + 26 + 109 + 21 + 1149;
            assertThat(app.storedEvents()).isEqualTo(expected);
            app.restart();
            assertThat(app.storedEvents()).isEqualTo(expected);
            Client staff = app.staff();
            KyodoTestApp.eventually(() -> staff.get("/public/proposals?size=100").ok().json()
                    .jsonPath("$.total").isEqualTo(7));
            // dated over past months (issue 20): answered after 12, 41 and 45 days, two open past their due
            // date, and this fiscal year's ward budgets set
            KyodoTestApp.eventually(() -> staff.get("/public/dashboard").ok().json()
                    .jsonPath("$.proposals.allTime.answered").isEqualTo(3)
                    .jsonPath("$.proposals.allTime.overdue").isEqualTo(2)
                    .jsonPath("$.proposals.allTime.medianDaysToAnswer").isEqualTo(41.0)
                    .jsonPath("$.wardBudgets.envelopeYen").isEqualTo(385_000_000));
            KyodoTestApp.eventually(() -> staff.get("/public/meetings?kind=EXPERT_PANEL").ok().json()
                    .jsonPath("$.total").isEqualTo(4));
            String workshopId = staff.get("/public/meetings?kind=WORKSHOP").ok().tree().at("/items/0/id").asText();
            staff.get("/api/meetings/{id}?minVersion=30", workshopId).ok();
            staff.get("/public/meetings/{id}", workshopId).ok().json()
                    .jsonPath("$.groups.length()").isEqualTo(6)
                    .jsonPath("$.groups[*].opinions[*]").value(org.hamcrest.Matchers.hasSize(21))
                    .jsonPath("$.status").isEqualTo("CLOSED");
        }
    }
}
