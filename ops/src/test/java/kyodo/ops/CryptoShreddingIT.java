package kyodo.ops;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            Client staff = app.staff();
            Client admin = app.client("ADMIN", null);
            String id = staff.submitProposal();
            Map<?, ?> view = staff.get("/api/proposals/{id}?minVersion=0", id).ok().succeeds();
            String subjectId = (String) ((Map<?, ?>) view.get("proposer")).get("subjectId");

            staff.post("/api/personal-data/{subject}/erasure", subjectId).send().status(403);
            admin.post("/api/personal-data/{subject}/erasure", subjectId).send().ok().json()
                    .jsonPath("$.subjectId").isEqualTo(subjectId).jsonPath("$.erasedAt").isNotEmpty();

            assertStaffSeesThePlaceholder(staff, id);
            assertThat(staff.get("/public/proposals/{id}", id).ok().text())
                    .doesNotContain(Requests.PROPOSER_NAME).doesNotContain("proposer");

            replayProposalViews(app);
            assertStaffSeesThePlaceholder(staff, id);

            // erasing again is harmless; an unknown subject is 404
            admin.post("/api/personal-data/{subject}/erasure", subjectId).send().ok();
            admin.post("/api/personal-data/{subject}/erasure", "no-such-subject").send().status(404);
        }
        assertNoFileHoldsInClear(Requests.PROPOSER_NAME);
        assertNoFileHoldsInClear(Requests.PROPOSER_CONTACT);
    }

    private static void assertStaffSeesThePlaceholder(Client staff, String id) {
        staff.get("/api/proposals/{id}?minVersion=0", id).ok().json()
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
