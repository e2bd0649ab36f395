package kyodo.ops;

import kyodo.kernel.SettingsFile;
import kyodo.ops.crash.KyodoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The split deployment as an operator runs it (issue 18): the packaged jar started twice, once as the
 * command side and once as the query side ({@code --kyodo.side=command|query}), two JVMs on one
 * PostgreSQL event store (the test's {@link PostgresCluster}), each with its own data directory whose
 * {@code kyodo.properties} names the same databases. Both carry the edge: the anonymous public gets 401
 * on {@code /api} and {@code /analytics} from each. A proposal sent to the command process is read from
 * the query process, which projects it from the shared event store.
 *
 * <p>Without Axon Server there is no command bus between the processes: the command process takes the
 * commands sent to it over HTTP, the query process reads the events it stored. (Commands routed between
 * several command processes need Axon Server, which no test here can start: TECH.md.) It runs in the
 * {@code on-postgresql} execution only.
 */
@EnabledIfSystemProperty(named = PostgresCluster.ON, matches = "true")
class SplitProcessesIT {

    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration PROJECTED = Duration.ofMinutes(1);

    @TempDir
    static Path runs;
    private static KyodoServer command;
    private static KyodoServer query;

    @BeforeAll
    static void startBothSides() throws Exception {
        Path commandRun = Files.createDirectories(runs.resolve("command"));
        Path queryRun = Files.createDirectories(runs.resolve("query"));
        Path commandSettings = commandRun.resolve("data").resolve(SettingsFile.NAME);
        PostgresCluster.shared().settingsFileIn(commandSettings.getParent());
        Files.createDirectories(queryRun.resolve("data"));
        // one event store, one key vault, one set of staff accounts: the same file in both data directories
        Files.copy(commandSettings, queryRun.resolve("data").resolve(SettingsFile.NAME));
        command = new KyodoServer(KyodoServer.packagedJar(), commandRun, List.of(), side("command"));
        command.start(START);
        query = new KyodoServer(KyodoServer.packagedJar(), queryRun, List.of(), side("query"));
        query.start(START);
    }

    @AfterAll
    static void stopBothSides() throws InterruptedException {
        for (KyodoServer server : new KyodoServer[]{query, command}) {
            if (server != null) {
                server.stop();
                server.close();
            }
        }
    }

    @Test
    void theAnonymousPublicGetsNoApiAndNoAnalyticsFromEitherProcess() {
        for (KyodoServer side : List.of(command, query)) {
            Client anonymous = new Client(() -> http(side, null));
            anonymous.get("/api/proposals/{id}", "00000000-0000-0000-0000-000000000000")
                    .refusedWith(401, "/problems/unauthenticated");
            anonymous.get("/analytics/proposals/summary").refusedWith(401, "/problems/unauthenticated");
            anonymous.post("/api/proposals").body(Requests.proposal()).refusedWith(401, "/problems/unauthenticated");
        }
    }

    @Test
    void aProposalSentToTheCommandProcessIsReadFromTheQueryProcess() throws InterruptedException {
        String id = new Client(() -> http(command, "STAFF")).submitProposal();

        Client staffOfQuery = new Client(() -> http(query, "STAFF"));
        long deadline = System.nanoTime() + PROJECTED.toNanos();
        int status;
        while ((status = staffOfQuery.http().get().uri("/api/proposals/{id}", id).exchange()
                .returnResult(String.class).getStatus().value()) == 404 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(status).as("the query process projected the proposal from the shared event store").isEqualTo(200);
        staffOfQuery.get("/api/proposals/{id}", id).ok().json().jsonPath("$.status").isEqualTo("SUBMITTED");
        new Client(() -> http(query, "ANALYST")).get("/analytics/proposals/summary").ok();
        // the query process takes no command: it lists proposals there, and has no POST
        staffOfQuery.post("/api/proposals").body(Requests.proposal()).status(405);
    }

    /** The settings of a process of that side ({@code command}, {@code query}) with the test accounts. */
    static List<String> side(String side) {
        List<String> settings = new ArrayList<>(List.of("--kyodo.side=" + side));
        settings.addAll(KyodoTestApp.testAccounts());
        return settings;
    }

    /** A client of that process, signed in as the city-wide test account of that role (null: nobody). */
    static WebTestClient http(KyodoServer server, String role) {
        WebTestClient anonymous = WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create(ConnectionProvider.newConnection())))
                .baseUrl(server.baseUri().toString()).responseTimeout(Duration.ofSeconds(30)).build();
        return role == null ? anonymous : anonymous.mutate()
                .defaultHeaders(h -> h.setBasicAuth(KyodoTestApp.username(role, null), KyodoTestApp.PASSWORD)).build();
    }
}
