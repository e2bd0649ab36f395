package kyodo.ops;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The all-in-one app, started for real on a random port over a data directory of the test's own,
 * and restartable on the same directory, as an operator would.
 */
final class KyodoTestApp implements AutoCloseable {

    private final Path dataDir;
    private final List<String> extraArgs;
    private ConfigurableApplicationContext context;

    private KyodoTestApp(Path dataDir, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.extraArgs = extraArgs;
    }

    static KyodoTestApp start(Path dataDir, String... extraArgs) {
        KyodoTestApp app = new KyodoTestApp(dataDir, List.of(extraArgs));
        app.boot();
        return app;
    }

    private void boot() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--kyodo.data-dir=" + dataDir,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        args.addAll(extraArgs);
        context = KyodoApplication.start(args.toArray(String[]::new));
    }

    /** Stops and starts again on the same data directory. */
    void restart() {
        context.close();
        boot();
    }

    /** A client signed in as a city-wide STAFF member. */
    WebTestClient http() {
        return as("STAFF", null);
    }

    /**
     * A client signed in as a test account of that role, scoped to that ward code (null: city-wide).
     * Roles: STAFF, WARD_HEAD, ADMIN, ANALYST.
     */
    WebTestClient as(String role, String ward) {
        return anonymousHttp().mutate()
                .defaultHeader("X-Kyodo-Staff-Id", "s-test-" + role.toLowerCase() + (ward == null ? "" : "-" + ward))
                .defaultHeader("X-Kyodo-Staff-Role", role)
                .build();
    }

    /** A client that names no acting staff member. */
    WebTestClient anonymousHttp() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        // A connection of its own per request: apps restart on ports the OS may hand out again, and a
        // pooled keep-alive connection to a stopped app must never be reused.
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create(ConnectionProvider.newConnection())))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(15)).build();
    }

    /**
     * Retries an assertion on the read models until it holds (reads are eventually consistent),
     * for up to 10 s; then the last failure stands.
     */
    static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }

    /** Number of events in the embedded event store. */
    long storedEvents() {
        Long count = context.getBean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        return count == null ? 0 : count;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
