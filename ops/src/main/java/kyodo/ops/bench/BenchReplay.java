package kyodo.ops.bench;

import kyodo.ops.bench.BenchCli.Options;
import kyodo.ops.bench.BenchMeasures.RawScan;
import kyodo.ops.cli.CatchUp;
import kyodo.ops.cli.ProcessorProgress;
import kyodo.ops.cli.ProjectionsCli;
import kyodo.ops.cli.Usage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static kyodo.ops.bench.BenchCli.CATCH_UP_TIMEOUT;
import static kyodo.ops.bench.BenchMeasures.awaitCatchUp;
import static kyodo.ops.bench.BenchMeasures.eventCount;
import static kyodo.ops.bench.BenchMeasures.processCpuNanos;
import static kyodo.ops.bench.BenchMeasures.rawScan;
import static kyodo.ops.bench.BenchMeasures.seconds;
import static kyodo.ops.bench.BenchMeasures.size;

/**
 * {@code bench replay}: starts the platform on loaded stores with its web server (the start-up time),
 * lets the processors finish, then rebuilds every projection in one pass, as {@code projections replay
 * all} does, and reports the rate beside a raw scan of the event table, the CPU time, and disk per event.
 */
final class BenchReplay {

    private BenchReplay() {
    }

    static int run(PrintStream out, PrintStream err, Options options) {
        // the settings `projections replay` runs with, so that the figures are that command's
        BenchCli.Started started = BenchCli.start(err, new Options(options.verb(), options.flags(),
                ProjectionsCli.replaySettings(options.settings())), true);
        if (started == null) {
            return Usage.WRONG;
        }
        ConfigurableApplicationContext context = started.context();
        try {
            ProcessorProgress progress = ProcessorProgress.of(context);
            Map<String, StreamingEventProcessor> streaming = progress.streamingProcessors();
            long head = progress.head();
            // let the processors finish what they had left before the replay is timed
            if (!awaitCatchUp(streaming, head, CATCH_UP_TIMEOUT, null)) {
                err.println("bench replay: the read models did not catch up before the replay");
                return 1;
            }
            RawScan raw = rawScan(context);
            Map<String, StreamingEventProcessor> projections = BenchMeasures.projections(context, streaming);
            long replaying = System.nanoTime();
            long cpuBefore = processCpuNanos();
            err.println("bench replay: replaying " + projections.size() + " projections up to event " + head
                    + " in one pass");
            // what `projections replay all` does: reset, one pass over the store, processors started again
            try {
                if (!CatchUp.rebuild(ProcessorProgress.singlePassReplay(context), List.copyOf(projections.keySet()),
                        head, CATCH_UP_TIMEOUT, err) || !awaitCatchUp(projections, head, CATCH_UP_TIMEOUT, null)) {
                    err.println("bench replay: not finished within " + CATCH_UP_TIMEOUT);
                    return 1;
                }
            } catch (RuntimeException e) {
                err.println("bench replay: the replay failed: " + e.getMessage());
                return 1;
            }
            double replay = seconds(replaying);
            double cpu = (processCpuNanos() - cpuBefore) / 1e9;
            long stored = eventCount(context, head);
            context.close();
            long bytes = size(started.dataDir());
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("events in the store", String.format(Locale.ROOT, "%,d", stored));
            figures.put("start-up (s)", String.format(Locale.ROOT, "%.1f", started.startUpSeconds()));
            figures.put("projections replayed", String.valueOf(projections.size()));
            figures.put("replay all (s)", String.format(Locale.ROOT, "%.1f", replay));
            if (cpu > 0) {
                // on a shared machine the wall time depends on the neighbours; the CPU time much less
                figures.put("replay, CPU time of the process (s)", String.format(Locale.ROOT, "%.1f", cpu));
            }
            figures.put("replay (events/s, every projection reading each event)",
                    String.format(Locale.ROOT, "%,.0f", stored / replay));
            if (raw != null) {
                figures.put("raw scan of the event table (events/s)", String.format(Locale.ROOT, "%,.0f",
                        raw.rows() / raw.seconds()));
                figures.put("replay / raw scan", String.format(Locale.ROOT, "%.1f %%",
                        100.0 * (stored / replay) / (raw.rows() / raw.seconds())));
                figures.put("payload + metadata per event (bytes)", String.format(Locale.ROOT, "%,.0f",
                        raw.bytes() / (double) Math.max(1, raw.rows())));
            }
            figures.put("data directory after stop (MB)", String.format(Locale.ROOT, "%.1f", bytes / 1e6));
            figures.put("disk per event (bytes)", String.format(Locale.ROOT, "%,.0f", bytes / (double) stored));
            out.println();
            out.print(BenchTable.figures(figures));
            return 0;
        } finally {
            if (context.isActive()) {
                context.close();
            }
        }
    }
}
