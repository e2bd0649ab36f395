package kyodo.ops.bench;

import kyodo.command.access.ActorMetadata;
import kyodo.command.budget.SetEnvelope;
import kyodo.command.platform.CommandOutcomes;
import kyodo.kernel.Yen;
import kyodo.kernel.access.Actor;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.WardBudgetId;
import kyodo.ops.bench.BenchDataset.PlannedProject;
import kyodo.ops.cli.Waiting;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.context.ApplicationContext;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * Loads a {@link BenchDataset} through the command side of a started platform, in process and at
 * full speed: commands go straight to Axon's {@link CommandGateway} from a pool of threads, one
 * subject per thread at a time (a subject's steps follow each other, as its version requires), so
 * many subjects are in flight at once. No HTTP, no sign-in; the commands carry the same metadata
 * the HTTP edge gives them (acting staff id and role, a city-wide scope), so the command side's
 * access checks, decision ordering, sealing of personal data and deadlines all do their usual work.
 *
 * <p>Ward budget envelopes are decisions an administrator takes before the year's allocations: they
 * are set first, one after another. A load into a data directory that holds an earlier one adds its
 * envelope to the one in place, so that the allocations of both fit (a city-sized set can be loaded
 * in steps). The proposer of every proposal is synthetic and sealed under
 * its own key like any other; nothing here logs it.
 */
final class BenchLoader {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_ATTEMPTS = 3;
    /** A command the command side was too busy to take is sent again up to this often, a little later each time. */
    private static final int MAX_ATTEMPTS_WHEN_BUSY = 30;

    private final CommandGateway gateway;
    private final PersonalDataProtector protector;
    private final Clock clock;
    private final ToLongFunction<String> envelopeInPlace;
    private final int concurrency;
    private final AtomicInteger sent = new AtomicInteger();
    private final Map<String, AtomicInteger> retried = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param envelopeInPlace the envelope (yen) a ward budget holds now, by budget id; 0 when none was set
     */
    BenchLoader(CommandGateway gateway, PersonalDataProtector protector, Clock clock,
                ToLongFunction<String> envelopeInPlace, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.gateway = gateway;
        this.protector = protector;
        this.clock = clock;
        this.envelopeInPlace = envelopeInPlace;
        this.concurrency = concurrency;
    }

    static BenchLoader of(ApplicationContext context, int concurrency) {
        EventStore events = context.getBean(EventStore.class);
        return new BenchLoader(context.getBean(CommandGateway.class), context.getBean(PersonalDataProtector.class),
                context.getBean(Clock.class), budgetId -> envelopeInPlace(events, budgetId), concurrency);
    }

    /** The envelope the budget's last {@link BudgetEnvelopeSet} gave it, from its own events; 0 when none. */
    static long envelopeInPlace(EventStore events, String budgetId) {
        long yen = 0;
        for (DomainEventStream stream = events.readEvents(budgetId); stream.hasNext(); ) {
            if (stream.next().getPayload() instanceof BudgetEnvelopeSet set) {
                yen = set.envelope().amount();
            }
        }
        return yen;
    }

    /**
     * What a load did: commands sent, how long it took, and the failures that passed when retried
     * (by command and message, with how many times).
     */
    record Result(int commands, Duration took, Map<String, Integer> retried) {

        double commandsPerSecond() {
            return commands / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    /**
     * Sends every command of the plan and returns when all are handled.
     *
     * @param progress where to draw a progress line (stderr), or null for none
     * @throws BenchException when the command side refuses a command, naming it
     */
    Result load(BenchDataset plan, PrintStream progress) {
        long started = System.nanoTime();
        int total = plan.commands();
        plan.envelopes().values().stream()
                .sorted((a, b) -> (a.ward().code() + a.fiscalYear().startYear())
                        .compareTo(b.ward().code() + b.fiscalYear().startYear()))
                .forEach(e -> {
                    String budgetId = WardBudgetId.of(e.ward(), e.fiscalYear());
                    send(new SetEnvelope(budgetId, null, e.ward(), e.fiscalYear(),
                            Yen.of(envelopeInPlace.applyAsLong(budgetId) + e.yen()), UUID.randomUUID().toString(),
                            "ベンチマーク用の予算枠", e.setAt(), BenchSubjects.by("ADMIN")), "ADMIN");
                });
        Map<Integer, List<PlannedProject>> projectsByProposal = new java.util.HashMap<>();
        plan.projects().forEach(p -> projectsByProposal.computeIfAbsent(p.proposalNumber(), k -> new ArrayList<>())
                .add(p));
        BenchSubjects steps = new BenchSubjects(this::send, protector);
        List<Runnable> subjects = new ArrayList<>();
        plan.proposals().forEach(p -> subjects.add(() -> {
            String proposalId = steps.proposal(p);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            projectsByProposal.getOrDefault(p.number(), List.of())
                    .forEach(project -> steps.project(project, proposalId, now));
        }));
        plan.meetings().forEach(m -> subjects.add(() -> steps.meeting(m)));
        // meetings spread among the proposals, as they would happen
        List<Runnable> interleaved = new ArrayList<>(subjects.size());
        int proposals = plan.proposals().size();
        int every = Math.max(1, proposals / Math.max(1, plan.meetings().size()));
        int nextMeeting = proposals;
        for (int i = 0; i < proposals; i++) {
            interleaved.add(subjects.get(i));
            if ((i + 1) % every == 0 && nextMeeting < subjects.size()) {
                interleaved.add(subjects.get(nextMeeting++));
            }
        }
        interleaved.addAll(subjects.subList(nextMeeting, subjects.size()));
        runAll(interleaved, total, started, progress);
        Map<String, Integer> retries = new java.util.TreeMap<>();
        retried.forEach((failure, count) -> retries.put(failure, count.get()));
        return new Result(sent.get(), Duration.ofNanos(System.nanoTime() - started), retries);
    }

    private void runAll(List<Runnable> subjects, int total, long started, PrintStream progress) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread thread = new Thread(r, "bench-loader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>(subjects.size());
            subjects.forEach(s -> running.add(pool.submit(s)));
            long lastDrawn = 0;
            for (Future<?> future : running) {
                Waiting.await(future, running, BenchException.class, BenchException::new);
                long now = System.nanoTime();
                if (progress != null && now - lastDrawn > 500_000_000L) {
                    lastDrawn = now;
                    double seconds = (now - started) / 1e9;
                    progress.printf(Locale.ROOT, "\rbench load: %,d/%,d commands  %,.0f commands/s", sent.get(),
                            total, sent.get() / seconds);
                }
            }
            if (progress != null) {
                progress.printf(Locale.ROOT, "\rbench load: %,d/%,d commands%n", sent.get(), total);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    private void send(Object command, String role) {
        MetaData metaData = MetaData.with(ActorMetadata.STAFF_ID, BenchSubjects.STAFF_ID + "-" + role.toLowerCase(Locale.ROOT))
                .and(ActorMetadata.ROLE, role)
                .and(ActorMetadata.WARD_SCOPE, Actor.CITY_WIDE);
        for (int attempt = 1; ; attempt++) {
            try {
                gateway.send(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData))
                        .get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                sent.incrementAndGet();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted", e);
            } catch (ExecutionException e) {
                // A refusal is final. Anything else rolled back and may pass the next time: e.g. a proposal
                // answered while its (past) answer deadline fires, which the deadline store reports as a
                // failure. Retried, and counted, so that the report shows it.
                boolean busy = CommandOutcomes.busy(e.getCause());
                int attempts = busy ? MAX_ATTEMPTS_WHEN_BUSY : MAX_ATTEMPTS;
                if (CommandOutcomes.storedNothing(e.getCause()) || attempt == attempts) {
                    // the command's name and the failure, never its fields (a submission carries a proposer)
                    throw new BenchException(command.getClass().getSimpleName() + " failed: "
                            + e.getCause().getMessage(), e.getCause());
                }
                retried.computeIfAbsent(command.getClass().getSimpleName() + ": " + e.getCause().getMessage()
                        .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "…"), k -> new AtomicInteger()).incrementAndGet();
                if (busy) {
                    pause(Duration.ofMillis(100L * attempt));
                }
            } catch (TimeoutException e) {
                throw new BenchException(command.getClass().getSimpleName() + " took longer than " + COMMAND_TIMEOUT,
                        e);
            }
        }
    }
}
