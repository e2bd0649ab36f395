package kyodo.ops.bench;

import kyodo.ops.cli.CommandLine;
import kyodo.ops.cli.DemoCli;
import kyodo.ops.cli.PlatformArgs;
import kyodo.ops.cli.Usage;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
                                                 [--data-dir DIR] [--driver java|wrk] [--warmup 5s]
                                                 [--rows NAME,…] [--cpu-of PID]
                     (the password from --password-file or KYODO_PASSWORD; the driver creates the accounts
                      bench-staff and bench-analyst there; without --user it drives the public reads only;
                      --driver wrk drives the reads with the program wrk, the commands always in Java;
                      each row runs --warmup long unmeasured first, 0s for none (a command row with
                      commands of its own: answers on other acknowledged proposals than the measured
                      ones, the warm-up ending early when those run out); --rows runs only
                      the named rows of health, ward, search, page, dashboard, analytics, home, list,
                      proposal, submit, acknowledge, append, answer, with the command rows they feed on;
                      --cpu-of adds the CPU per request of that local server process to each row, waiting
                      for it to go quiet before and after the row)
                   java -jar kyodo.jar bench replay [--data-dir DIR] [--setting=value …]
            """;
    static final Duration CATCH_UP_TIMEOUT = Duration.ofHours(2);

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
            "run", List.of("--url", "--duration", "--connections", "--user", "--password-file", "--pid", "--data-dir",
                    "--driver", "--warmup", "--rows", "--cpu-of"),
            "replay", List.of("--data-dir"));

    /**
     * Runs {@code bench …} and returns the exit status.
     *
     * @param args the command line after {@code bench}
     */
    public static int run(PrintStream out, PrintStream err, List<String> args) {
        Options options = new Usage("bench", USAGE).parse(err, () -> parse(args)).orElse(null);
        if (options == null) {
            return Usage.WRONG;
        }
        try {
            return switch (options.verb()) {
                case "load" -> BenchLoad.run(out, err, options);
                case "run" -> drive(out, err, options);
                default -> BenchReplay.run(out, err, options);
            };
        } catch (IllegalArgumentException e) {
            return new Usage("bench " + options.verb(), USAGE).refuse(err, e.getMessage());
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
        // bench run drives a server that runs elsewhere, with its own settings
        CommandLine line = CommandLine.read(args, 1, FLAGS.get(verb), !"run".equals(verb));
        Map<String, String> flags = line.flags();
        if ("load".equals(verb) && !flags.containsKey("--proposals")) {
            throw new IllegalArgumentException("how many? (--proposals N)");
        }
        if ("run".equals(verb) && !flags.containsKey("--url")) {
            throw new IllegalArgumentException("which server? (--url http://host:port)");
        }
        if (!List.of("java", "wrk").contains(flags.getOrDefault("--driver", "java"))) {
            throw new IllegalArgumentException("--driver is java (the driver's own clients) or wrk");
        }
        if (flags.containsKey("--rows")) {
            rows(flags.get("--rows"));
        }
        if (flags.containsKey("--password-file") && !flags.containsKey("--user")) {
            throw new IllegalArgumentException("--password-file goes with --user");
        }
        return new Options(verb, flags, line.settings());
    }

    private static int drive(PrintStream out, PrintStream err, Options options) {
        URI url = DemoCli.url(options.flag("--url", null));
        Duration duration = duration(options.flag("--duration", "30s"));
        int connections = options.number("--connections", 50, 1, 1000);
        String user = options.flag("--user", null);
        String password = user == null ? null
                : CommandLine.password(options.flags().containsKey("--password-file")
                        ? Path.of(options.flag("--password-file", null)) : null);
        Path wrk = "wrk".equals(options.flag("--driver", "java")) ? WrkRow.find() : null;
        Duration warmup = duration("--warmup", options.flag("--warmup", "5s"), true);
        Set<String> selected = options.flags().containsKey("--rows") ? rows(options.flag("--rows", null))
                : Set.copyOf(LoadDriver.ROWS);
        String cpuOf = options.flags().containsKey("--cpu-of")
                ? String.valueOf(options.number("--cpu-of", 0, 1, Integer.MAX_VALUE)) : null;
        LoadDriver driver = new LoadDriver(new LoadDriver.Options(url, duration, warmup, connections, user, password,
                wrk, selected, cpuOf));
        List<LoadRow> rows = driver.run(err);
        out.println();
        out.print(BenchTable.latencies(rows, connections));
        Map<String, String> figures = new LinkedHashMap<>();
        err.println("bench run: raw insert+commit of event rows into a scratch H2 file, " + connections + " threads");
        figures.put("raw insert+commit of event rows, " + connections + " threads (rows/s)",
                String.format(Locale.ROOT, "%,.0f", RawInsert.rowsPerSecond(connections,
                        duration.toMillis())));
        if (options.flags().containsKey("--pid")) {
            figures.put("RSS of the server (MB)", BenchMeasures.rss(String.valueOf(options.number("--pid", 0, 1, Integer.MAX_VALUE))));
        }
        if (options.flags().containsKey("--data-dir")) {
            figures.put("data directory (MB)", String.format(Locale.ROOT, "%.1f",
                    BenchMeasures.size(Path.of(options.flag("--data-dir", null))) / 1e6));
        }
        if (!figures.isEmpty()) {
            out.println();
            out.print(BenchTable.figures(figures));
        }
        return 0;
    }

    /**
     * The platform a bench command measures, started on the operator's settings with --data-dir as
     * kyodo.data-dir.
     *
     * @param startUpSeconds from the call to a started platform
     * @param dataDir        the data directory it runs on, whose size is measured after it stops
     */
    record Started(ConfigurableApplicationContext context, double startUpSeconds, Path dataDir) {
    }

    /** Starts the platform for a bench command, with its web server or without; null when it could not start. */
    static Started start(PrintStream err, Options options, boolean web) {
        PlatformArgs platform = web
                ? new PlatformArgs(options.settings()).force("--kyodo.demo.load", "false")
                        .orElse("--server.port", "0").quiet("ERROR")
                : PlatformArgs.offline(options.settings());
        if (options.flags().containsKey("--data-dir")) {
            platform.force("--kyodo.data-dir", options.flag("--data-dir", null));
        }
        long starting = System.nanoTime();
        ConfigurableApplicationContext context = platform.start("bench", err);
        return context == null ? null
                : new Started(context, BenchMeasures.seconds(starting), BenchMeasures.dataDir(context));
    }

    /** The names of {@code --rows}, each one of {@link LoadDriver#ROWS}. */
    static Set<String> rows(String names) {
        Set<String> rows = new LinkedHashSet<>();
        for (String name : names.split(",", -1)) {
            String row = name.trim().toLowerCase(Locale.ROOT);
            if (!LoadDriver.ROWS.contains(row)) {
                throw new IllegalArgumentException("--rows names rows of " + String.join(", ", LoadDriver.ROWS)
                        + ", not " + (row.isEmpty() ? "an empty name" : row));
            }
            rows.add(row);
        }
        return rows;
    }

    static Duration duration(String value) {
        return duration("--duration", value, false);
    }

    /** A duration as an operator writes it ({@code 30s}, {@code 500ms}, {@code 2m}), at most an hour. */
    static Duration duration(String flag, String value, boolean zeroAllowed) {
        try {
            Duration duration = value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value))
                    : value.matches("\\d+ms") ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
                    : Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
            if (!duration.isNegative() && (zeroAllowed || !duration.isZero())
                    && duration.compareTo(Duration.ofHours(1)) <= 0) {
                return duration;
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(flag + " must be like 30s, 500ms or 2m (at most 1h), not " + value);
    }
}
