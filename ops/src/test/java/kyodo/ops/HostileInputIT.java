package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.unit.DataSize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fires a hostile corpus at the running app (docs/api.md; issues 8 and 12, hostile input):
 * 12,000 requests drawn at random ({@link HostileCorpus}) and some 4,900 that try every edge case
 * of a class on every route, field or header it applies to ({@link HostileEdgeCases}). It holds
 * them to the error contract: no 5xx; an answer to every request whose HTTP framing is sound (a
 * server may hang up on one that is not); every 4xx from the app an {@code application/problem+json}
 * whose detail names no Java class, package or method; no command accepted; and nothing stored,
 * counted as events in the event store and keys in the personal-data vault after each class. Then
 * the app must still be healthy and take valid commands.
 * <p>
 * Around the corpus, the cases that need a sequence: an Idempotency-Key replayed, registrations
 * a meeting refuses, a key used by staff of another ward, refused requests racing on one key.
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
            Map.entry("bad If-Match", Set.of(400, 412)), Map.entry("hostile id", Set.of(400, 404)),
            Map.entry("foreign id", Set.of(404)), Map.entry("non-object body", Set.of(400)),
            Map.entry("lone surrogate (every field)", Set.of(400)));
    /** Signs of Java internals in a problem's detail (see {@link #internalNames}). */
    private static final List<String> INTERNAL_NAMES = List.of("kyodo.", "java.", "javax.", "jakarta.",
            "com.fasterxml", "org.", "reactor.", "io.netty", "`", "$", "Exception", "$Proxy", "lambda$", "()");
    private static final ObjectMapper JSON = new ObjectMapper();

    // Thousands of refused commands would each log a warning with a stack trace.
    @RegisterExtension
    static final RunningApp app = new RunningApp("--logging.level.org.axonframework=ERROR",
            "--logging.level.org.springframework.web.reactive.resource=ERROR");
    private static final Client staff = app.staff();
    static HostileStores stores;

    @BeforeAll
    static void start() {
        stores = new HostileStores(app.app());
    }

    @AfterAll
    static void stop() {
        stores.close();
    }

    @Test
    void theHostileCorpusCrashesNothingStoresNothingAndLeavesTheAppHealthy() throws Exception {
        String proposal = create("/api/proposals", Requests.proposal());
        String meeting = create("/api/meetings", CommandRoutes.all("x", "x", "x").stream()
                .filter(r -> r.pathPrefix().equals("/api/meetings") && r.creates()).findFirst().orElseThrow()
                .validBody());
        String project = create("/api/projects", Map.of("ward", "saiwai", "fiscalYear", 2025, "title", "駐輪場の拡張",
                "theme", "交通", "programme", "WARD_LOCAL_ISSUE", "leadDepartment", "地域振興課"));
        app.as("ADMIN", null).put("/api/ward-budgets/saiwai/2025")
                .body(Map.of("envelopeYen", 1_000_000, "reason", "当初予算")).ok();
        List<String[]> signedIn = SignedInHeaders.of(staff.http());
        Map<String, String> subjects = Map.of("proposal", proposal, "meeting", meeting, "project", project,
                "ward-budget", "saiwai-2025");
        List<HostileRequest> corpus = new ArrayList<>(new HostileCorpus(signedIn, proposal, meeting, project)
                .generate(CORPUS_SIZE));
        int headerLimit = (int) app.context().getEnvironment().getProperty("server.max-http-request-header-size",
                DataSize.class, DataSize.ofKilobytes(8)).toBytes();
        corpus.addAll(new HostileEdgeCases(signedIn, SignedInHeaders.of(app.as("STAFF", "kawasaki").http()), subjects,
                headerLimit).generate());
        HostileStores.Counts start = stores.settled();

        List<Exchange> exchanges = new ArrayList<>();
        List<String> storedByRefused = new ArrayList<>();
        ExecutorService pool = clients();
        try {
            // Fired class by class, the stores counted after each once they are still: a refused request
            // must store nothing, and the count says which class stored something (or the class before it,
            // for a write that lands seconds after its answer).
            HostileStores.Counts before = start;
            long firing = 0;
            long counting = 0;
            for (Map.Entry<String, List<HostileRequest>> batch : byCategory(corpus).entrySet()) {
                long t0 = System.nanoTime();
                List<Exchange> answers = fire(pool, batch.getValue());
                exchanges.addAll(answers);
                long t1 = System.nanoTime();
                HostileStores.Counts after = stores.settled();
                firing += t1 - t0;
                counting += System.nanoTime() - t1;
                if (!after.equals(before)) {
                    storedByRefused.add(batch.getKey() + ": " + after.minus(before) + " stored by "
                            + batch.getValue().size() + " requests answered " + statuses(answers));
                }
                before = after;
            }
            System.out.printf("Hostile corpus: %.1f s sending, %.1f s counting what was stored%n", firing / 1e9,
                    counting / 1e9);
        } finally {
            pool.shutdownNow();
        }

        printSummary(exchanges);
        Map<Exchange, String> problems = new LinkedHashMap<>();
        exchanges.forEach(exchange -> {
            String problem = problem(exchange);
            if (problem != null) {
                problems.put(exchange, problem);
            }
        });
        List<String> failures = problems.entrySet().stream().map(p -> describe(p.getKey(), p.getValue())).toList();
        failures.stream().limit(60).forEach(System.out::println);
        printViolationCounts(problems);
        storedByRefused.forEach(line -> System.out.println("---- stored by a refused class: " + line));
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(failures).as("requests that broke the error contract (first 60 printed above)").isEmpty();
        softly.assertThat(storedByRefused).as("classes of refused requests that stored something").isEmpty();
        softly.assertThat(stores.settled()).as("what the hostile corpus stored").isEqualTo(start);
        softly.assertAll();
        app.anonymous().get("/actuator/health").ok().json().jsonPath("$.status").isEqualTo("UP");
        create("/api/proposals", Requests.proposal());
        assertThat(stores.settled().minus(start)).as("a valid submission afterwards")
                .isEqualTo(new HostileStores.Counts(1, 1));
    }

    /**
     * An Idempotency-Key replay answers the first result and seals nothing: the proposer's data
     * was sealed once, under one key, when the proposal was first submitted (issue 12: every
     * replay sealed the proposer again, 1,407 keys for 676 proposals).
     */
    @Test
    void replaysOfASubmissionAnswerTheFirstIdAndSealNoSecondKey() throws Exception {
        String key = "replay-" + UUID.randomUUID();
        HostileStores.Counts before = stores.settled();
        String first = createdId(submit(staff, key, Requests.proposal()));
        HostileStores.Counts once = stores.settled().minus(before);
        assertThat(once).as("one submission").isEqualTo(new HostileStores.Counts(1, 1));

        List<String> replays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replays.add(createdId(submit(staff, key, Requests.proposal())));
        }
        replays.addAll(concurrently(6, () -> createdId(submit(staff, key, Requests.proposal()))));
        Map<String, Object> other = Requests.proposal();
        other.put("title", "別の題");
        assertProblem(submit(staff, key, other), 422);

        assertThat(replays).as("ids answered to replays").containsOnly(first);
        assertThat(stores.settled().minus(before)).as("stored after 10 replays and a reuse with another body")
                .isEqualTo(once);
    }

    /**
     * A registration the meeting refuses (full, closed, cancelled, a stale If-Match, not a meeting)
     * leaves no personal-data key behind: the participant is sealed only for a registration that
     * is going to be stored.
     */
    @Test
    void registrationsTheMeetingRefusesLeaveNoKey() {
        String full = create("/api/meetings", Requests.meeting(1));
        register(staff, full, null).ok();
        String open = create("/api/meetings", Requests.meeting(30));
        String cancelled = create("/api/meetings", Requests.meeting(30));
        staff.post("/api/meetings/{id}/cancellation", cancelled).body(Map.of("reason", "台風")).ok();
        String closed = create("/api/meetings", Requests.meeting(30));
        staff.post("/api/meetings/{id}/opening", closed).body(Map.of("attendance", 20)).ok();
        staff.post("/api/meetings/{id}/closing", closed).body(Map.of("attendance", 20)).ok();
        String proposal = create("/api/proposals", Requests.proposal());

        Map<String, Supplier<Answer>> refusals = new LinkedHashMap<>();
        refusals.put("full", () -> register(staff, full, null));
        refusals.put("stale If-Match", () -> register(staff, open, HostileEdgeCases.STALE_IF_MATCH));
        refusals.put("If-Match of an earlier version", () -> register(staff, full, "\"0\""));
        refusals.put("cancelled", () -> register(staff, cancelled, null));
        refusals.put("closed", () -> register(staff, closed, null));
        refusals.put("no such meeting", () -> register(staff, UUID.randomUUID().toString(), null));
        refusals.put("a proposal's id", () -> register(staff, proposal, null));
        refusals.put("outside the staff member's ward", () -> register(app.as("STAFF", "kawasaki"), open, null));
        SoftAssertions softly = new SoftAssertions();
        refusals.forEach((refusal, send) -> {
            HostileStores.Counts before = stores.settled();
            int status = send.get().result().getStatus().value();
            softly.assertThat(status).as(refusal + ": status").isBetween(400, 499);
            softly.assertThat(stores.settled().minus(before)).as(refusal + ": stored")
                    .isEqualTo(new HostileStores.Counts(0, 0));
        });
        softly.assertAll();
    }

    /**
     * Idempotency-Keys belong to whoever used them: staff of another ward who happen to send the
     * same key create their own resource and never learn that the key was taken (issue 12: they
     * got 422), nor get the first resource's id; the same key on another route is another key.
     */
    @Test
    void anIdempotencyKeyTellsStaffOfAnotherWardNothing() {
        String key = "shared-" + UUID.randomUUID();
        Map<String, Object> saiwaiProposal = Requests.proposal();
        Map<String, Object> kawasakiProposal = Requests.proposal();
        kawasakiProposal.put("ward", "kawasaki");
        String first = createdId(submit(app.as("STAFF", "saiwai"), key, saiwaiProposal));

        EntityExchangeResult<String> otherWard = submit(app.as("STAFF", "kawasaki"), key, kawasakiProposal);
        assertThat(otherWard.getStatus().value()).as("another ward's own proposal under the same key: "
                + otherWard.getResponseBody()).isEqualTo(201);
        assertThat(createdId(otherWard)).isNotEqualTo(first);
        assertProblem(submit(app.as("STAFF", "tama"), key, saiwaiProposal), 403);
        assertThat(createdId(submit(app.as("STAFF", "saiwai"), key, saiwaiProposal))).as("the owner's replay")
                .isEqualTo(first);
        EntityExchangeResult<String> otherRoute = app.as("STAFF", "saiwai").post("/api/meetings").idempotencyKey(key)
                .body(Requests.meeting(30)).spec().expectBody(String.class).returnResult();
        assertThat(otherRoute.getStatus().value()).as("the key on another route").isEqualTo(201);
    }

    /**
     * Requests that share a new Idempotency-Key and are all refused (here: outside the sender's
     * ward) are all refused the same way, however they interleave: none sees the key claimed, then
     * released, and fails on it.
     */
    @Test
    void concurrentRefusedCreationsSharingAKeyAreRefusedAlike() throws Exception {
        Client otherWard = app.as("STAFF", "kawasaki");
        List<Integer> statuses = new ArrayList<>();
        // the interleaving that fails (one request claims, another finds the key taken, the first releases
        // it, the second looks the claim up) is a matter of timing: give it several chances
        for (int round = 0; round < 16; round++) {
            String key = "race-" + UUID.randomUUID();
            statuses.addAll(concurrently(12, () -> submit(otherWard, key, Requests.proposal()).getStatus().value()));
        }
        assertThat(statuses).as("statuses of refused submissions sharing a key").containsOnly(403);
    }

    /** One request and what came back. */
    record Exchange(HostileRequest request, RawHttp.Response response, long millis) {
    }

    private static ExecutorService clients() {
        return Executors.newFixedThreadPool(IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, "hostile-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The corpus by category, in the order the categories first appear. */
    private static Map<String, List<HostileRequest>> byCategory(List<HostileRequest> corpus) {
        Map<String, List<HostileRequest>> batches = new LinkedHashMap<>();
        corpus.forEach(request -> batches.computeIfAbsent(request.category(), c -> new ArrayList<>()).add(request));
        return batches;
    }

    private static Map<Integer, Long> statuses(List<Exchange> exchanges) {
        return exchanges.stream().collect(Collectors.groupingBy(e -> e.response().status(), TreeMap::new,
                Collectors.counting()));
    }

    private static List<Exchange> fire(ExecutorService pool, List<HostileRequest> batch) throws Exception {
        int port = app.port();
        List<Future<Exchange>> futures = new ArrayList<>();
        for (HostileRequest request : batch) {
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
    }

    /** A broken rule with the request and the answer that broke it. */
    private static String describe(Exchange exchange, String problem) {
        RawHttp.Response response = exchange.response();
        return "---- " + problem + "\n  " + exchange.request().describe() + "\n  -> " + response.status() + " "
                + response.headers().getOrDefault("content-type", "(no content type)") + " "
                + HostileRequest.abbreviate(response.bodyText(), 400)
                + (response.failure() == null ? "" : " (" + response.failure() + ")");
    }

    /** The broken rule, in a few words, or null. */
    static String problem(Exchange exchange) {
        HostileRequest request = exchange.request();
        RawHttp.Response response = exchange.response();
        int status = response.status();
        if (status == -1) {
            return null;
        } else if (status == 0) {
            // a server may hang up on a message whose framing is broken; on any other it must answer
            return request.brokenFraming() ? null : "no answer";
        } else if (status >= 500) {
            return "server error";
        } else if (status < 300 && !SAFE_METHODS.contains(request.method())) {
            return "a hostile command was accepted";
        } else if (status >= 400 && !isProblem(response, request.method()) && !bareCodecAnswer(exchange)) {
            return "not application/problem+json";
        } else if (EXPECTED.containsKey(request.category()) && status != 401 && status != 403
                && !EXPECTED.get(request.category()).contains(status)) {
            return "expected " + EXPECTED.get(request.category());
        }
        String internal = internalNames(request, response);
        return internal == null ? null : "problem detail shows internal names (" + internal + ")";
    }

    /**
     * Java class, package or method names in a problem's detail or field messages, which tell an
     * attacker what runs inside: a package prefix, a backtick-quoted member, an inner-class dollar.
     * A token the request itself contains may be an echo of it and is not counted.
     */
    private static String internalNames(HostileRequest request, RawHttp.Response response) {
        if (response.status() < 400 || !isProblem(response, request.method()) || request.method().equals("HEAD")) {
            return null;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (java.io.IOException notJson) {
            return "not JSON";
        }
        StringBuilder text = new StringBuilder(problem.path("detail").asText(""));
        problem.path("errors").forEach(error -> text.append('\n').append(error.path("message").asText("")));
        String sent = null;
        for (String token : INTERNAL_NAMES) {
            if (text.indexOf(token) >= 0) {
                if (sent == null) {
                    byte[] wire = request.wireBytes();
                    sent = new String(wire, StandardCharsets.ISO_8859_1) + new String(wire, StandardCharsets.UTF_8);
                }
                if (!sent.contains(token)) {
                    return token + " in: " + HostileRequest.abbreviate(text.toString(), 200);
                }
            }
        }
        return null;
    }

    /** How many requests of each category broke each rule: the list to check fixes against. */
    private static void printViolationCounts(Map<Exchange, String> problems) {
        Map<String, Long> counts = problems.entrySet().stream().collect(Collectors.groupingBy(
                p -> p.getValue().replaceAll(" \\(.*", "") + " <- " + p.getKey().request().category(), TreeMap::new,
                Collectors.counting()));
        counts.forEach((kind, n) -> System.out.println("violations: " + n + " x " + kind));
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

    private static EntityExchangeResult<String> submit(Client client, String key, Object body) {
        return client.post("/api/proposals").idempotencyKey(key).body(body).spec().expectBody(String.class)
                .returnResult();
    }

    private static Answer register(Client client, String meeting, String ifMatch) {
        return client.post("/api/meetings/{id}/registrations", meeting).ifMatch(ifMatch)
                .body(Requests.registration("参加者", "町内会"));
    }

    private static String createdId(EntityExchangeResult<String> result) {
        assertThat(result.getStatus().value()).as("status of a creation: " + result.getResponseBody()).isEqualTo(201);
        try {
            return JSON.readTree(result.getResponseBody()).path("id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + result.getResponseBody(), e);
        }
    }

    private static void assertProblem(EntityExchangeResult<String> result, int status) {
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(status);
        assertThat(result.getResponseHeaders().getContentType()).isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** Runs {@code n} copies of the call at once and collects their results. */
    private static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String create(String path, Object body) {
        return staff.created(path, body);
    }
}
