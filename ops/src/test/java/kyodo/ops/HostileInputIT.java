package kyodo.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.http.MediaType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fires a generated corpus of more than 10,000 malformed or hostile requests at the running app
 * (../shared/API.md; issue 8, hostile input) and holds it to the error contract: no 5xx and no
 * dropped connection, every 4xx an {@code application/problem+json} (bar the HTTP codec's own
 * answers to requests broken at the wire), no command accepted, nothing stored, and the app still
 * healthy and taking valid commands afterwards.
 */
class HostileInputIT {

    private static final int CORPUS_SIZE = 12_000;
    private static final int IN_FLIGHT = 8;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** Where the status is certain, the statuses a category may get (401 and 403 may always come first). */
    private static final Map<String, Set<Integer>> EXPECTED = Map.ofEntries(
            Map.entry("huge body", Set.of(413)), Map.entry("huge body (chunked)", Set.of(413)),
            Map.entry("content type", Set.of(415)), Map.entry("bad Accept", Set.of(406)),
            Map.entry("broken JSON", Set.of(400)), Map.entry("deep nesting", Set.of(400)),
            Map.entry("duplicate key", Set.of(400)), Map.entry("unknown field", Set.of(400)),
            Map.entry("lone surrogate", Set.of(400)), Map.entry("invalid UTF-8", Set.of(400)),
            Map.entry("injection", Set.of(400)), Map.entry("huge number", Set.of(400)),
            Map.entry("control characters (escaped)", Set.of(400)),
            Map.entry("control characters (raw)", Set.of(400)), Map.entry("overlong string", Set.of(400)),
            Map.entry("overlong array", Set.of(400, 413)), Map.entry("wrong type", Set.of(400)),
            Map.entry("bad Idempotency-Key", Set.of(400)), Map.entry("hostile path", Set.of(400, 404)),
            Map.entry("bad If-Match", Set.of(400, 412)), Map.entry("hostile id", Set.of(400, 404)));

    @TempDir
    static Path dataDir;
    static KyodoTestApp app;

    @BeforeAll
    static void start() {
        // Thousands of refused commands would each log a warning with a stack trace.
        app = KyodoTestApp.start(dataDir, "--logging.level.org.axonframework=ERROR",
                "--logging.level.org.springframework.web.reactive.resource=ERROR");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theHostileCorpusCrashesNothingStoresNothingAndLeavesTheAppHealthy() throws Exception {
        String proposal = create("/api/proposals", Requests.proposal());
        String meeting = create("/api/meetings", CommandRoutes.all("x", "x", "x").stream()
                .filter(r -> r.pathPrefix().equals("/api/meetings") && r.creates()).findFirst().orElseThrow()
                .validBody());
        String project = create("/api/projects", Map.of("ward", "saiwai", "fiscalYear", 2025, "title", "駐輪場の拡張",
                "theme", "交通", "programme", "WARD_LOCAL_ISSUE", "leadDepartment", "地域振興課"));
        List<HostileRequest> corpus = new HostileCorpus(SignedInHeaders.of(app.http()), proposal, meeting, project)
                .generate(CORPUS_SIZE);
        long eventsBefore = app.storedEvents();

        List<Exchange> exchanges = fire(corpus);

        printSummary(exchanges);
        List<String> failures = exchanges.stream().map(HostileInputIT::violation).filter(v -> v != null).toList();
        failures.stream().limit(40).forEach(System.out::println);
        assertThat(failures).as("requests that broke the error contract (first 40 printed above)").isEmpty();
        assertThat(app.storedEvents()).as("events stored by the hostile corpus").isEqualTo(eventsBefore);
        app.anonymousHttp().get().uri("/actuator/health").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        create("/api/proposals", Requests.proposal());
        assertThat(app.storedEvents()).isGreaterThan(eventsBefore);
    }

    /** One request and what came back. */
    record Exchange(HostileRequest request, RawHttp.Response response, long millis) {
    }

    private static List<Exchange> fire(List<HostileRequest> corpus) throws Exception {
        int port = ((WebServerApplicationContext) app.context()).getWebServer().getPort();
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, "hostile-client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Exchange>> futures = new ArrayList<>();
            for (HostileRequest request : corpus) {
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    RawHttp.Response response = RawHttp.exchange(port, request);
                    return new Exchange(request, response, (System.nanoTime() - start) / 1_000_000);
                }));
            }
            List<Exchange> exchanges = new ArrayList<>();
            for (Future<Exchange> future : futures) {
                exchanges.add(future.get());
            }
            return exchanges;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What is wrong with the answer to a hostile request, or null when it keeps the contract. */
    static String violation(Exchange exchange) {
        HostileRequest request = exchange.request();
        RawHttp.Response response = exchange.response();
        int status = response.status();
        String problem = null;
        if (status == -1) {
            return null;
        } else if (status == 0) {
            problem = "no answer: " + response.failure();
        } else if (status >= 500) {
            problem = "server error";
        } else if (status < 300 && !SAFE_METHODS.contains(request.method())) {
            problem = "a hostile command was accepted";
        } else if (status >= 400 && !isProblem(response, request.method()) && !bareCodecAnswer(exchange)) {
            problem = "not application/problem+json";
        } else if (EXPECTED.containsKey(request.category()) && status != 401 && status != 403
                && !EXPECTED.get(request.category()).contains(status)) {
            problem = "expected " + EXPECTED.get(request.category());
        }
        if (problem == null) {
            return null;
        }
        return "---- " + problem + "\n  " + request.describe() + "\n  -> " + status + " "
                + response.headers().getOrDefault("content-type", "(no content type)") + " "
                + HostileRequest.abbreviate(response.bodyText(), 400);
    }

    private static boolean isProblem(RawHttp.Response response, String method) {
        String type = response.header("Content-Type");
        if (type == null || !MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
            return false;
        }
        return method.equals("HEAD") || response.bodyText().contains("\"type\"");
    }

    /** The HTTP codec's own refusal of a request broken at the wire: a bare 4xx before kyodo's code ran. */
    private static boolean bareCodecAnswer(Exchange exchange) {
        RawHttp.Response response = exchange.response();
        return exchange.request().wireLevel() && Set.of(400, 413, 414, 431).contains(response.status())
                && response.body().length == 0;
    }

    private static void printSummary(List<Exchange> exchanges) {
        Map<Integer, Long> byStatus = exchanges.stream().collect(Collectors.groupingBy(
                e -> e.response().status(), TreeMap::new, Collectors.counting()));
        Map<String, Map<Integer, Long>> byCategory = exchanges.stream().collect(Collectors.groupingBy(
                e -> e.request().category(), TreeMap::new, Collectors.groupingBy(e -> e.response().status(),
                        TreeMap::new, Collectors.counting())));
        long bare = exchanges.stream().filter(HostileInputIT::bareCodecAnswer).count();
        StringBuilder sb = new StringBuilder("Hostile corpus: ").append(exchanges.size()).append(" requests, seed ")
                .append(HostileCorpus.SEED).append("\n  by status: ").append(byStatus)
                .append("\n  bare HTTP-codec answers to requests broken at the wire: ").append(bare);
        Map<String, Long> millis = exchanges.stream().collect(Collectors.groupingBy(e -> e.request().category(),
                Collectors.summingLong(Exchange::millis)));
        byCategory.forEach((category, counts) -> sb.append("\n  ").append(category).append(": ").append(counts)
                .append(" (").append(millis.get(category)).append(" ms in all)"));
        System.out.println(sb);
    }

    private static String create(String path, Object body) {
        Map<?, ?> answer = app.http().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("id");
    }
}
