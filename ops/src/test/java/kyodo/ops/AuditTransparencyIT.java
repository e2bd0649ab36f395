package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision log as an outsider keeps it, on an installation with the default settings: a new
 * decision is covered by a signed checkpoint within {@code kyodo.audit.checkpoint-max-delay} (10 s),
 * also the very first one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTransparencyIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client staff = app.staff();
    private static final Client publicReader = app.anonymous();

    private static long decide() {
        String id = staff.acknowledgedProposal("幸区役所 地域振興課");
        staff.post("/api/proposals/{id}/decision", id)
                .body(Map.of("outcome", "ACCEPTED", "reason", "来年度に整備します")).ok();
        long[] seq = new long[1];
        KyodoTestApp.eventually(() -> {
            JsonNode page = publicReader.get("/public/decisions?limit=1000").ok().tree();
            JsonNode items = page.get("items");
            assertThat(items).isNotEmpty();
            JsonNode last = items.get(items.size() - 1);
            assertThat(last.get("subjectId").asText()).isEqualTo(id);
            seq[0] = last.get("seq").asLong();
        });
        return seq[0];
    }

    @Test
    @Order(1)
    void theFirstDecisionOfAFreshInstallationIsSignedWithinTheDelay() {
        publicReader.get("/public/audit/checkpoints/latest").status(404).problem();

        long seq = decide();

        // polled for at most 10 s (the default max delay), no assertion on how fast
        KyodoTestApp.eventually(() -> assertThat(publicReader.get("/public/audit/checkpoints/latest").ok().tree()
                .get("treeSize").asLong()).isGreaterThanOrEqualTo(seq));
    }
}
