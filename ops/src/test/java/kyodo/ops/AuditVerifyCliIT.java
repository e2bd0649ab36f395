package kyodo.ops;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import kyodo.ops.cli.AuditCli;
import kyodo.query.audit.DecisionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

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
            KyodoTestApp.eventually(() -> app.anonymousHttp().get().uri("/public/decisions").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(2));
        }

        Run intact = audit("verify", "--kyodo.data-dir=" + dataDir);

        assertThat(intact.status()).as(intact.output()).isZero();
        assertThat(intact.output()).startsWith("audit verify: OK\n").contains("decision events:      2\n")
                .contains("log entries:          2\n");

        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            app.context().getBean(MongoDatabase.class).getCollection(DecisionLog.LOG)
                    .updateOne(Filters.eq("_id", 1L), Updates.set("outcome", "REJECTED"));
        }

        Run tampered = audit("verify", "--kyodo.data-dir=" + dataDir);

        assertThat(tampered.status()).as(tampered.output()).isEqualTo(1);
        assertThat(tampered.output()).startsWith("audit verify: DIVERGENT\n")
                .contains("first divergent seq:  1\n", "field:    outcome\n", "expected: \"ACCEPTED\"\n",
                        "found:    \"REJECTED\"\n");
    }

    @Test
    void anUnknownAuditCommandAnswersUsageWithStatusTwo() {
        Run unknown = audit("frobnicate");
        Run noUrl = audit("check");

        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.output()).contains("usage: java -jar kyodo.jar audit verify");
        assertThat(noUrl.status()).isEqualTo(2);
        assertThat(noUrl.output()).startsWith("audit check: --url is required");
    }

    private static void decide(KyodoTestApp app) {
        for (String action : new String[]{"decision", "revision-requests"}) {
            Map<?, ?> created = app.http().post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Requests.proposal()).exchange()
                    .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            String id = (String) created.get("id");
            app.http().post().uri("/api/proposals/{id}/acknowledgement", id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("department", "地域振興課")).exchange().expectStatus().isOk();
            Map<String, String> body = action.equals("decision")
                    ? Map.of("outcome", "ACCEPTED", "reason", "実施します")
                    : Map.of("reason", "地図を添えてください");
            app.http().post().uri("/api/proposals/{id}/" + action, id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body).exchange().expectStatus().isOk();
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
