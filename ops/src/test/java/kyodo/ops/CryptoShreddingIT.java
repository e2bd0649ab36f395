package kyodo.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.personal.VaultSettings;
import kyodo.query.audit.AuditReport;
import kyodo.query.audit.AuditVerifier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
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

    /**
     * One resident behind three proposals, typed three ways, and a meeting registration: an ADMIN
     * finds all four by the contact and erases them at once; another resident's proposal is untouched, nothing echoes the contact,
     * the decision log still verifies, and erasing again changes nothing.
     */
    @Test
    void aPersonIsFoundByContactAndErasedInEveryRecordAtOnce() throws Exception {
        String hanako = "Hanako.Kawasaki@example.jp";
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            Client staff = app.staff();
            Client admin = app.client("ADMIN", null);
            List<String> hers = List.of(proposalBy(staff, "川崎 花子", hanako),
                    proposalBy(staff, "川崎花子", "  hanako.kawasaki@EXAMPLE.JP"),
                    proposalBy(staff, "Hanako Kawasaki", "ｈａｎａｋｏ．ｋａｗａｓａｋｉ＠ｅｘａｍｐｌｅ．ｊｐ"));
            String other = staff.submitProposal();
            String meeting = staff.scheduleMeeting(Requests.meeting());
            staff.post("/api/meetings/{id}/registrations", meeting).ifMatch(0).body(Map.of("participant",
                    Map.of("name", "川崎 花子", "affiliation", "幸町内会", "contact", "HANAKO.kawasaki@example.jp")))
                    .succeeds();
            staff.post("/api/proposals/{id}/acknowledgement", hers.get(0)).body(Map.of("department", "地域振興課")).ok();
            staff.post("/api/proposals/{id}/decision", hers.get(0))
                    .body(Map.of("outcome", "ACCEPTED", "reason", "実施します")).ok();

            String found = admin.post("/api/admin/persons/lookup").body(Map.of("contact", hanako.toUpperCase()))
                    .ok().text();
            assertThat(found).doesNotContainIgnoringCase(hanako);
            List<String> records = new java.util.ArrayList<>(hers);
            records.add(meeting);
            assertThat(values(found, "recordId")).containsExactlyElementsOf(records);
            assertThat(values(found, "type")).containsExactly("proposal", "proposal", "proposal",
                    "meeting-registration");
            staff.post("/api/admin/persons/lookup").body(Map.of("contact", hanako)).status(403);
            admin.post("/api/admin/persons/lookup").body(Map.of("contact", " ")).invalidField("contact");
            admin.post("/api/admin/persons/lookup").body(Map.of()).invalidField("contact");
            admin.post("/api/admin/persons/lookup").body(Map.of("contact", "nobody@example.jp")).ok().json()
                    .jsonPath("$.subjects").isEmpty();

            String tooLong = hanako + "x".repeat(500);
            byte[] refused = admin.post("/api/admin/persons/erasure").body(Map.of("contact", tooLong)).problem()
                    .invalidField("contact").returnResult().getResponseBody();
            assertThat(new String(refused, StandardCharsets.UTF_8)).doesNotContain("xxxxxxxx");
            admin.post("/api/admin/persons/erasure").body(Map.of()).invalidField("contact");
            staff.post("/api/admin/persons/erasure").body(Map.of("contact", hanako)).status(403);
            long events = app.storedEvents();

            String erased = admin.post("/api/admin/persons/erasure").body(Map.of("contact", " " + hanako + " "))
                    .ok().text();
            assertThat(erased).doesNotContainIgnoringCase(hanako);
            assertThat(values(erased, "recordId")).containsExactlyElementsOf(records);
            assertThat(values(erased, "erasedAt")).hasSize(4).allSatisfy(at -> assertThat(at).isNotBlank());
            assertThat(app.storedEvents()).as("one PersonalDataErased per record").isEqualTo(events + 4);
            for (String id : hers) {
                assertStaffSeesThePlaceholder(staff, id);
            }
            KyodoTestApp.eventually(() -> staff.get("/api/meetings/{id}?minVersion=0", meeting).ok().json()
                    .jsonPath("$.participants[0].name").isEqualTo("削除済み / erased")
                    .jsonPath("$.participants[0].erased").isEqualTo(true));
            staff.get("/api/proposals/{id}?minVersion=0", other).ok().json()
                    .jsonPath("$.proposer.name").isEqualTo(Requests.PROPOSER_NAME);

            admin.post("/api/admin/persons/erasure").body(Map.of("contact", hanako)).problem().status(404);
            admin.post("/api/admin/persons/lookup").body(Map.of("contact", hanako)).ok().json()
                    .jsonPath("$.subjects").isEmpty();
            assertThat(app.storedEvents()).as("erasing again records nothing").isEqualTo(events + 4);

            app.awaitReadModels();
            AuditReport audit = app.context().getBean(AuditVerifier.class).verify();
            assertThat(audit.ok()).as(audit.render()).isTrue();
            assertThat(audit.logEntries()).isEqualTo(1);
        }
        assertNoFileHoldsInClear("川崎 花子");
        assertNoFileHoldsInClear(hanako);
        assertNoFileHoldsInClear(hanako.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Proposers and participants sealed before the contact index existed (simulated by emptying it)
     * are indexed once, at the next start, from the event store; an erased one stays out.
     */
    @Test
    void subjectsSealedBeforeTheIndexExistedAreIndexedOnceAtStart() throws Exception {
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            Client staff = app.staff();
            Client admin = app.client("ADMIN", null);
            String kept = proposalBy(staff, "幸 次郎", "044-555-0101");
            String erased = proposalBy(staff, "幸 次郎", "０４４－５５５－０１０１");
            String subject = (String) ((Map<?, ?>) staff.get("/api/proposals/{id}?minVersion=0", erased).ok()
                    .succeeds().get("proposer")).get("subjectId");
            admin.post("/api/personal-data/{subject}/erasure", subject).send().ok();
            String meeting = staff.scheduleMeeting(Requests.meeting());
            staff.post("/api/meetings/{id}/registrations", meeting).ifMatch(0).body(Map.of("participant",
                    Map.of("name", "幸 次郎", "contact", "044 555 0101"))).succeeds();
            try (Connection vault = vault(app); Statement s = vault.createStatement()) {
                s.execute("DELETE FROM kyodo_person_index");
                s.execute("DELETE FROM kyodo_vault_setting WHERE name = 'contact-index-rebuilt'");
            }
            admin.post("/api/admin/persons/lookup").body(Map.of("contact", "0445550101")).problem().status(503);

            app.restart();

            String found = app.client("ADMIN", null).post("/api/admin/persons/lookup")
                    .body(Map.of("contact", "+81 44 555 0101")).ok().text();
            assertThat(values(found, "recordId")).containsExactly(kept, meeting);
        }
    }

    private static Connection vault(KyodoTestApp app) throws java.sql.SQLException {
        VaultSettings settings = app.context().getBean(VaultSettings.class);
        return DriverManager.getConnection(settings.url(), settings.username(), settings.password());
    }

    /** That field of every subject in a person answer. */
    private static List<String> values(String json, String field) throws IOException {
        return new ObjectMapper().readTree(json).get("subjects").findValuesAsText(field);
    }

    private static String proposalBy(Client staff, String name, String contact) {
        Map<String, Object> body = Requests.proposal();
        body.put("proposer", Map.of("name", name, "contact", contact));
        return staff.created("/api/proposals", body);
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
        // until its segments are claimed again and past the reset (before the claim it reports no
        // replay at all); a bound for a loaded machine, not a speed check
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (processor.processingStatus().isEmpty()
                || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying)) {
            assertThat(System.nanoTime()).as("the replay of proposal-views ended within 60 s").isLessThan(deadline);
            Thread.sleep(25);
        }
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
