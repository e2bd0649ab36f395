package kyodo.ops.bench;

import kyodo.ops.KyodoApplication;
import kyodo.ops.cli.CatchUp;
import kyodo.ops.cli.DemoCli;
import kyodo.ops.cli.ProcessorProgress;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code bench …}: the benchmark harness of {@code docs/performance.md}.
 * <ul>
 * <li>{@code bench load --proposals N [--data-dir D]} starts the platform on its stores (without the
 * web server), loads N proposals with their lifecycles, meetings and projects through the command
 * side in process ({@link BenchLoader}), waits for the read models, stops and reports commands/s,
 * events/s, catch-up, RSS and disk per event.</li>
 * <li>{@code bench run --url http://host:port [--duration 30s] [--connections 50] [--user ADMIN]}
 * drives a running server over HTTP ({@link LoadDriver}) and prints p50/p95/p99 and throughput per
 * read and per command kind; {@code --pid} adds the server's RSS, {@code --data-dir} its disk.</li>
 * <li>{@code bench replay [--data-dir D]} starts the platform on loaded stores and reports start-up
 * time, disk per event, and the rate at which every projection is rebuilt (in one pass, as
 * {@code projections replay all} does), beside a raw scan of the event table.</li>
 * </ul>
 * With the embedded stores, stop a server on the same data directory before {@code load} or
 * {@code replay}. Exit status 0 when done, 1 when a step failed, 2 on bad usage.
 */
public final class BenchCli {

    static final String USAGE = """
            usage: java -jar kyodo.jar bench load --proposals N [--data-dir DIR] [--concurrency C] [--months M]
                                                  [--seed S] [--read-models during|after] [--setting=value …]
                   java -jar kyodo.jar bench run --url http://host:port [--duration 30s] [--connections 50]
                                                 [--user ADMIN_ACCOUNT [--password-file FILE]] [--pid PID]
                                                 [--data-dir DIR]
                     (the password from --password-file or KYODO_PASSWORD; the driver creates the accounts
                      bench-staff and bench-analyst there; without --user it drives the public reads only)
                   java -jar kyodo.jar bench replay [--data-dir DIR] [--setting=value …]
            """;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofHours(2);
    private static final String PROJECTION_PACKAGE = "kyodo.query";

    private BenchCli() {
    }

    /** The options of a {@code bench} command line: flags with a value, and platform settings. */
    record Options(String verb, Map<String, String> flags, List<String> settings) {

        String flag(String name, String otherwise) {
            return flags.getOrDefault(name, otherwise);
        }

        int number(String name, int otherwise, int min, int max) {
            String value = flags.get(name);
            if (value == null) {
                return otherwise;
            }
            try {
                int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
        }
    }

    private static final Map<String, List<String>> FLAGS = Map.of(
            "load", List.of("--proposals", "--data-dir", "--concurrency", "--months", "--seed", "--read-models"),
            "run", List.of("--url", "--duration", "--connections", "--user", "--password-file", "--pid", "--data-dir"),
            "replay", List.of("--data-dir"));

    /**
     * Runs {@code bench …} and returns the exit status.
     *
     * @param args the command line after {@code bench}
     */
    public static int run(PrintStream out, PrintStream err, List<String> args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (options.verb()) {
                case "load" -> load(out, err, options);
                case "run" -> drive(out, err, options);
                default -> replay(out, err, options);
            };
        } catch (IllegalArgumentException e) {
            err.println("bench " + options.verb() + ": " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (BenchException e) {
            err.println("bench " + options.verb() + ": failed: " + e.getMessage());
            return 1;
        }
    }

    static Options parse(List<String> args) {
        if (args.isEmpty() || !FLAGS.containsKey(args.get(0))) {
            throw new IllegalArgumentException(args.isEmpty() ? "what to do? (load, run, replay)"
                    : "unknown command " + args.get(0));
        }
        String verb = args.get(0);
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> settings = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!FLAGS.get(verb).contains(name)) {
                if (!arg.startsWith("--") || !arg.contains("=") || "run".equals(verb)) {
                    throw new IllegalArgumentException("unexpected " + arg);
                }
                settings.add(arg);
                continue;
            }
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                    : i + 1 < args.size() ? args.get(++i) : null;
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            flags.put(name, value);
        }
        if ("load".equals(verb) && !flags.containsKey("--proposals")) {
            throw new IllegalArgumentException("how many? (--proposals N)");
        }
        if ("run".equals(verb) && !flags.containsKey("--url")) {
            throw new IllegalArgumentException("which server? (--url http://host:port)");
        }
        if (flags.containsKey("--password-file") && !flags.containsKey("--user")) {
            throw new IllegalArgumentException("--password-file goes with --user");
        }
        return new Options(verb, Map.copyOf(flags), List.copyOf(settings));
    }

    private static int load(PrintStream out, PrintStream err, Options options) {
        int proposals = options.number("--proposals", 0, 1, 10_000_000);
        int concurrency = options.number("--concurrency", 16, 1, 256);
        int months = options.number("--months", 24, 1, 240);
        long seed = options.number("--seed", 13, 0, Integer.MAX_VALUE);
        String readModels = options.flag("--read-models", "during");
        if (!List.of("during", "after").contains(readModels)) {
            err.println("bench: --read-models is during (the projections follow the load) or after (they catch up"
                    + " when it is done)");
            err.print(USAGE);
            return 2;
        }
        List<String> settings = platform(options, false);
        long starting = System.nanoTime();
        ConfigurableApplicationContext context = start(err, settings);
        if (context == null) {
            return 2;
        }
        double startUp = seconds(starting);
        Path dataDir = dataDir(context);
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
                    ? List.copyOf(projections(context, progress.streamingProcessors()).values()) : List.of();
            paused.forEach(StreamingEventProcessor::shutDown);
            BenchLoader.Result result = BenchLoader.of(context, concurrency).load(plan, err);
            paused.forEach(StreamingEventProcessor::start);
            long head = progress.head();
            double loadSeconds = result.took().toNanos() / 1e9;
            long catchingUp = System.nanoTime();
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
            figures.put("start-up (s)", String.format(Locale.ROOT, "%.1f", startUp));
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
            long bytes = size(dataDir);
            figures.put("data directory after stop (MB)", String.format(Locale.ROOT, "%.1f", bytes / 1e6));
            figures.put("disk per event (bytes)", String.format(Locale.ROOT, "%,.0f", bytes / (double) stored));
            out.println();
            out.print(BenchTable.figures(figures));
            out.println("  data directory: " + dataDir);
            return 0;
        } finally {
            if (context.isActive()) {
                context.close();
            }
        }
    }

    private static int drive(PrintStream out, PrintStream err, Options options) {
        URI url = DemoCli.url(options.flag("--url", null));
        Duration duration = duration(options.flag("--duration", "30s"));
        int connections = options.number("--connections", 50, 1, 1000);
        String user = options.flag("--user", null);
        String password = user == null ? null : password(options);
        LoadDriver driver = new LoadDriver(new LoadDriver.Options(url, duration, connections, user, password));
        List<LoadDriver.Row> rows = driver.run(err);
        out.println();
        out.print(BenchTable.latencies(rows, connections));
        Map<String, String> figures = new LinkedHashMap<>();
        err.println("bench run: raw insert+commit of event rows into a scratch H2 file, " + connections + " threads");
        figures.put("raw insert+commit of event rows, " + connections + " threads (rows/s)",
                String.format(Locale.ROOT, "%,.0f", RawInsert.rowsPerSecond(connections,
                        duration.toMillis())));
        if (options.flags().containsKey("--pid")) {
            figures.put("RSS of the server (MB)", rss(String.valueOf(options.number("--pid", 0, 1, Integer.MAX_VALUE))));
        }
        if (options.flags().containsKey("--data-dir")) {
            figures.put("data directory (MB)", String.format(Locale.ROOT, "%.1f",
                    size(Path.of(options.flag("--data-dir", null))) / 1e6));
        }
        if (!figures.isEmpty()) {
            out.println();
            out.print(BenchTable.figures(figures));
        }
        return 0;
    }

    private static int replay(PrintStream out, PrintStream err, Options options) {
        List<String> settings = platform(options, true);
        long starting = System.nanoTime();
        ConfigurableApplicationContext context = start(err, settings);
        if (context == null) {
            return 2;
        }
        double startUp = seconds(starting);
        Path dataDir = dataDir(context);
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
            Map<String, StreamingEventProcessor> projections = new LinkedHashMap<>();
            for (String name : context.getBeanNamesForAnnotation(ProcessingGroup.class)) {
                Class<?> type = context.getType(name);
                if (type != null && type.getPackageName().startsWith(PROJECTION_PACKAGE)) {
                    String group = Objects.requireNonNull(context.findAnnotationOnBean(name, ProcessingGroup.class))
                            .value();
                    if (streaming.containsKey(group)) {
                        projections.put(group, streaming.get(group));
                    }
                }
            }
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
            long bytes = size(dataDir);
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("events in the store", String.format(Locale.ROOT, "%,d", stored));
            figures.put("start-up (s)", String.format(Locale.ROOT, "%.1f", startUp));
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

    /** CPU time this process has used (all threads), or 0 where the JVM does not say. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    /** The platform's settings for a bench command: the operator's, with --data-dir as kyodo.data-dir. */
    private static List<String> platform(Options options, boolean web) {
        List<String> settings = new ArrayList<>(options.settings());
        if (options.flags().containsKey("--data-dir")) {
            settings.removeIf(s -> s.startsWith("--kyodo.data-dir="));
            settings.add("--kyodo.data-dir=" + options.flag("--data-dir", null));
        }
        settings.removeIf(s -> s.startsWith("--kyodo.demo.load="));
        settings.add("--kyodo.demo.load=false");
        if (!web) {
            settings.removeIf(s -> s.startsWith("--spring.main.web-application-type="));
            settings.add("--spring.main.web-application-type=none");
        } else if (settings.stream().noneMatch(s -> s.startsWith("--server.port="))) {
            settings.add("--server.port=0");
        }
        for (String[] quiet : new String[][]{{"--spring.main.banner-mode", "off"}, {"--logging.level.root", "ERROR"}}) {
            if (settings.stream().noneMatch(s -> s.startsWith(quiet[0] + "="))) {
                settings.add(quiet[0] + "=" + quiet[1]);
            }
        }
        return settings;
    }

    private static ConfigurableApplicationContext start(PrintStream err, List<String> settings) {
        try {
            return KyodoApplication.start(settings.toArray(String[]::new));
        } catch (RuntimeException e) {
            err.println("bench: cannot start on these stores: " + e.getMessage());
            return null;
        }
    }

    /** What a plain read of every row of the event table took: the ceiling a replay is compared with. */
    private record RawScan(long rows, long bytes, double seconds) {
    }

    /**
     * Reads every event's payload and metadata in order straight from the event table (JDBC store
     * only; null on another store), as fast as JDBC gives them.
     */
    private static RawScan rawScan(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = context.getBeanProvider(JdbcTemplate.class).getIfAvailable();
        if (jdbc == null) {
            return null;
        }
        long started = System.nanoTime();
        long[] rowsAndBytes = new long[2];
        JdbcTemplate scan = new JdbcTemplate(Objects.requireNonNull(jdbc.getDataSource()));
        scan.setFetchSize(1_000);
        try {
            scan.query("SELECT globalIndex, payload, metaData FROM DomainEventEntry ORDER BY globalIndex", row -> {
                rowsAndBytes[0]++;
                byte[] payload = row.getBytes(2);
                byte[] metaData = row.getBytes(3);
                rowsAndBytes[1] += (payload == null ? 0 : payload.length) + (metaData == null ? 0 : metaData.length);
            });
        } catch (DataAccessException e) {
            return null;
        }
        return new RawScan(rowsAndBytes[0], rowsAndBytes[1], Math.max(1e-9, seconds(started)));
    }

    /**
     * Events in the store: counted in the event table on the JDBC store (its positions may have gaps),
     * else the head position + 1.
     */
    private static long eventCount(ConfigurableApplicationContext context, long head) {
        JdbcTemplate jdbc = context.getBeanProvider(JdbcTemplate.class).getIfAvailable();
        if (jdbc == null) {
            return head + 1;
        }
        try {
            Long count = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
            return count == null ? head + 1 : count;
        } catch (DataAccessException e) {
            return head + 1;
        }
    }

    private static Path dataDir(ConfigurableApplicationContext context) {
        return Path.of(context.getEnvironment().getProperty("kyodo.data-dir", "data")).toAbsolutePath().normalize();
    }

    /**
     * Waits until every processor has handled the head, drawing events handled and events/s.
     *
     * @return whether they caught up in time
     */
    static boolean awaitCatchUp(Map<String, StreamingEventProcessor> processors, long head, Duration timeout,
                                PrintStream progress) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (!ProcessorProgress.caughtUp(processors.values(), head)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (progress != null) {
                long handled = processors.values().stream()
                        .mapToLong(p -> Math.min(ProcessorProgress.position(p), head) + 1).sum();
                progress.printf(Locale.ROOT, "\r  %,d/%,d events handled over %d processors, %.0f s", handled,
                        (head + 1) * processors.size(), processors.size(), seconds(started));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (progress != null) {
            progress.println();
        }
        return true;
    }

    /** VmRSS of a local process ({@code self} for this one), in MB, from {@code /proc}. */
    static String rss(String pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", pid, "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> String.format(Locale.ROOT, "%.0f",
                            Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0))
                    .orElse("not reported");
        } catch (IOException e) {
            return "not readable (" + pid + " is not a local process)";
        }
    }

    /** Bytes of every file under a directory; 0 when it does not exist. */
    static long size(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new BenchException("cannot measure " + dir + ": " + e.getMessage(), e);
        }
    }

    static Duration duration(String value) {
        try {
            Duration duration = value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value))
                    : value.matches("\\d+ms") ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
                    : Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
            if (!duration.isNegative() && !duration.isZero() && duration.compareTo(Duration.ofHours(1)) <= 0) {
                return duration;
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--duration must be like 30s, 500ms or 2m (at most 1h), not " + value);
    }

    private static String password(Options options) {
        String file = options.flag("--password-file", null);
        if (file != null) {
            try {
                return Files.readString(Path.of(file)).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --password-file " + file);
            }
        }
        String fromEnvironment = System.getenv("KYODO_PASSWORD");
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            throw new IllegalArgumentException("no password for --user: use --password-file or KYODO_PASSWORD");
        }
        return fromEnvironment;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The streaming processors of the query side's projections, by processing group. */
    private static Map<String, StreamingEventProcessor> projections(ConfigurableApplicationContext context,
                                                                    Map<String, StreamingEventProcessor> streaming) {
        Map<String, StreamingEventProcessor> projections = new LinkedHashMap<>();
        for (String name : context.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            Class<?> type = context.getType(name);
            if (type != null && type.getPackageName().startsWith(PROJECTION_PACKAGE)) {
                String group = Objects.requireNonNull(context.findAnnotationOnBean(name, ProcessingGroup.class))
                        .value();
                if (streaming.containsKey(group)) {
                    projections.put(group, streaming.get(group));
                }
            }
        }
        return projections;
    }
}
