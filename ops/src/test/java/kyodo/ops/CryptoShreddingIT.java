package kyodo.ops;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forgetting a person destroys their key: staff and public views show the placeholder, the data
 * files never held the name in clear, and rebuilding the read model from the events cannot
 * bring it back.
 */
class CryptoShreddingIT {

    @TempDir
    Path dataDir;

    @Test
    void afterForgettingAPersonNoViewNoFileAndNoReplayShowsTheirData() throws Exception {
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            Map<?, ?> created = app.http().post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Requests.proposal()).exchange()
                    .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            String id = (String) created.get("id");
            Map<?, ?> staff = app.http().get().uri("/api/proposals/{id}?minVersion=0", id).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            String subjectId = (String) ((Map<?, ?>) staff.get("proposer")).get("subjectId");

            app.http().post().uri("/api/personal-data/{subject}/erasure", subjectId).exchange()
                    .expectStatus().isForbidden();
            admin(app).post().uri("/api/personal-data/{subject}/erasure", subjectId).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.subjectId").isEqualTo(subjectId).jsonPath("$.erasedAt").isNotEmpty();

            assertStaffSeesThePlaceholder(app, id);
            app.http().get().uri("/public/proposals/{id}", id).exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).value(json -> assertThat(json)
                            .doesNotContain(Requests.PROPOSER_NAME).doesNotContain("proposer"));

            replayProposalViews(app);
            assertStaffSeesThePlaceholder(app, id);

            // erasing again is harmless; an unknown subject is 404
            admin(app).post().uri("/api/personal-data/{subject}/erasure", subjectId).exchange()
                    .expectStatus().isOk();
            admin(app).post().uri("/api/personal-data/{subject}/erasure", "no-such-subject").exchange()
                    .expectStatus().isNotFound();
        }
        assertNoFileHoldsInClear(Requests.PROPOSER_NAME);
        assertNoFileHoldsInClear(Requests.PROPOSER_CONTACT);
    }

    private static org.springframework.test.web.reactive.server.WebTestClient admin(KyodoTestApp app) {
        return app.as("ADMIN", null);
    }

    private static void assertStaffSeesThePlaceholder(KyodoTestApp app, String id) {
        app.http().get().uri("/api/proposals/{id}?minVersion=0", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.proposer.name").isEqualTo("削除済み / erased")
                .jsonPath("$.proposer.contact").isEqualTo("削除済み / erased")
                .jsonPath("$.proposer.erased").isEqualTo(true);
    }

    /** Resets the projection and rebuilds it from the event store, as the ops replay does. */
    private static void replayProposalViews(KyodoTestApp app) throws InterruptedException {
        StreamingEventProcessor processor = app.context().getBean(EventProcessingConfiguration.class)
                .eventProcessor("proposal-views", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        for (int i = 0; i < 200 && processor.isReplaying(); i++) {
            Thread.sleep(25);
        }
        assertThat(processor.isReplaying()).isFalse();
    }

    private void assertNoFileHoldsInClear(String personal) throws IOException {
        byte[] needle = personal.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("data files").isNotEmpty();
        for (Path file : files) {
            assertThat(indexOf(Files.readAllBytes(file), needle)).as("clear text in " + file).isEqualTo(-1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
