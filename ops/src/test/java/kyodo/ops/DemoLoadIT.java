package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data goes in through the command API at start-up ({@code --kyodo.demo.load=true}), and
 * loading it again at the next start changes nothing.
 */
class DemoLoadIT {

    @TempDir
    Path dataDir;

    @Test
    void loadingTheDemoTwiceStoresItOnce() {
        try (KyodoTestApp app = KyodoTestApp.start(dataDir, "--kyodo.demo.load=true")) {
            // proposals: 7 submissions and 12 staff steps; the 2015 workshop: scheduled, opened, 6 groups,
            // 21 opinions, closed, minutes; the 2019 expert panel: 4 sessions with their agendas; the seed
            // dataset: 77 ward budget envelopes, 26 named projects with 109 following steps and the 21
            // reservations their allocations make on ward budgets, 1,149 generated projects
            long expected = 19 + 31 + 8 + 77 + 26 + 109 + 21 + 1149;
            assertThat(app.storedEvents()).isEqualTo(expected);
            app.restart();
            assertThat(app.storedEvents()).isEqualTo(expected);
            KyodoTestApp.eventually(() -> app.http().get().uri("/public/proposals?size=100").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.total").isEqualTo(7));
            KyodoTestApp.eventually(() -> app.http().get().uri("/public/meetings?kind=EXPERT_PANEL").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.total").isEqualTo(4));
            String workshopId = app.http().get().uri("/public/meetings?kind=WORKSHOP").exchange()
                    .expectStatus().isOk()
                    .expectBody(com.fasterxml.jackson.databind.JsonNode.class).returnResult().getResponseBody()
                    .at("/items/0/id").asText();
            app.http().get().uri("/api/meetings/{id}?minVersion=30", workshopId).exchange()
                    .expectStatus().isOk();
            app.http().get().uri("/public/meetings/{id}", workshopId).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.groups.length()").isEqualTo(6)
                    .jsonPath("$.groups[*].opinions[*]").value(org.hamcrest.Matchers.hasSize(21))
                    .jsonPath("$.status").isEqualTo("CLOSED");
        }
    }
}
