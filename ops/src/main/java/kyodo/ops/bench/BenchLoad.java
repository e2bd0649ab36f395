package kyodo.ops.bench;

import kyodo.ops.bench.BenchCli.Options;
import kyodo.ops.cli.CatchUp;
import kyodo.ops.cli.ProcessorProgress;
import kyodo.ops.cli.Usage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static kyodo.ops.bench.BenchCli.CATCH_UP_TIMEOUT;
import static kyodo.ops.bench.BenchMeasures.awaitCatchUp;
import static kyodo.ops.bench.BenchMeasures.eventCount;
import static kyodo.ops.bench.BenchMeasures.rss;
import static kyodo.ops.bench.BenchMeasures.seconds;
import static kyodo.ops.bench.BenchMeasures.size;

/**
 * {@code bench load}: starts the platform on its stores (without the web server), loads the planned
 * dataset through the command side in process ({@link BenchLoader}), waits for the read models, stops
 * and reports commands/s, events/s, catch-up, RSS and disk per event.
 */
final class BenchLoad {

    private BenchLoad() {
    }

    static int run(PrintStream out, PrintStream err, Options options) {
        int proposals = options.number("--proposals", 0, 1, 10_000_000);
        int concurrency = options.number("--concurrency", 16, 1, 256);
        int months = options.number("--months", 24, 1, 240);
        long seed = options.number("--seed", 13, 0, Integer.MAX_VALUE);
        String readModels = options.flag("--read-models", "during");
        if (!List.of("during", "after").contains(readModels)) {
            return new Usage("bench", BenchCli.USAGE).refuse(err, "--read-models is during (the projections follow"
                    + " the load) or after (they catch up when it is done)");
        }
        BenchCli.Started started = BenchCli.start(err, options, false);
        if (started == null) {
            return Usage.WRONG;
        }
        ConfigurableApplicationContext context = started.context();
        Map<String, String> figures = new LinkedHashMap<>();
        try {
            ProcessorProgress progress = ProcessorProgress.of(context);
            long before = progress.head();
            long storedBefore = before < 0 ? 0 : eventCount(context, before);
            BenchDataset plan = BenchDataset.plan(proposals, months, seed, context.getBean(Clock.class).instant());
            err.printf(Locale.ROOT, "bench load: %,d proposals, %,d meetings, %,d projects (%,d commands, %d in flight)%n",
                    plan.proposals().size(), plan.meetings().size(), plan.projects().size(), plan.commands(),
                    concurrency);
            // With "after", the projections stand still while the commands go in, and catch up at the end:
            // the load measures the command side alone, and a large data set loads faster.
            List<StreamingEventProcessor> paused = "after".equals(readModels)
                    ? List.copyOf(BenchMeasures.projections(context, progress.streamingProcessors()).values()) : List.of();
            paused.forEach(StreamingEventProcessor::shutDown);
            BenchLoader.Result result = BenchLoader.of(context, concurrency).load(plan, err);
            long head = progress.head();
            double loadSeconds = result.took().toNanos() / 1e9;
            long catchingUp = System.nanoTime();
            if (!paused.isEmpty()) {
                // the projections catch up in one pass, as a replay does, then follow new events again
                err.println("bench load: the read models catch up in one pass");
                boolean caughtUp = CatchUp.catchUp(ProcessorProgress.singlePassReplay(context),
                        List.copyOf(BenchMeasures.projections(context, progress.streamingProcessors()).keySet()),
                        context.getBean(EventStore.class).createHeadToken(), CATCH_UP_TIMEOUT, err);
                paused.forEach(StreamingEventProcessor::start);
                if (!caughtUp) {
                    err.println("bench load: the read models did not catch up within " + CATCH_UP_TIMEOUT);
                    return 1;
                }
            }
            err.println("bench load: waiting for the read models to catch up with event " + head);
            if (!awaitCatchUp(progress.streamingProcessors(), head, CATCH_UP_TIMEOUT, err)) {
                err.println("bench load: the read models did not catch up within " + CATCH_UP_TIMEOUT);
                return 1;
            }
            double catchUp = seconds(catchingUp);
            long stored = eventCount(context, head);
            long events = stored - storedBefore;
            figures.put("proposals / meetings / projects", String.format(Locale.ROOT, "%,d / %,d / %,d",
                    plan.proposals().size(), plan.meetings().size(), plan.projects().size()));
            figures.put("start-up (s)", String.format(Locale.ROOT, "%.1f", started.startUpSeconds()));
            figures.put("commands", String.format(Locale.ROOT, "%,d", result.commands()));
            figures.put("events stored by the load (all in the store)", String.format(Locale.ROOT, "%,d (%,d)",
                    events, stored));
            figures.put("load (s)", String.format(Locale.ROOT, "%.1f", loadSeconds));
            figures.put("commands/s while loading", String.format(Locale.ROOT, "%,.0f", result.commandsPerSecond()));
            figures.put("events/s while loading", String.format(Locale.ROOT, "%,.0f", events / loadSeconds));
            figures.put("commands retried after a failure that was not a refusal", String.valueOf(
                    result.retried().values().stream().mapToInt(Integer::intValue).sum()));
            result.retried().forEach((failure, count) -> err.println("bench load: retried " + count + " × " + failure));
            figures.put("read models caught up after the load (s)", String.format(Locale.ROOT, "%.1f", catchUp));
            figures.put("RSS of this process after the load (MB)", rss("self"));
            figures.put("heap used after the load (MB)", String.format(Locale.ROOT, "%.0f",
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6));
            context.close();
            long bytes = size(started.dataDir());
            figures.put("data directory after stop (MB)", String.format(Locale.ROOT, "%.1f", bytes / 1e6));
            figures.put("disk per event (bytes)", String.format(Locale.ROOT, "%,.0f", bytes / (double) stored));
            out.println();
            out.print(BenchTable.figures(figures));
            out.println("  data directory: " + started.dataDir());
            return 0;
        } finally {
            if (context.isActive()) {
                context.close();
            }
        }
    }
}
