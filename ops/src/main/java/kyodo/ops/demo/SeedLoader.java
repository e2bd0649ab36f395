package kyodo.ops.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.FiscalYear;
import kyodo.ops.cli.Waiting;
import kyodo.ops.security.StaffAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private static final int PROGRESS_EVERY = 250;

    private final ScriptSender sender;
    private final ObjectMapper mapper;
    private final int concurrency;
    private final BackdatedProposals backdated;
    private final DemoResidents residents;
    private final Clock clock;
    private final AtomicInteger subjects = new AtomicInteger();

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
        this.sender = new ScriptSender(client);
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
                sender.envelope(envelope);
                progress(total);
            });
            if (backdated != null) {
                BackdatedProposals.Tally tally = backdated.load(DemoProposals.ALL, () -> progress(total));
                sender.applied().addAndGet(tally.applied());
                sender.alreadyThere().addAndGet(tally.alreadyThere());
            }
            ordered.forEach(script -> {
                sender.run(script);
                progress(total);
            });
            inParallel(pool, bulk, sender::run, total);
            if (residents != null) {
                residents.load();
            }
        } finally {
            pool.shutdownNow();
        }
        Summary summary = new Summary(subjects.get(), sender.applied().get(), sender.alreadyThere().get(),
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
}
