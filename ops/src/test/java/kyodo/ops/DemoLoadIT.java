package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo data goes in through the command API, and loading it again changes nothing. */
class DemoLoadIT {

    @TempDir
    Path dataDir;

    @Test
    void loadingTheDemoTwiceStoresItOnce() {
        try (KyodoTestApp app = KyodoTestApp.start(dataDir, "--kyodo.demo.load=true")) {
            // 7 submissions and 12 staff steps
            assertThat(app.storedEvents()).isEqualTo(19);
            app.restart();
            assertThat(app.storedEvents()).isEqualTo(19);
            app.http().get().uri("/public/proposals?size=100").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.total").isEqualTo(7);
        }
    }
}
