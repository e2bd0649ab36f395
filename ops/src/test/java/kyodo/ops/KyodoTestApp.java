package kyodo.ops;

import kyodo.kernel.Ward;
import kyodo.ops.cli.ProcessorProgress;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
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

import static org.assertj.core.api.Assertions.assertThat;

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
        if (PostgresCluster.requested()) {
            // -Dkyodo.it.postgres=true: the stores in databases of their own, named in the data directory's
            // settings file, which a restart and the CLI commands read as an operator's server does
            PostgresCluster.shared().settingsFileIn(dataDir);
        }
    }

    static KyodoTestApp start(Path dataDir, String... extraArgs) {
        KyodoTestApp app = new KyodoTestApp(dataDir, List.of(extraArgs));
        app.boot();
        return app;
    }

    /** Pass to start without the test accounts, as on a first run. */
    static final String NO_ACCOUNTS = "--no-test-accounts";

    private void defaultUnlessGiven(List<String> args, String option, String value) {
        if (extraArgs.stream().noneMatch(a -> a.startsWith(option))) {
            args.add(option + value);
        }
    }

    /** The password of every test account. */
    static final String PASSWORD = "kyodo-test-password";
    private static final String PASSWORD_HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

    /**
     * The test accounts, as an operator would configure them: a city-wide STAFF, a STAFF and a
     * WARD_HEAD in each ward, an ADMIN and an ANALYST. Account id: {@code t-<role>-<ward or city>}.
     */
    static List<String> testAccounts() {
        List<String> args = new ArrayList<>();
        List<String[]> accounts = new ArrayList<>();
        accounts.add(new String[]{"STAFF", null});
        accounts.add(new String[]{"ADMIN", null});
        accounts.add(new String[]{"ANALYST", null});
        for (Ward ward : Ward.values()) {
            accounts.add(new String[]{"STAFF", ward.code()});
            accounts.add(new String[]{"WARD_HEAD", ward.code()});
        }
        for (int i = 0; i < accounts.size(); i++) {
            String role = accounts.get(i)[0];
            String ward = accounts.get(i)[1];
            String prefix = "--kyodo.security.accounts[" + i + "].";
            args.add(prefix + "username=" + username(role, ward));
            args.add(prefix + "password-hash=" + PASSWORD_HASH);
            args.add(prefix + "role=" + role);
            if (ward != null) {
                args.add(prefix + "ward=" + ward);
            }
        }
        return args;
    }

    static String username(String role, String ward) {
        return "t-" + role.toLowerCase().replace('_', '-') + "-" + (ward == null ? "city" : ward);
    }

    private void boot() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--kyodo.data-dir=" + dataDir,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        // tests fire many requests from one address; the limits have tests of their own
        defaultUnlessGiven(args, "--kyodo.security.rate-limit.public-per-minute=", "0");
        defaultUnlessGiven(args, "--kyodo.security.rate-limit.sign-in-failures=", "1000000");
        defaultUnlessGiven(args, "--kyodo.security.rate-limit.sign-in-failures-per-address=", "1000000");
        // a read with ?minVersion waits for the read model: a loaded 2-core CI machine can take longer
        // than the 5 s default (503), which is no failure of what the tests check
        defaultUnlessGiven(args, "--kyodo.query.max-wait=", "60s");
        if (!extraArgs.contains(NO_ACCOUNTS) && extraArgs.stream().noneMatch(a -> a.startsWith("--kyodo.security.accounts"))) {
            args.addAll(testAccounts());
        }
        extraArgs.stream().filter(a -> !a.equals(NO_ACCOUNTS)).forEach(args::add);
        if ("connector".equals(System.getProperty("kyodo.it.command-bus")) && !extraArgs.contains("--kyodo.side=query")) {
            // every command and result crosses Axon Server's connector serialization (connector package);
            // the query side alone sends no command
            args.add("--spring.profiles.active=connector-bus");
        }
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
                .defaultHeaders(h -> h.setBasicAuth(username(role, ward), PASSWORD))
                .build();
    }

    /** The city-wide STAFF member as a {@link Client} of the DSL; it keeps working across a restart. */
    Client staff() {
        return new Client(this::http);
    }

    /** A test account of that role and ward (null: city-wide) as a {@link Client} of the DSL. */
    Client client(String role, String ward) {
        return new Client(() -> as(role, ward));
    }

    /** Nobody signed in, as a {@link Client} of the DSL. */
    Client anonymous() {
        return new Client(this::anonymousHttp);
    }

    /** A client that names no acting staff member. */
    WebTestClient anonymousHttp() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        // A connection of its own per request: apps restart on ports the OS may hand out again, and a
        // pooled keep-alive connection to a stopped app must never be reused.
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create(ConnectionProvider.newConnection())))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(90)).build();
    }

    /**
     * Retries an assertion on the read models until it holds (reads are eventually consistent),
     * for up to 60 s (a bound for a loaded machine, not a speed check); then the last failure stands.
     */
    static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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

    /**
     * Waits until every event processor has handled the newest event, for up to 120 s (a large load
     * takes a while): the read models then answer everything written before.
     */
    void awaitReadModels() {
        ProcessorProgress progress = ProcessorProgress.of(context);
        long head = progress.head();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!ProcessorProgress.caughtUp(progress.streamingProcessors().values(), head)) {
            assertThat(System.nanoTime()).as("read models caught up within 120 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
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
