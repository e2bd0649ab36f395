package kyodo.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.FiscalYear;
import kyodo.ops.cli.Waiting;
import kyodo.ops.demo.DemoScript.Actor;
import kyodo.ops.demo.DemoScript.AgreementOfPartners;
import kyodo.ops.demo.DemoScript.Step;
import kyodo.ops.security.StaffAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Loads the demo and seed dataset through the command API of a running server, never into the
 * stores directly: the ward budget envelopes (this fiscal year's too), the demo proposals (in this
 * process, with the dates of their lives: {@link BackdatedProposals}), the 2015 workshop, the 2019
 * expert panel, the named example projects of the seeds and the generated projects behind the
 * seeds' counts ({@link SeedDataset}); in this process also the demo residents with their supports and
 * follows ({@link DemoResidents}). A load into a server reached through {@code --url} leaves them out and
 * says so ({@link #leftOut}): their sign-up is confirmed by a code mailed to their address, which only
 * the server's own outbox holds, and no HTTP route gives it (nor should one). They are not counted in the
 * {@link Summary}, which stays the dataset's; their own line is logged.
 *
 * <p>Loading twice changes nothing: a creation carries a deterministic Idempotency-Key; each
 * following step is conditional on the version it expects (If-Match), so a step already taken
 * answers 412 and is skipped; an envelope is set only when the budget's history (read from the
 * event store) is empty, and an allocation only when the project's history shows it was not made.
 *
 * <p>The generated projects, which share nothing and decide nothing, are sent with a bounded number
 * in flight; everything that makes a decision (envelopes, approvals, agreements, allocations) goes
 * one after another.
 */
public final class SeedLoader {

    private static final Logger log = LoggerFactory.getLogger(SeedLoader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int PROGRESS_EVERY = 250;
    private static final String ALLOCATIONS = "budget-allocations";
    private static final String PROPOSALS = "/api/proposals";

    private final DemoClient client;
    private final ObjectMapper mapper;
    private final int concurrency;
    private final BackdatedProposals backdated;
    private final DemoResidents residents;
    private final Clock clock;
    private final AtomicInteger subjects = new AtomicInteger();
    private final AtomicInteger applied = new AtomicInteger();
    private final AtomicInteger alreadyThere = new AtomicInteger();

    /**
     * @param concurrency how many subjects are sent at once where they share nothing (1 = sequential)
     */
    public SeedLoader(DemoClient client, ObjectMapper mapper, int concurrency) {
        this(client, mapper, concurrency, null, null, Clock.systemUTC());
    }

    private SeedLoader(DemoClient client, ObjectMapper mapper, int concurrency, BackdatedProposals backdated,
                       DemoResidents residents, Clock clock) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.client = client;
        this.mapper = mapper;
        this.concurrency = concurrency;
        this.backdated = backdated;
        this.residents = residents;
        this.clock = clock;
    }

    /**
     * A loader into the app running in this process: through its own HTTP port, signed in with
     * service accounts of the process ({@link DemoClient#inProcess}); the demo proposals with the dates
     * of their lives, through its command side ({@link BackdatedProposals}); then the demo residents, their
     * supports and follows, through the residents' own services ({@link DemoResidents}).
     */
    public static SeedLoader inProcess(ApplicationContext context, int concurrency) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new SeedLoader(DemoClient.inProcess("http://localhost:" + port, context.getBean(StaffAccounts.class)),
                context.getBean(ObjectMapper.class), concurrency, BackdatedProposals.of(context),
                DemoResidents.of(context), context.getBean(Clock.class));
    }

    /** What a load did. */
    public record Summary(int subjects, int stepsApplied, int alreadyThere, Duration took) {

        /** One line for logs and the console. */
        public String render() {
            return String.format("demo data: %d subjects, %d steps applied, %d already there, in %.1f s",
                    subjects, stepsApplied, alreadyThere, took.toMillis() / 1000.0);
        }
    }

    /**
     * What this loader leaves out of the demo, as one line for the console, or empty when it loads it all:
     * a loader through {@code --url} cannot make the demo residents (their addresses are confirmed by a
     * code only the server's outbox holds).
     */
    public Optional<String> leftOut() {
        return residents != null ? Optional.empty() : Optional.of(String.format("left out: the %d demo residents "
                        + "with their %d supports and %d follows (a sign-up is confirmed by a code mailed to the "
                        + "address, which only the server's outbox holds); demo load without --url, on the server's "
                        + "stores (stopped first on the embedded ones), or --kyodo.demo.load=true makes them",
                DemoResidents.ALL.size(), DemoResidents.supportsInAll(), DemoResidents.followsInAll()));
    }

    /**
     * Loads everything and answers what it did.
     *
     * @throws DemoLoadException when the server refuses a command, naming the command and the answer
     */
    public Summary load() {
        long start = System.nanoTime();
        SeedDataset seed = SeedDataset.read(mapper);
        List<SeedDataset.Envelope> envelopes = seed.envelopes(FiscalYear.containing(clock.instant()));
        List<DemoScript> ordered = new ArrayList<>(backdated == null ? DemoScript.proposals() : List.of());
        ordered.add(DemoScript.workshop(mapper));
        ordered.addAll(DemoScript.expertPanel(mapper));
        ordered.addAll(seed.namedProjects());
        List<DemoScript> bulk = seed.bulkProjects();
        int proposals = backdated == null ? 0 : DemoProposals.ALL.size();
        int total = envelopes.size() + proposals + ordered.size() + bulk.size();
        log.info("demo data: loading {} subjects ({} in flight where independent)", total, concurrency);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread thread = new Thread(r, "demo-loader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // Envelopes are decisions: one after another, like every decision of the load, so that the
            // public decision log takes them in the event store's order (decisions committed
            // concurrently can be logged in another order than a replay of the store gives).
            envelopes.forEach(envelope -> {
                envelope(envelope);
                progress(total);
            });
            if (backdated != null) {
                BackdatedProposals.Tally tally = backdated.load(DemoProposals.ALL, () -> progress(total));
                applied.addAndGet(tally.applied());
                alreadyThere.addAndGet(tally.alreadyThere());
            }
            ordered.forEach(script -> {
                run(script);
                progress(total);
            });
            inParallel(pool, bulk, this::run, total);
            if (residents != null) {
                residents.load();
            }
        } finally {
            pool.shutdownNow();
        }
        Summary summary = new Summary(subjects.get(), applied.get(), alreadyThere.get(),
                Duration.ofNanos(System.nanoTime() - start));
        log.info(summary.render());
        leftOut().ifPresent(line -> log.info("demo data: {}", line));
        return summary;
    }

    private <T> void inParallel(ExecutorService pool, List<T> items, Consumer<T> load, int total) {
        List<Future<?>> running = new ArrayList<>();
        items.forEach(item -> running.add(pool.submit(() -> {
            load.accept(item);
            progress(total);
        })));
        for (Future<?> future : running) {
            Waiting.await(future, running, DemoLoadException.class, DemoLoadException::new);
        }
    }

    private void progress(int total) {
        int done = subjects.incrementAndGet();
        if (done % PROGRESS_EVERY == 0 || done == total) {
            log.info("demo data: {}/{} subjects", done, total);
        }
    }

    private void envelope(SeedDataset.Envelope envelope) {
        if (client.history("ward-budget", envelope.budgetId()).isPresent()) {
            alreadyThere.incrementAndGet();
            return;
        }
        try {
            client.as("ADMIN", null).put().uri("/api/ward-budgets/{ward}/{year}", envelope.ward(),
                            envelope.fiscalYear())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("envelopeYen", envelope.envelopeYen(), "reason", envelope.reason()))
                    .retrieve().toBodilessEntity().block(TIMEOUT);
            applied.incrementAndGet();
        } catch (WebClientResponseException e) {
            throw DemoLoadException.refused("PUT /api/ward-budgets/" + envelope.ward() + "/"
                    + envelope.fiscalYear(), e);
        }
    }

    private void run(DemoScript script) {
        if (PROPOSALS.equals(script.collection())
                && client.history("proposal", BackdatedProposals.id(script.key(), "proposal")).isPresent()) {
            // the server loaded it itself, with its dates (BackdatedProposals): it is there
            alreadyThere.addAndGet(script.steps().size() + 1);
            return;
        }
        String id;
        try {
            Map<?, ?> created = as(script.creator()).post().uri(script.collection())
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", script.key()).bodyValue(script.creation())
                    .retrieve().bodyToMono(Map.class).block(TIMEOUT);
            id = (String) created.get("id");
        } catch (WebClientResponseException e) {
            throw DemoLoadException.refused("POST " + script.collection() + " (Idempotency-Key " + script.key()
                    + ")", e);
        }
        Map<String, String> partners = new HashMap<>();
        long version = 0;
        for (Step step : script.steps()) {
            Object body = step.body() instanceof AgreementOfPartners agreement
                    ? agreement(script, id, version, agreement, partners) : step.body();
            String path = script.collection() + "/" + id + "/" + step.action();
            if (ALLOCATIONS.equals(step.action()) && projectVersion(id) > version) {
                // A stale allocation would reserve and release money on the ward budget before its
                // 412: check first, from the event store, that the project has not moved past it.
                alreadyThere.incrementAndGet();
                version++;
                continue;
            }
            try {
                Map<?, ?> answer = as(step.actor()).post().uri(path).contentType(MediaType.APPLICATION_JSON)
                        .header("If-Match", "\"" + version + "\"").bodyValue(body)
                        .retrieve().bodyToMono(Map.class).block(TIMEOUT);
                if (answer != null && answer.get("partnerId") != null && body instanceof Map<?, ?> partner) {
                    partners.put((String) partner.get("name"), (String) answer.get("partnerId"));
                }
                applied.incrementAndGet();
            } catch (WebClientResponseException e) {
                if (e.getStatusCode() != HttpStatus.PRECONDITION_FAILED) {
                    throw DemoLoadException.refused("POST " + script.collection() + "/{id}/" + step.action() + " of "
                            + script.key(), e);
                }
                alreadyThere.incrementAndGet();
            }
            version++;
        }
    }

    /**
     * The agreement's body with the partners' ids; partners added by an earlier load are looked up on
     * the project as staff see it, once the read model has reached the version they were added in.
     */
    private Map<String, Object> agreement(DemoScript script, String id, long version,
                                          AgreementOfPartners agreement, Map<String, String> partners) {
        if (!partners.keySet().containsAll(agreement.partnerNames())) {
            JsonNode project = readProject(script, id, version);
            project.path("partners").forEach(p -> partners.putIfAbsent(p.get("name").asText(),
                    p.get("partnerId").asText()));
        }
        List<String> partyIds = new ArrayList<>();
        for (String name : agreement.partnerNames()) {
            String partnerId = partners.get(name);
            if (partnerId == null) {
                throw new DemoLoadException(script.key() + ": the agreement names " + name
                        + ", who is not a partner of the project");
            }
            partyIds.add(partnerId);
        }
        return DemoScript.body("title", agreement.title(), "partyIds", partyIds, "signedOn", agreement.signedOn());
    }

    private JsonNode readProject(DemoScript script, String id, long minVersion) {
        for (int attempt = 1; ; attempt++) {
            try {
                return as(script.creator()).get().uri("/api/projects/{id}?minVersion={v}", id, minVersion)
                        .retrieve().bodyToMono(JsonNode.class).block(TIMEOUT);
            } catch (WebClientResponseException e) {
                if (e.getStatusCode() != HttpStatus.SERVICE_UNAVAILABLE || attempt == 5) {
                    throw DemoLoadException.refused("GET /api/projects/{id} of " + script.key(), e);
                }
            }
        }
    }

    /** The project's version, from its history in the event store (never behind, unlike a read model). */
    private long projectVersion(String id) {
        long version = -1;
        for (JsonNode event : client.history("project", id).orElseThrow().path("events")) {
            version = Math.max(version, event.get("seq").asLong());
        }
        return version;
    }

    private WebClient as(Actor actor) {
        return client.as(actor.role(), actor.ward());
    }
}
