package kyodo.ops.bench;

import kyodo.ops.bench.BenchCli.Options;
import kyodo.ops.bench.BenchMeasures.RawScan;
import kyodo.ops.cli.CatchUp;
import kyodo.ops.cli.ProcessorProgress;
import kyodo.ops.cli.ProjectionsCli;
import kyodo.ops.cli.ReplayFailure;
import kyodo.ops.cli.Usage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The rate counts the events the replay read, up to the head it replays to. A set whose deadlines fell
 * due while it lay stopped (overdue proposals) gets events appended by this run, as the start or soon
 * after it fires them: the report names them apart from the set's own.
 */
final class BenchReplay {

    private BenchReplay() {
    }

    static int run(PrintStream out, PrintStream err, Options options) {
        // an event stamped from here on was appended by this run, not loaded with the set
        Instant starting = Instant.now();
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
            long read = eventsUpTo(context, head);
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
            } catch (RuntimeException | OutOfMemoryError e) {
                err.println("bench replay: the replay failed: " + ReplayFailure.describe(e));
                return 1;
            }
            double replay = seconds(replaying);
            double cpu = (processCpuNanos() - cpuBefore) / 1e9;
            long stored = eventCount(context, head);
            long appended = appendedSince(context, starting);
            context.close();
            long bytes = size(started.dataDir());
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("events in the store before the start", String.format(Locale.ROOT, "%,d", stored - appended));
            if (appended > 0) {
                figures.put("events appended while it ran (deadlines that fell due)",
                        String.format(Locale.ROOT, "%,d", appended));
            }
            figures.put("events the replay read", String.format(Locale.ROOT, "%,d", read));
            figures.put("start-up (s)", String.format(Locale.ROOT, "%.1f", started.startUpSeconds()));
            figures.put("projections replayed", String.valueOf(projections.size()));
            figures.put("replay all (s)", String.format(Locale.ROOT, "%.1f", replay));
            if (cpu > 0) {
                // on a shared machine the wall time depends on the neighbours; the CPU time much less
                figures.put("replay, CPU time of the process (s)", String.format(Locale.ROOT, "%.1f", cpu));
            }
            figures.put("replay (events/s, every projection reading each event)",
                    String.format(Locale.ROOT, "%,.0f", read / replay));
            if (raw != null) {
                figures.put("raw scan of the event table (events/s)", String.format(Locale.ROOT, "%,.0f",
                        raw.rows() / raw.seconds()));
                figures.put("replay / raw scan", String.format(Locale.ROOT, "%.1f %%",
                        100.0 * (read / replay) / (raw.rows() / raw.seconds())));
                figures.put("payload + metadata per event (bytes)", String.format(Locale.ROOT, "%,.0f",
                        raw.bytes() / (double) Math.max(1, raw.rows())));
            }
            figures.put("data directory after stop (MB)", String.format(Locale.ROOT, "%.1f", bytes / 1e6));
            // the directory holds every event stored by the stop, those appended during the run included
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

    /**
     * The events the replay reads: those up to the head it replays to (JDBC store; else {@code head + 1},
     * positions counting from 0).
     */
    static long eventsUpTo(ConfigurableApplicationContext context, long head) {
        JdbcTemplate jdbc = context.getBeanProvider(JdbcTemplate.class).getIfAvailable();
        try {
            Long count = jdbc == null ? null : jdbc.queryForObject(
                    "SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex <= ?", Long.class, head);
            return count == null ? head + 1 : count;
        } catch (DataAccessException e) {
            return head + 1;
        }
    }

    /**
     * The events stamped at or after {@code since}: those this run appended (JDBC store; else 0). Axon
     * writes the stamp as ISO-8601 text of 3 to 9 fraction digits, which orders as text only to the
     * minute: the table gives those from that minute on, and their instants decide.
     */
    static long appendedSince(ConfigurableApplicationContext context, Instant since) {
        JdbcTemplate jdbc = context.getBeanProvider(JdbcTemplate.class).getIfAvailable();
        if (jdbc == null) {
            return 0;
        }
        String minute = since.truncatedTo(ChronoUnit.MINUTES).toString().substring(0, "yyyy-MM-ddTHH:mm".length());
        try {
            return jdbc.queryForList("SELECT timeStamp FROM DomainEventEntry WHERE timeStamp >= ?", String.class,
                    minute).stream().filter(stamp -> !Instant.parse(stamp).isBefore(since)).count();
        } catch (DataAccessException e) {
            return 0;
        }
    }
}
