package kyodo.ops.bench;

import kyodo.command.platform.DbSchedulerDeadlines;
import kyodo.ops.KyodoApplication;
import org.axonframework.deadline.DeadlineManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness works end to end on a tiny dataset: {@code bench load} stores 50 proposals
 * with their lifecycles, meetings and projects; {@code bench run} drives every read and command row
 * of the table against the app started on those stores; {@code bench replay} rebuilds the read
 * models. It checks that each step runs and reports every row, never how fast (no timed assertions).
 */
class BenchSmokeIT {

    private static final String ADMIN = "bench-smoke-admin";
    private static final String PASSWORD = "bench-smoke-password";

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void loadsDrivesAndReplaysATinyDataset() throws Exception {
        Output load = bench("load", "--proposals", "50", "--data-dir", dataDir.toString(), "--concurrency", "4");
        assertThat(load.status()).as(load.err()).isZero();
        assertThat(load.out()).contains("| proposals / meetings / projects | 50 / 5 / 5 |")
                .contains("| events/s while loading |").contains("| disk per event (bytes) |")
                .contains("| read models caught up after the load (s) |");

        ConfigurableApplicationContext app = KyodoApplication.start("--server.port=0",
                "--kyodo.data-dir=" + dataDir, "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--kyodo.security.rate-limit.public-per-minute=0",
                "--kyodo.security.accounts[0].username=" + ADMIN,
                "--kyodo.security.accounts[0].password-hash=" + new BCryptPasswordEncoder(4).encode(PASSWORD),
                "--kyodo.security.accounts[0].role=ADMIN");
        Output run;
        try {
            // deadlines whose cancel survives a firing deadline: bench load's answers raced past-due ones
            assertThat(app.getBean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlines.class);
            String url = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            // the loaded proposals are there for the public to read
            HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "/public/proposals?size=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("\"total\":50");
            Path passwordFile = Files.writeString(work.resolve("password"), PASSWORD);
            run = bench("run", "--url", url, "--duration", "200ms", "--warmup", "100ms", "--connections", "4", "--user", ADMIN,
                    "--password-file", passwordFile.toString(), "--pid", String.valueOf(ProcessHandle.current().pid()),
                    "--data-dir", dataDir.toString());
        } finally {
            app.close();
        }
        assertThat(run.status()).as(run.err()).isZero();
        List<String> rows = run.out().lines().filter(l -> l.startsWith("| GET") || l.startsWith("| POST")).toList();
        assertThat(rows).hasSize(13).noneMatch(row -> row.contains("skipped"));
        assertThat(rows).extracting(row -> row.split("\\|")[1].strip()).containsExactly(
                "GET /actuator/health", "GET /public/proposals?ward=…", "GET /public/proposals?q=駐輪場",
                "GET /public/proposals?status=SUBMITTED&page=50", "GET /public/dashboard",
                "GET /analytics/proposals/summary?groupBy=ward", "GET / (portal home)",
                "GET /proposals?ward=…&status=ACKNOWLEDGED (portal)", "GET /proposals/{id} (portal)",
                "POST /api/proposals (submit)",
                "POST /api/proposals/{id}/acknowledgement", "POST /api/proposals/{id}/progress-updates (append)",
                "POST /api/proposals/{id}/decision (answer, a decision)");
        // every row sent requests, and the server answered them as it should (no error column but 0)
        assertThat(rows).allSatisfy(row -> {
            String[] cells = row.split("\\|");
            assertThat(Long.parseLong(cells[2].strip())).as(row).isPositive();
            assertThat(cells[3].strip()).as(row).isEqualTo("0");
        });
        // the command rows warm up too, on proposals of their own: a measured decision on a proposal the
        // warm-up already answered would be refused (an error above)
        assertThat(run.err()).contains("POST /api/proposals (submit), warming up")
                .contains("POST /api/proposals/{id}/acknowledgement, warming up")
                .contains("POST /api/proposals/{id}/progress-updates (append), warming up")
                .contains("POST /api/proposals/{id}/decision (answer, a decision), warming up");
        assertThat(run.out()).contains("| RSS of the server (MB) |").contains("| data directory (MB) |");

        Output replay = bench("replay", "--data-dir", dataDir.toString());
        assertThat(replay.status()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("| replay all (s) |").contains("| start-up (s) |")
                .contains("| raw scan of the event table (events/s) |").contains("| replay / raw scan |")
                .containsPattern("\\| projections replayed \\| [1-9]\\d* \\|");
        // the set's own events, and the replay read them all (and any this run appended before its head)
        long loaded = figure(replay.out(), "events in the store before the start");
        assertThat(loaded).isPositive();
        assertThat(figure(replay.out(), "events the replay read")).isGreaterThanOrEqualTo(loaded);
    }

    private static long figure(String table, String name) {
        Matcher row = Pattern.compile("\\| " + Pattern.quote(name) + " \\| ([\\d,]+) \\|").matcher(table);
        assertThat(row.find()).as(name + " in " + table).isTrue();
        return Long.parseLong(row.group(1).replace(",", ""));
    }

    private record Output(int status, String out, String err) {
    }

    private static Output bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BenchCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), List.of(args));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
