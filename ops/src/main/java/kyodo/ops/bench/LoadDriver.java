package kyodo.ops.bench;

import kyodo.kernel.Ward;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An HTTP load driver: for each read and each kind of command of the table, a closed loop of
 * {@code connections} clients, each sending its next request as soon as the previous one answered,
 * for {@code duration} (each sends at least one; {@link ClosedLoop}); it records every latency and answers
 * p50/p95/p99 and throughput per row.
 * Like {@code wrk}, but it can sign in, send JSON bodies and feed a command with the ids an earlier
 * one answered (acknowledge what was submitted, decide what was acknowledged); the read rows can be
 * driven by {@code wrk} itself ({@link WrkRow}), which leaves more of the machine to the server.
 *
 * <p>Reads of {@code /public} need nobody; the analytics read and the commands need accounts, which
 * the driver creates through an administrator's account ({@code bench-staff}, city-wide STAFF, and
 * {@code bench-analyst}), like {@code demo load --url} does. Without an administrator those rows are
 * reported as skipped. A 4xx/5xx answer counts as an error of its row (with its status), its time is
 * recorded all the same. Submitted proposers are synthetic ({@code …@example.invalid}).
 */
final class LoadDriver {

    /**
     * The rows by the names {@code --rows} selects them with, in the order they run. A command row
     * feeds on an earlier one (acknowledge what was submitted, append to it, answer what was
     * acknowledged): selecting it runs its feeders too.
     */
    static final List<String> ROWS = List.of("health", "ward", "search", "page", "dashboard", "analytics", "home",
            "list", "proposal", "submit", "acknowledge", "append", "answer");

    private static final String STAFF = "bench-staff";
    private static final String ANALYST = "bench-analyst";

    /**
     * What to drive and as whom; {@code wrk}, when set, is the program that drives the read rows;
     * {@code warmup} is how long each row runs unmeasured first (a cold row measures the compiler, not the
     * request; a command row warms up with commands of its own, {@link #command}); {@code rows}
     * the names of {@link #ROWS} to run; {@code serverPid}, when set, the local server whose CPU time
     * each row measures ({@link ServerCpu}).
     */
    record Options(URI url, Duration duration, Duration warmup, int connections, String adminUser,
                   String adminPassword, Path wrk, Set<String> rows, String serverPid) {
    }

    private final Options options;
    private final BenchRequests requests;
    private final ServerCpu cpu;
    private final ClosedLoop loop;

    LoadDriver(Options options) {
        this.options = options;
        this.requests = new BenchRequests(options.url());
        this.cpu = options.serverPid() == null ? null : new ServerCpu(options.serverPid());
        this.loop = new ClosedLoop(requests.http(), options.connections());
    }

    private boolean selected(String... names) {
        return Arrays.stream(names).anyMatch(options.rows()::contains);
    }

    /**
     * Runs a row; with a server to watch, waits for it to go quiet before and after and gives the row
     * the CPU time in between: what the row's requests cost, the work they left behind included.
     */
    private LoadRow measured(java.io.PrintStream progress, Supplier<LoadRow> row) {
        if (cpu == null) {
            return row.get();
        }
        cpu.settle(progress);
        double before = cpu.millis();
        LoadRow measured = row.get();
        cpu.settle(progress);
        return measured.withServerCpu(cpu.millis() - before);
    }

    /**
     * Runs every row, one after another, and answers them in order.
     *
     * @param progress where to say which row runs (stderr), or null
     */
    List<LoadRow> run(java.io.PrintStream progress) {
        String staff = null;
        String analyst = null;
        if (options.adminUser() != null) {
            staff = account(STAFF, "STAFF");
            analyst = account(ANALYST, "ANALYST");
            // one signed-in request each before any row's clock: a first sign-in costs a BCrypt check
            // (by design), which every connection of the first row would otherwise wait for
            signIn(requests.get("/api/proposals?size=1", staff));
            signIn(requests.get("/analytics/schema", analyst));
        }
        List<LoadRow> rows = new ArrayList<>();
        if (selected("health")) {
            rows.add(reads(progress, "GET /actuator/health", List.of("/actuator/health"), Map.of()));
        }
        if (selected("ward")) {
            rows.add(reads(progress, "GET /public/proposals?ward=…", Arrays.stream(Ward.values())
                    .map(ward -> "/public/proposals?ward=" + ward.code()).toList(), Map.of()));
        }
        if (selected("search")) {
            rows.add(reads(progress, "GET /public/proposals?q=" + BenchDataset.SEARCHED_WORD, List.of(
                    "/public/proposals?q=" + URLEncoder.encode(BenchDataset.SEARCHED_WORD, StandardCharsets.UTF_8)),
                    Map.of()));
        }
        if (selected("page")) {
            rows.add(reads(progress, "GET /public/proposals?status=SUBMITTED&page=50",
                    List.of("/public/proposals?status=SUBMITTED&page=50"), Map.of()));
        }
        if (selected("dashboard")) {
            rows.add(reads(progress, "GET /public/dashboard", List.of("/public/dashboard"), Map.of()));
        }
        String summary = "GET /analytics/proposals/summary?groupBy=ward";
        if (selected("analytics")) {
            rows.add(analyst == null ? skipped(summary)
                    : reads(progress, summary, List.of("/analytics/proposals/summary?groupBy=ward"),
                    Map.of("Authorization", analyst)));
        }
        rows.addAll(portal(progress));
        rows.addAll(commands(progress, staff));
        return rows;
    }

