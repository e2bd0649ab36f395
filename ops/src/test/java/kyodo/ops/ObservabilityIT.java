package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.ops.cli.ProcessorProgress;
import kyodo.query.audit.DecisionLog;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static kyodo.ops.KyodoTestApp.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator monitors (issue 18): {@code /actuator/prometheus} for ANALYST and ADMIN only, with a
 * latency histogram per command type and outcome, each processing group's lag and the decision log's
 * length; {@code /actuator/health} DEGRADED (still 200) while a projection is further behind than
 * {@code kyodo.health.lag-threshold}, with the lag for those who may see details, and UP again once it
 * caught up.
 */
class ObservabilityIT {

    private static final String GROUP = "proposal-views";

    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.health.lag-threshold=2");
    private static final Client anonymous = app.anonymous();
    private static final Client staff = app.staff();
    private static final Client analyst = app.as("ANALYST", null);
    private static final Client admin = app.as("ADMIN", null);

    @Test
    void theMetricsAreForAnalystsAndAdministratorsOnly() {
        anonymous.get("/actuator/prometheus").refusedWith(401, "/problems/unauthenticated");
        staff.get("/actuator/prometheus").status(403);
        assertThat(admin.get("/actuator/prometheus").ok().text()).contains("jvm_memory_used_bytes");
    }

    @Test
    void commandsAreTimedByTypeAndOutcome() {
        staff.submitProposal();
        staff.post("/api/proposals/{id}/acknowledgement", "00000000-0000-0000-0000-000000000000")
                .body(Map.of("department", "区政推進課")).isProblem(404, "/problems/not-found");

        String metrics = analyst.get("/actuator/prometheus").ok().text();
        assertThat(value(metrics, "kyodo_commands_seconds_count{command=\"SubmitProposal\",outcome=\"success\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "kyodo_commands_seconds_count{command=\"AcknowledgeProposal\",outcome=\"failure\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("kyodo_commands_seconds_bucket{command=\"SubmitProposal\",outcome=\"success\",le=\"");
    }

    @Test
    void theDecisionLogsLengthIsMeasured() {
        staff.submitProposal();
        app.awaitReadModels();
        long entries = app.context().getBean(DecisionLog.class).size();
        assertThat(value(analyst.get("/actuator/prometheus").ok().text(), "kyodo_decision_log_entries"))
                .isEqualTo(entries);
    }

    @Test
    void aProjectionBehindItsThresholdDegradesTheHealthUntilItCatchesUp() {
        staff.submitProposal();
        app.awaitReadModels();
        eventually(() -> assertThat(health(analyst).at("/components/processors/details/lag/" + GROUP).asLong(-1))
                .isZero());
        StreamingEventProcessor projection = ProcessorProgress.of(app.context()).streamingProcessors().get(GROUP);
        projection.shutDown();
        try {
            for (int i = 0; i < 3; i++) {
                staff.submitProposal();
            }
            JsonNode degraded = health(analyst);
            assertThat(degraded.at("/status").asText()).isEqualTo("DEGRADED");
            assertThat(degraded.at("/components/processors/status").asText()).isEqualTo("DEGRADED");
            assertThat(degraded.at("/components/processors/details/behind/" + GROUP).asLong()).isGreaterThanOrEqualTo(3);
            assertThat(value(analyst.get("/actuator/prometheus").ok().text(),
                    "kyodo_processor_lag_events{group=\"" + GROUP + "\"}")).isGreaterThanOrEqualTo(3);
            JsonNode publicView = health(anonymous);
            assertThat(publicView.at("/status").asText()).as("the public sees the status").isEqualTo("DEGRADED");
            assertThat(publicView.at("/components/processors/details").isMissingNode()).as("not the details").isTrue();
        } finally {
            projection.start();
        }
        eventually(() -> assertThat(health(analyst).at("/status").asText()).isEqualTo("UP"));
        assertThat(health(analyst).at("/components/processors/details/lag/" + GROUP).asLong(-1)).isZero();
    }

    /** {@code /actuator/health} as that client sees it: 200 whether UP or DEGRADED. */
    private static JsonNode health(Client client) {
        return client.get("/actuator/health").ok().tree();
    }

    /** The value of one sample in Prometheus's text format. */
    private static double value(String metrics, String sample) {
        Matcher line = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(line.find()).as(sample + " in\n" + metrics).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
