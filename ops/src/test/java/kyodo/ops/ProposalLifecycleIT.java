package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A proposal's life over HTTP against the running app: versions as ETags, If-Match, the rules as
 * 409 problems, and a response deadline that is stored durably and cancelled by the answer.
 */
class ProposalLifecycleIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client staff = app.staff();

    private static Client.Request command(String id, String action) {
        return staff.post("/api/proposals/{id}/" + action, id);
    }

    private static long scheduledDeadlines() {
        Long count = app.context().getBean(JdbcTemplate.class)
                .queryForObject("SELECT COUNT(*) FROM scheduled_tasks", Long.class);
        return count == null ? 0 : count;
    }

    @Test
    void aProposalIsAcknowledgedUpdatedAndAnsweredWithVersionsAndADurableDeadline() {
        String id = staff.submitProposal();
        long deadlinesBefore = scheduledDeadlines();

        command(id, "acknowledgement").ifMatch(0).body(Map.of("department", "幸区役所 地域振興課"))
                .answersVersion(id, 1);
        assertThat(scheduledDeadlines()).as("response deadline stored").isEqualTo(deadlinesBefore + 1);

        command(id, "progress-updates").ifMatch(1).body(Map.of("text", "現地を確認しました")).answersVersion(id, 2);
        command(id, "progress-updates").ifMatch(1).body(Map.of("text", "二重送信"))
                .refusedWith(412, "/problems/stale-version");

        app.restart();
        assertThat(scheduledDeadlines()).as("deadline survives a restart").isEqualTo(deadlinesBefore + 1);

        command(id, "decision").body(Map.of("outcome", "ACCEPTED", "reason", "来年度に整備します",
                "conditions", "町内会と協議のうえ")).answersVersion(id, 3);
        // the answer leaves the deadline in place: it fires on the due day, finds the proposal decided
        // and records nothing (ADR 7; cancelling it read every pending deadline on every answer)
        assertThat(scheduledDeadlines()).as("the answer leaves the deadline").isEqualTo(deadlinesBefore + 1);

        command(id, "decision").body(Map.of("outcome", "REJECTED", "reason", "やはり無理です"))
                .status(409).json()
                .jsonPath("$.type").isEqualTo("/problems/proposal-already-decided")
                .jsonPath("$.currentStatus").isEqualTo("ACCEPTED");

        staff.get("/api/proposals/{id}?minVersion=3", id).ok().header("ETag", "\"3\"")
                .json().jsonPath("$.status").isEqualTo("ACCEPTED");

        staff.get("/public/proposals/{id}", id).ok().json()
                .jsonPath("$.reason").isEqualTo("来年度に整備します")
                .jsonPath("$.conditions").isEqualTo("町内会と協議のうえ")
                .jsonPath("$.timeline[*].kind").value(org.hamcrest.Matchers.contains(
                        "SUBMITTED", "ACKNOWLEDGED", "PROGRESS_UPDATE", "ACCEPTED"))
                .jsonPath("$.timeline[3].reason").isEqualTo("来年度に整備します")
                .jsonPath("$.timeline[3].role").isEqualTo("STAFF");
        String publicJson = staff.get("/public/proposals/{id}", id).text();
        assertThat(publicJson).doesNotContain("s-test-1").doesNotContain(Requests.PROPOSER_NAME);
    }

    @Test
    void theRulesAreRefusedAs409ProblemsNamingTheRule() {
        String id = staff.submitProposal();
        command(id, "decision").body(Map.of("outcome", "ACCEPTED", "reason", "よい提案"))
                .refusedWith(409, "/problems/proposal-not-acknowledged");
        command(id, "acknowledgement").body(Map.of("department", "地域振興課", "responseDueDays", 14))
                .answersVersion(id, 1);
        command(id, "acknowledgement").body(Map.of("department", "地域振興課"))
                .refusedWith(409, "/problems/proposal-already-acknowledged");
        command(id, "revisions").body(Map.of("title", "新しい題"))
                .refusedWith(409, "/problems/proposal-revision-not-requested");
        command(id, "referral").body(Map.of("meetingId", "no-such-meeting"))
                .refusedWith(409, "/problems/referral-meeting-unknown");
        command(id, "revision-requests").body(Map.of("reason", "場所を具体的に書いてください")).answersVersion(id, 2);
        command(id, "revisions").body(Map.of("body", "駅北口の駐輪場です")).answersVersion(id, 3);
        command(id, "withdrawal").body(Map.of("reason", "自治会で解決しました")).answersVersion(id, 4);
        command(id, "progress-updates").body(Map.of("text", "進捗")).refusedWith(409, "/problems/proposal-withdrawn");
    }

    @Test
    void badBodiesAndUnknownProposalsAreRefusedBeforeAnyRule() {
        String id = staff.submitProposal();
        command(id, "acknowledgement").body(Map.of("department", "課", "responseDueDays", 0))
                .invalidField("responseDueDays");
        command(id, "decision").body(Map.of("outcome", "MAYBE", "reason", "理由")).invalidField("outcome");
        command(id, "decision").body(Map.of("outcome", "REJECTED")).invalidField("reason");
        command(id, "progress-updates").ifMatch("\"abc\"").body(Map.of("text", "x"))
                .refusedWith(400, "/problems/invalid-input");
        command("00000000-0000-0000-0000-000000000000", "acknowledgement").body(Map.of("department", "課"))
                .refusedWith(404, "/problems/not-found");
    }

    @Test
    void aCommandWithoutTheActingStaffMemberIs401() {
        app.anonymous().post("/api/proposals").body(Requests.proposal())
                .refusedWith(401, "/problems/unauthenticated");
    }
}