    private List<LoadRow> commands(java.io.PrintStream progress, String staff) {
        String submit = "POST /api/proposals (submit)";
        String acknowledge = "POST /api/proposals/{id}/acknowledgement";
        String append = "POST /api/proposals/{id}/progress-updates (append)";
        String decide = "POST /api/proposals/{id}/decision (answer, a decision)";
        if (!selected("submit", "acknowledge", "append", "answer")) {
            return List.of();
        }
        if (staff == null) {
            return List.of(skipped(submit), skipped(acknowledge), skipped(append), skipped(decide));
        }
        // the warm-ups' proposals: acknowledged and answered only by the warm-ups, never by a measured part
        ConcurrentLinkedQueue<String> warmSubmitted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> submitted = new ConcurrentLinkedQueue<>();
        AtomicLong number = new AtomicLong();
        Ward[] wards = Ward.values();
        Supplier<HttpRequest> submitting = () -> {
            long n = number.incrementAndGet();
            Map<String, Object> body = Map.of("ward", wards[(int) (n % wards.length)].code(),
                    "title", "駅前の駐輪場を増やしてほしい（負荷試験 " + n + "）",
                    "body", "朝夕の時間帯は特に混雑しています。", "themes", List.of("交通"),
                    "programme", "CITIZEN_PROPOSAL", "channel", "WEB",
                    "proposer", Map.of("name", "ベンチ 利用者" + n, "contact", "bench-run-" + n + "@example.invalid"));
            return requests.post("/api/proposals", body, staff);
        };
        List<LoadRow> rows = new ArrayList<>();
        rows.add(command(progress, submit, submitting, answer -> requests.id(answer).ifPresent(warmSubmitted::add),
                submitting, answer -> requests.id(answer).ifPresent(submitted::add)));
        List<String> targets = List.copyOf(submitted);
        ConcurrentLinkedQueue<String> warmAcknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        if (selected("acknowledge", "answer")) {
            ConcurrentLinkedQueue<String> toAcknowledge = new ConcurrentLinkedQueue<>(targets);
            rows.add(command(progress, acknowledge, acknowledging(new ConcurrentLinkedQueue<>(warmSubmitted), staff),
                    answer -> requests.id(answer).ifPresent(warmAcknowledged::add),
                    acknowledging(toAcknowledge, staff), answer -> requests.id(answer).ifPresent(acknowledged::add)));
        }
        if (selected("append")) {
            List<String> warmTargets = warmSubmitted.isEmpty() ? targets : List.copyOf(warmSubmitted);
            rows.add(targets.isEmpty() ? LoadRow.skipped(append, "nothing was submitted")
                    : command(progress, append, appending(warmTargets, staff), answer -> { },
                    appending(targets, staff), answer -> { }));
        }
        if (selected("answer")) {
            rows.add(command(progress, decide, deciding(warmAcknowledged, staff), answer -> { },
                    deciding(new ConcurrentLinkedQueue<>(acknowledged), staff), answer -> { }));
        }
        return rows;
    }

    /**
     * A command row: first {@code --warmup} long unmeasured with requests of its own (the warm-up's
     * proposals, never the measured part's: the first commands after a start pay for the compiler, the
     * collector and the projections' start-up, docs/performance.md), then measured. A warm-up fed by an earlier
     * warm-up's proposals ends when they run out; {@code --warmup 0s} measures the cold row.
     */
    private LoadRow command(java.io.PrintStream progress, String what, Supplier<HttpRequest> warmUp,
                            Consumer<HttpResponse<String>> onWarmSuccess, Supplier<HttpRequest> next,
                            Consumer<HttpResponse<String>> onSuccess) {
        if (!options.warmup().isZero()) {
            loop.drive(progress, what + ", warming up", options.warmup(), warmUp, onWarmSuccess);
        }
        return measured(progress, () -> drive(progress, what, next, onSuccess));
    }

