package kyodo.ops;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import kyodo.ops.cli.AuditCli;
import kyodo.query.audit.DecisionLog;
import kyodo.query.platform.store.ReadStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.List;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar kyodo.jar audit verify} on the stores of a stopped app: exit status 0 with the
 * counts when the stored log is what the event store says, 1 naming the first divergent seq when
 * it was tampered with; and the usage answer for a command it does not know.
 */
class AuditVerifyCliIT {

    @TempDir
    Path dataDir;

    @Test
    void auditVerifyPassesAnIntactLogAndFailsATamperedOne() {
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            decide(app);
            KyodoTestApp.eventually(() -> app.anonymous().get("/public/decisions").ok().json()
                    .jsonPath("$.items.length()").isEqualTo(2));
        }

        Run intact = audit("verify", "--kyodo.data-dir=" + dataDir);

        assertThat(intact.status()).as(intact.output()).isZero();
        assertThat(intact.output()).startsWith("audit verify: OK\n").contains("decision events:      2\n")
                .contains("log entries:          2\n");

        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            app.context().getBean(ReadStore.class).collection(DecisionLog.LOG).bulkWrite(List.of(
                    new UpdateOneModel<>(Filters.eq("_id", 1L), Updates.set("outcome", "REJECTED"))));
        }

        Run tampered = audit("verify", "--kyodo.data-dir=" + dataDir);

        assertThat(tampered.status()).as(tampered.output()).isEqualTo(1);
        assertThat(tampered.output()).startsWith("audit verify: DIVERGENT\n")
                .contains("first divergent seq:  1\n", "field:    outcome\n", "expected: \"ACCEPTED\"\n",
                        "found:    \"REJECTED\"\n");
    }

    /**
     * Decisions sent at the same moment still land in the log in the event store's order, so the log
     * built live is the one {@code audit verify} recomputes (on the embedded JDBC store the commits of
     * decisions follow each other: DecisionOrder).
     */
    @Test
    void concurrentDecisionsGiveTheLogThatTheEventStoreReproduces() throws Exception {
        int decisions = 42;
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            Client admin = app.client("ADMIN", null);
            java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(12);
            try {
                java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
                String[] wards = {"kawasaki", "saiwai", "nakahara", "takatsu", "miyamae", "tama", "asao"};
                for (int i = 0; i < decisions; i++) {
                    String ward = wards[i % wards.length];
                    int year = 2020 + i / wards.length;
                    sent.add(senders.submit(() -> admin.put("/api/ward-budgets/{w}/{y}", ward, year)
                            .body(Map.of("envelopeYen", 55_000_000, "reason", "当初予算")).succeeds()));
                }
                for (java.util.concurrent.Future<?> f : sent) {
                    f.get();
                }
            } finally {
                senders.shutdown();
            }
            KyodoTestApp.eventually(() -> app.anonymous().get("/public/decisions?limit=1000").ok().json()
                    .jsonPath("$.items.length()").isEqualTo(decisions));
        }

        Run verified = audit("verify", "--kyodo.data-dir=" + dataDir);

        assertThat(verified.status()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("log entries:          " + decisions + "\n");
    }

    @Test
    void anUnknownAuditCommandAnswersUsageWithStatusTwo() {
        Run unknown = audit("frobnicate");
        Run noUrl = audit("check");

        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.output()).contains("usage: java -jar kyodo.jar audit verify");
        assertThat(noUrl.status()).isEqualTo(2);
        assertThat(noUrl.output()).startsWith("audit check: give either --url or --receipt");
    }

    private static void decide(KyodoTestApp app) {
        for (String action : new String[]{"decision", "revision-requests"}) {
            String id = app.staff().acknowledgedProposal("地域振興課");
            Map<String, String> body = action.equals("decision")
                    ? Map.of("outcome", "ACCEPTED", "reason", "実施します")
                    : Map.of("reason", "地図を添えてください");
            app.staff().post("/api/proposals/{id}/" + action, id).body(body).ok();
        }
    }

    private static Run audit(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "audit";
        System.arraycopy(args, 0, command, 1, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), command);
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String output) {
    }
}
