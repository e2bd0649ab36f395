package kyodo.ops.portal;

import kyodo.ops.KyodoApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The all-in-one app for the portal's tests, started for real on a random port over a data directory
 * of the test's own, optionally with the demo dataset, and with one city-wide staff account through
 * which a test records proposals and their answers as an office would.
 */
final class PortalApp implements AutoCloseable {

    static final String STAFF = "portal-test-staff";
    static final String PASSWORD = "portal-test-password";

    private final ConfigurableApplicationContext context;

    private PortalApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the app; with {@code demo}, the demo and seed dataset is loaded before this returns;
     * {@code more} are further settings ({@code --name=value}).
     */
    static PortalApp start(Path dataDir, boolean demo, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--kyodo.data-dir=" + dataDir,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                // tests fire many requests from one address; the limits have tests of their own
                "--kyodo.security.rate-limit.public-per-minute=0",
                // reads with ?minVersion wait for the read models: longer than the 5 s default on a loaded machine
                "--kyodo.query.max-wait=60s",
                "--kyodo.security.accounts[0].username=" + STAFF,
                "--kyodo.security.accounts[0].password-hash=" + new BCryptPasswordEncoder(4).encode(PASSWORD),
                "--kyodo.security.accounts[0].role=STAFF",
                "--kyodo.demo.load=" + demo));
        args.addAll(List.of(more));
        return new PortalApp(KyodoApplication.start(args.toArray(String[]::new)));
    }

    String baseUrl() {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A plain HTTP client that signs in as nobody: what a visitor's browser without JavaScript is. */
    WebTestClient visitor() {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create(ConnectionProvider.newConnection())))
                .baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(90)).build();
    }

    /** A plain HTTP client signed in (HTTP Basic) as that account of the console: the API as staff use it. */
    WebTestClient as(String username, String password) {
        return visitor().mutate().defaultHeaders(h -> h.setBasicAuth(username, password)).build();
    }

    private WebTestClient staff() {
        return as(STAFF, PASSWORD);
    }

    /** Submits a proposal (ward saiwai) through the command API; answers its id. */
    String submit(String title, String body) {
        Map<?, ?> answer = staff().post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ward", "saiwai", "title", title, "body", body, "themes", List.of("交通"),
                        "programme", "CITIZEN_PROPOSAL", "channel", "COUNTER",
                        "proposer", Map.of("name", "ポータル 試験子", "contact", "portal-test@example.jp")))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("id");
    }

    /** One staff step on a proposal at that version (acknowledgement, progress-updates, decision, …). */
    void step(String proposalId, long version, String action, Map<String, Object> body) {
        command("/api/proposals/" + proposalId + "/" + action, version, body);
    }

    /** Waits (up to the read side's max wait, 60 s here) until the public read model shows the proposal at that version. */
    void awaitPublic(String proposalId, long version) {
        awaitStaffRead("/api/proposals/" + proposalId, version);
    }

    /** Creates a subject through the command API ({@code /api/meetings}, …) as the staff account; answers its id. */
    String create(String uri, Map<String, Object> body) {
        Map<?, ?> answer = staff().post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("id");
    }

    /** One staff command on a subject at that version (its path under {@code /api}); answers the new version. */
    long command(String uri, long version, Map<String, Object> body) {
        Map<?, ?> answer = staff().post().uri(uri).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"" + version + "\"").bodyValue(body).exchange()
                .expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) answer.get("version")).longValue();
    }

    /** Waits (up to 60 s) until a staff read ({@code /api/meetings/{id}}, …) shows the subject at that version. */
    void awaitStaffRead(String uri, long version) {
        staff().get().uri(uri + "?minVersion={v}", version).exchange().expectStatus().isOk();
    }

    /** The running app's context, for what looks into its processors. */
    ConfigurableApplicationContext context() {
        return context;
    }

    /** A bean of the running app, for a test that sets up what no HTTP route makes (a queued mail, say). */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