    /** Acknowledges these proposals one by one, null when none is left. */
    private Supplier<HttpRequest> acknowledging(ConcurrentLinkedQueue<String> ids, String staff) {
        return () -> {
            String id = ids.poll();
            return id == null ? null : requests.post("/api/proposals/" + id + "/acknowledgement",
                    Map.of("department", "交通政策課"), staff);
        };
    }

    /** Appends a progress update to these proposals in turn. */
    private Supplier<HttpRequest> appending(List<String> targets, String staff) {
        AtomicLong turn = new AtomicLong();
        return () -> requests.post("/api/proposals/" + targets.get((int) (turn.getAndIncrement() % targets.size()))
                + "/progress-updates", Map.of("text", "現地を確認しました。"), staff);
    }

    /** Answers these acknowledged proposals one by one, null when none is left. */
    private Supplier<HttpRequest> deciding(ConcurrentLinkedQueue<String> ids, String staff) {
        return () -> {
            String id = ids.poll();
            return id == null ? null : requests.post("/api/proposals/" + id + "/decision",
                    Map.of("outcome", "ACCEPTED", "reason", "来年度に整備します"), staff);
        };
    }

    /** The Authorization header of the account, created (or given a new password) by the administrator. */
    private String account(String username, String role) {
        String password = requests.account(options.adminUser(), options.adminPassword(), username, role);
        return BenchRequests.basic(username, password);
    }

    private void signIn(HttpRequest request) {
        int status = requests.exchange(request).statusCode();
        if (status >= 400) {
            throw new BenchException("signing in answered " + status + " on " + request.uri().getPath());
        }
    }

    /**
     * A read row: GETs of these paths in turn, by the driver's own clients or by {@code wrk} when the
     * options name it (a driver in C spends far less of the machine's two cores than these clients).
     */
    private LoadRow reads(java.io.PrintStream progress, String what, List<String> paths, Map<String, String> headers) {
        if (!options.warmup().isZero()) {
            reads(progress, what + ", warming up", paths, headers, options.warmup());
        }
        return measured(progress, () -> reads(progress, what, paths, headers, options.duration()));
    }

    private LoadRow reads(java.io.PrintStream progress, String what, List<String> paths, Map<String, String> headers,
                          Duration duration) {
        if (options.wrk() != null) {
            loop.announce(progress, what + ", by wrk", duration);
            return WrkRow.run(options.wrk(), options.url(), what, paths, headers, options.connections(), duration);
        }
        AtomicLong turn = new AtomicLong();
        return loop.drive(progress, what, duration,
                () -> requests.get(paths.get((int) (turn.getAndIncrement() % paths.size())), headers),
                answer -> { });
    }

    /**
     * The portal's pages as a visitor's browser asks for them (issue 15): the home, a filtered list,
     * and the pages of the hundred newest proposals in turn.
     */
    private List<LoadRow> portal(java.io.PrintStream progress) {
        Map<String, String> html = Map.of("Accept", "text/html", "Accept-Language", "ja");
        String page = "GET /proposals/{id} (portal)";
        List<LoadRow> rows = new ArrayList<>();
        if (selected("home")) {
            rows.add(reads(progress, "GET / (portal home)", List.of("/"), html));
        }
        if (selected("list")) {
            rows.add(reads(progress, "GET /proposals?ward=…&status=ACKNOWLEDGED (portal)", Arrays.stream(Ward.values())
                    .map(ward -> "/proposals?ward=" + ward.code() + "&status=ACKNOWLEDGED").toList(), html));
        }
        if (selected("proposal")) {
            List<String> pages = new ArrayList<>();
            HttpResponse<String> listed = requests.exchange(requests.get("/public/proposals?size=100", Map.of()));
            if (listed.statusCode() == 200) {
                requests.ids(listed.body()).forEach(id -> pages.add("/proposals/" + id));
            }
            rows.add(pages.isEmpty() ? LoadRow.skipped(page, "no proposal listed") : reads(progress, page, pages, html));
        }
        return rows;
    }

    /** A row of the driver's own clients for the options' duration ({@link ClosedLoop#drive}). */
    private LoadRow drive(java.io.PrintStream progress, String what, Supplier<HttpRequest> next,
                          Consumer<HttpResponse<String>> onSuccess) {
        return loop.drive(progress, what, options.duration(), next, onSuccess);
    }

    private static LoadRow skipped(String what) {
        return LoadRow.skipped(what, "needs --user, an ADMIN account of the server");
    }
}
