package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.kernel.EmbeddedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command's 503 promises (ADR 28), against the running application with one command thread:
 * while that thread is held by an erasure waiting for its key's row (locked here, as another writer of
 * the vault would), a decision queued behind it is not started in time and is withdrawn: 503
 * {@code command-withdrawn} with Retry-After, and it never runs, neither in the event store nor in the
 * read model, so that sending it again with the same If-Match passes. The erasure, which had started,
 * is waited for past the timeout and answers its true outcome. Started work still unfinished after the
 * outcome wait is answered 504 and finishes all the same.
 */
class CommandWithdrawalIT {

    @TempDir
    Path dataDir;

    @Test
    void aCommandNotStartedInTimeIsWithdrawnAndNeverRunsWhileAStartedOneAnswersItsOutcome() throws Exception {
        // the key vault's sessions wait for a locked row as long as the test may hold it (H2's default: 2 s)
        String vault = EmbeddedFiles.url(dataDir.resolve("vault/keys")) + ";LOCK_TIMEOUT=120000";
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try (KyodoTestApp app = KyodoTestApp.start(dataDir, "--kyodo.command.threads=1",
                "--kyodo.command.timeout=3s", "--kyodo.vault.url=" + vault)) {
            Client staff = app.staff();
            Client admin = app.client("ADMIN", null);
            String erased = staff.submitProposal();
            String subjectId = (String) ((Map<?, ?>) staff.get("/api/proposals/{id}?minVersion=0", erased).ok()
                    .succeeds().get("proposer")).get("subjectId");
            String decided = staff.acknowledgedProposal("地域振興課");
            Map<String, String> decision = Map.of("outcome", "ACCEPTED", "reason", "来年度に整備します");

            CompletableFuture<EntityExchangeResult<byte[]>> erasure;
            CompletableFuture<EntityExchangeResult<byte[]>> queued;
            try (Connection otherWriter = vaultConnection(app, vault)) {
                otherWriter.setAutoCommit(false);
                lockKeyRow(otherWriter, subjectId);

                // the erasure starts on the one thread: its event is stored, then it waits for the key's row
                erasure = CompletableFuture.supplyAsync(() -> admin.post("/api/personal-data/{subject}/erasure",
                        subjectId).send().result(), senders);
                KyodoTestApp.eventually(() -> assertThat(erasuresStored(app)).isEqualTo(1));
                queued = CompletableFuture.supplyAsync(() -> staff.post("/api/proposals/{id}/decision", decided)
                        .ifMatch(1).body(decision).result(), senders);

                EntityExchangeResult<byte[]> withdrawn = queued.get(60, TimeUnit.SECONDS);
                assertThat(withdrawn.getStatus().value()).isEqualTo(503);
                assertThat(withdrawn.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
                assertThat(new String(withdrawn.getResponseBody(), StandardCharsets.UTF_8))
                        .contains("\"type\":\"/problems/command-withdrawn\"").contains("nothing was changed");
                assertThat(erasure).as("the started erasure is still waited for").isNotDone();
                // the operator sees it: it never reached the command bus, whose timings would not show it
                String metrics = app.client("ANALYST", null).get("/actuator/prometheus").ok().text();
                assertThat(metrics).contains("kyodo_commands_withdrawn_total{reason=\"not-started-in-time\"} 1.0",
                        "kyodo_command_work_running 1.0", "kyodo_commands_outcome_unknown_total 0.0");
                otherWriter.rollback();
            }

            EntityExchangeResult<byte[]> erasureAnswer = erasure.get(60, TimeUnit.SECONDS);
            assertThat(erasureAnswer.getStatus().value()).as(Answer.text(erasureAnswer)).isEqualTo(200);
            assertThat(Answer.text(erasureAnswer)).contains(subjectId).contains("erasedAt");

            // the withdrawn decision left nothing, and nothing of it comes later: sent again on the one
            // thread (behind it, were it still queued), it passes with the same If-Match
            assertThat(eventsOf(app, decided)).isEqualTo(2);
            app.awaitReadModels();
            staff.get("/api/proposals/{id}?minVersion=1", decided).ok().json()
                    .jsonPath("$.status").isEqualTo("ACKNOWLEDGED");
            staff.post("/api/proposals/{id}/decision", decided).ifMatch(1).body(decision).answersVersion(decided, 2);
            assertThat(eventsOf(app, decided)).isEqualTo(3);
            staff.get("/api/proposals/{id}?minVersion=2", decided).ok().json()
                    .jsonPath("$.status").isEqualTo("ACCEPTED");

            // and the API's description says so on the command routes
            JsonNode docs = app.anonymous().get("/v3/api-docs").ok().tree();
            JsonNode decisionAnswers = docs.at("/paths/~1api~1proposals~1{id}~1decision/post/responses");
            assertThat(shared(docs, decisionAnswers.path("503")).path("description").asText())
                    .contains("command-withdrawn", "nothing changed");
            assertThat(shared(docs, decisionAnswers.path("504")).path("description").asText())
                    .contains("command-outcome-unknown");
            assertThat(decisionAnswers.has("200")).isTrue();
            assertThat(docs.at("/paths/~1api~1proposals/post/responses").has("503")).isTrue();
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * Started work not finished within {@code kyodo.command.outcome-wait}: its client is told 504
     * {@code command-outcome-unknown} (never "retry"), the work is not interrupted and, once its key's row is
     * free, finishes and is stored: what the 504 says may happen.
     */
    @Test
    void aStartedCommandNotFinishedWithinTheOutcomeWaitIsAnsweredOutcomeUnknownAndStillFinishes() throws Exception {
        String vault = EmbeddedFiles.url(dataDir.resolve("vault/keys")) + ";LOCK_TIMEOUT=120000";
        try (KyodoTestApp app = KyodoTestApp.start(dataDir, "--kyodo.command.threads=1",
                "--kyodo.command.timeout=2s", "--kyodo.command.outcome-wait=3s", "--kyodo.vault.url=" + vault)) {
            Client staff = app.staff();
            Client admin = app.client("ADMIN", null);
            String proposal = staff.submitProposal();
            String subjectId = (String) ((Map<?, ?>) staff.get("/api/proposals/{id}?minVersion=0", proposal).ok()
                    .succeeds().get("proposer")).get("subjectId");
            try (Connection otherWriter = vaultConnection(app, vault)) {
                otherWriter.setAutoCommit(false);
                lockKeyRow(otherWriter, subjectId);

                EntityExchangeResult<byte[]> unknown = admin.post("/api/personal-data/{subject}/erasure", subjectId)
                        .send().result();
                assertThat(unknown.getStatus().value()).as(Answer.text(unknown)).isEqualTo(504);
                assertThat(unknown.getResponseHeaders().getFirst("Retry-After")).isNull();
                assertThat(Answer.text(unknown)).contains("\"type\":\"/problems/command-outcome-unknown\"")
                        .contains("may still be stored");
                KyodoTestApp.eventually(() -> assertThat(erasuresStored(app)).as("the erasure started").isEqualTo(1));
                assertThat(keysKept(otherWriter, subjectId)).as("the key is still there").isEqualTo(1);
                String metrics = app.client("ANALYST", null).get("/actuator/prometheus").ok().text();
                assertThat(metrics).contains("kyodo_commands_outcome_unknown_total 1.0",
                        "kyodo_commands_withdrawn_total{reason=\"not-started-in-time\"} 0.0");
                otherWriter.rollback();
            }
            // not interrupted: it goes on once the row is free, and the key is destroyed
            try (Connection reader = vaultConnection(app, vault)) {
                KyodoTestApp.eventually(() -> assertThat(keysKept(reader, subjectId)).isZero());
            }
        }
    }

    /** The subject's keys not erased: 1 before the erasure commits, 0 after. */
    private static long keysKept(Connection connection, String subjectId) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COUNT(*) FROM kyodo_person_key WHERE subject_id = ? AND erased_at IS NULL")) {
            ps.setString(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response of the API's description, or the shared one of its components it refers to. */
    private static JsonNode shared(JsonNode docs, JsonNode response) {
        String ref = response.path("$ref").asText("");
        return ref.isEmpty() ? response : docs.at(ref.substring(1));
    }

    private static Connection vaultConnection(KyodoTestApp app, String url) throws Exception {
        Environment env = app.context().getEnvironment();
        return DriverManager.getConnection(url, env.getProperty("kyodo.vault.username", "kyodo"),
                env.getProperty("kyodo.vault.password", ""));
    }

    /** Holds the key's row as a writer in the middle of its transaction does. */
    private static void lockKeyRow(Connection connection, String subjectId) throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT subject_id FROM kyodo_person_key WHERE subject_id = ? FOR UPDATE")) {
            ps.setString(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the key's row").isTrue();
            }
        }
    }

    private static long erasuresStored(KyodoTestApp app) {
        Long count = app.context().getBean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%.PersonalDataErased'", Long.class);
        return count == null ? 0 : count;
    }

    private static long eventsOf(KyodoTestApp app, String aggregateId) {
        Long count = app.context().getBean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", Long.class, aggregateId);
        return count == null ? 0 : count;
    }
}
