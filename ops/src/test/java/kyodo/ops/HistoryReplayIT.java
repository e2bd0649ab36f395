package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public history of a proposal, read from the event store of the running app, and its state
 * at a past moment rebuilt by replay: no personal data, no staff ids.
 */
class HistoryReplayIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client staff = app.staff();
    private static final Client publicReader = app.anonymous();

    private static String history(String uri, Object... vars) {
        return publicReader.get(uri, vars).ok().text();
    }

    @Test
    void aProposalsHistoryIsReplayedFromTheEventStore() throws Exception {
        String id = staff.acknowledgedProposal("幸区役所 地域振興課");
        staff.post("/api/proposals/{id}/decision", id).body(Map.of("outcome", "ACCEPTED", "reason", "来年度に整備します",
                "conditions", "町内会と協議のうえ")).ok();

        ObjectMapper json = new ObjectMapper();
        String historyJson = history("/public/history/proposal/{id}", id);
        assertThat(historyJson).doesNotContain(Requests.PROPOSER_NAME).doesNotContain(Requests.PROPOSER_CONTACT)
                .doesNotContain("s-test-1");
        JsonNode history = json.readTree(historyJson);
        assertThat(history.path("subjectType").asText()).isEqualTo("proposal");
        assertThat(history.path("subjectId").asText()).isEqualTo(id);
        JsonNode events = history.path("events");
        assertThat(events).hasSize(3);
        String[] kinds = {"PROPOSAL_SUBMITTED", "PROPOSAL_ACKNOWLEDGED", "PROPOSAL_ACCEPTED"};
        for (int i = 0; i < 3; i++) {
            JsonNode event = events.get(i);
            assertThat(event.path("seq").asLong()).isEqualTo(i);
            assertThat(event.path("kind").asText()).isEqualTo(kinds[i]);
            assertThat(event.path("descriptionJa").asText()).containsPattern("[\\p{IsHiragana}\\p{IsHan}]");
            assertThat(event.path("descriptionEn").asText()).containsPattern("[A-Za-z]{4,}");
        }
        assertThat(events.get(1).path("descriptionJa").asText()).startsWith("幸区役所 地域振興課が受理しました（回答期限 ");
        assertThat(events.get(1).path("descriptionEn").asText()).startsWith("Acknowledged by 幸区役所 地域振興課 (answer due ");
        assertThat(events.get(2).path("descriptionJa").asText()).contains("来年度に整備します", "決定：採用")
                .doesNotContain("ACCEPTED");
        assertThat(events.get(2).path("descriptionEn").asText()).contains("来年度に整備します", "decision: Accepted");
        Instant submittedAt = Instant.parse(events.get(0).path("at").asText());
        Instant acknowledgedAt = Instant.parse(events.get(1).path("at").asText());
        Instant decidedAt = Instant.parse(events.get(2).path("at").asText());
        assertThat(acknowledgedAt).isAfterOrEqualTo(submittedAt).isBefore(decidedAt);

        JsonNode between = json.readTree(history("/public/history/proposal/{id}?asOf={t}", id,
                acknowledgedAt.toString()));
        assertThat(between.path("version").asLong()).isEqualTo(1);
        assertThat(between.path("state").path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(between.path("state").path("department").asText()).isEqualTo("幸区役所 地域振興課");
        assertThat(between.path("state").path("dueOn").asText()).isNotBlank();
        assertThat(between.path("state").path("outcome").isNull()).isTrue();

        String nowJson = history("/public/history/proposal/{id}?asOf={t}", id, Instant.now().toString());
        assertThat(nowJson).doesNotContain(Requests.PROPOSER_NAME).doesNotContain("s-test-1");
        JsonNode now = json.readTree(nowJson);
        assertThat(now.path("version").asLong()).isEqualTo(2);
        assertThat(now.path("state").path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(now.path("state").path("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(now.path("state").path("reason").asText()).isEqualTo("来年度に整備します");
        assertThat(now.path("state").path("conditions").asText()).isEqualTo("町内会と協議のうえ");

        publicReader.get("/public/history/proposal/{id}?asOf={t}", id, submittedAt.minusSeconds(1).toString())
                .status(404).problem();
    }

    @Test
    void unknownSubjectTypesAndIdsAreProblems() {
        publicReader.get("/public/history/petition/abc").status(400).problem().json()
                .jsonPath("$.errors[0].field").isEqualTo("subjectType");
        publicReader.get("/public/history/proposal/no-such-proposal").status(404).problem();
        publicReader.get("/public/history/proposal/no-such-proposal?asOf=not-a-time").invalidField("asOf");
    }
}
