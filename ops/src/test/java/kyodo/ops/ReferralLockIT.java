package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The referral lock over HTTP: a referred proposal refuses a direct answer, the referral is withdrawn
 * with a public reason (a decision in the public log), after which the meeting's resolution no longer
 * decides it and staff answer it directly.
 */
class ReferralLockIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client staff = app.staff();
    private static final Client publicReader = app.anonymous();

    private static Client.Request proposal(String id, String action) {
        return staff.post("/api/proposals/{id}/" + action, id);
    }

    @Test
    void aReferredProposalIsTheMeetingsToDecideUntilTheReferralIsWithdrawn() {
        String meeting = staff.scheduleMeeting(Requests.meeting());
        String id = staff.acknowledgedProposal("地域振興課");
        proposal(id, "referral-withdrawal").body(Map.of("reason", "付託していません"))
                .refusedWith(409, "/problems/proposal-referral-not-standing");
        proposal(id, "referral").body(Map.of("meetingId", meeting, "reason", "区民会議で審議")).succeeds();

        long before = app.storedEvents();
        proposal(id, "decision").body(Map.of("outcome", "ACCEPTED", "reason", "区として実施します"))
                .isProblem(409, "/problems/proposal-decided-by-meeting");
        proposal(id, "revision-requests").body(Map.of("reason", "場所を具体的に"))
                .refusedWith(409, "/problems/proposal-decided-by-meeting");
        proposal(id, "referral-withdrawal").body(Map.of("reason", " ")).invalidField("reason");
        assertThat(app.storedEvents()).as("refusals record nothing").isEqualTo(before);

        // acknowledged 1, referred 2, referral withdrawn 3
        proposal(id, "referral-withdrawal").ifMatch(2).body(Map.of("reason", "会議の開催が延期されたため"))
                .answersVersion(id, 3);
        proposal(id, "referral-withdrawal").body(Map.of("reason", "もう一度"))
                .refusedWith(409, "/problems/proposal-referral-not-standing");

        // the meeting can no longer decide it: its resolution on the proposal is refused
        staff.post("/api/meetings/{id}/opening", meeting).body(Map.of("attendance", 20)).succeeds();
        staff.post("/api/meetings/{id}/resolutions", meeting).body(Map.of("motion", "提案を採択する",
                "proposalId", id, "proposalOutcome", "ACCEPTED", "votesFor", 15, "votesAgainst", 3,
                "abstentions", 1)).refusedWith(409, "/problems/proposal-not-referred-here");

        staff.get("/api/proposals/{id}?minVersion=3", id).ok().json()
                .jsonPath("$.status").isEqualTo("ACKNOWLEDGED")
                .jsonPath("$.meetingId").doesNotExist()
                .jsonPath("$.timeline[-1].kind").isEqualTo("REFERRAL_WITHDRAWN")
                .jsonPath("$.timeline[-1].reason").isEqualTo("会議の開催が延期されたため")
                .jsonPath("$.timeline[-1].meetingId").isEqualTo(meeting);
        proposal(id, "decision").body(Map.of("outcome", "REJECTED", "reason", "用地がありません"))
                .answersVersion(id, 4);

        JsonNode history = publicReader.get("/public/history/proposal/{id}", id).ok().tree();
        assertThat(history.toString()).contains("REFERRAL_WITHDRAWAL").contains("会議の開催が延期されたため")
                .doesNotContain(Requests.PROPOSER_NAME).doesNotContain("s-test-1");

        KyodoTestApp.eventually(() -> {
            JsonNode entries = publicReader.get("/public/decisions?limit=1000").ok().tree().get("items");
            JsonNode withdrawal = StreamSupport.stream(entries.spliterator(), false)
                    .filter(e -> e.get("subjectId").asText().equals(id)
                            && e.get("kind").asText().equals("REFERRAL_WITHDRAWAL"))
                    .findFirst().orElseThrow(() -> new AssertionError("no withdrawal in the log yet"));
            assertThat(withdrawal.get("outcome").asText()).isEqualTo("WITHDRAWN");
            assertThat(withdrawal.get("reason").asText()).isEqualTo("会議の開催が延期されたため");
            assertThat(withdrawal.get("subjectType").asText()).isEqualTo("proposal");
            assertThat(withdrawal.get("decidedByRole").asText()).isEqualTo("STAFF");
            assertThat(withdrawal.toString()).doesNotContain("s-test-1");
        });
    }

    @Test
    void afterAWithdrawalTheProposalCanBeReferredAgainAndTheNewMeetingDecidesIt() {
        String first = staff.scheduleMeeting(Requests.meeting());
        String second = staff.scheduleMeeting(Requests.meeting());
        String id = staff.acknowledgedProposal("地域振興課");
        proposal(id, "referral").body(Map.of("meetingId", first, "reason", "区民会議で審議")).succeeds();
        proposal(id, "referral-withdrawal").body(Map.of("reason", "別の会議で審議するため")).succeeds();
        proposal(id, "referral").body(Map.of("meetingId", second, "reason", "次回の区民会議で審議")).succeeds();

        staff.post("/api/meetings/{id}/opening", first).body(Map.of("attendance", 20)).succeeds();
        staff.post("/api/meetings/{id}/resolutions", first).body(Map.of("motion", "提案を採択する",
                "proposalId", id, "proposalOutcome", "ACCEPTED", "votesFor", 15, "votesAgainst", 3,
                "abstentions", 1)).refusedWith(409, "/problems/proposal-not-referred-here");
        staff.post("/api/meetings/{id}/opening", second).body(Map.of("attendance", 20)).succeeds();
        staff.post("/api/meetings/{id}/resolutions", second).body(Map.of("motion", "提案を採択しない",
                "proposalId", id, "proposalOutcome", "REJECTED", "votesFor", 15, "votesAgainst", 3,
                "abstentions", 1)).succeeds();

        // acknowledged 1, referred 2, withdrawn 3, referred 4, decided by the second meeting's resolution 5
        staff.get("/api/proposals/{id}?minVersion=5", id).ok().json()
                .jsonPath("$.status").isEqualTo("REJECTED")
                .jsonPath("$.meetingId").isEqualTo(second);
    }
}
