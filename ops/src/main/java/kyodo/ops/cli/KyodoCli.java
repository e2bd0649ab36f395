package kyodo.ops.cli;

import kyodo.ops.bench.BenchCli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The commands of the all-in-one jar, chosen by the first word of the command line. The server starts
 * only when the command line is empty, holds nothing but settings ({@code --name=value}, as Spring
 * Boot reads them, and its switches {@code --debug} and {@code --trace}), or starts with {@code serve};
 * {@code help}, {@code --help} and {@code -h} print the usage and exit 0; anything else that is not a
 * command (an unknown word or option, a command after settings) is refused with the usage on stderr
 * and exit status 2, and nothing starts.
 */
public final class KyodoCli {

    static final String USAGE = """
            usage: java -jar kyodo.jar [serve] [--setting=value …]         run the platform (e.g. --server.port=9090)
                                                                   (--debug, --trace: the condition report, trace logging; also after a command that starts it)
                   java -jar kyodo.jar demo load [--url http://host:port]  load the demo and seed dataset
                   java -jar kyodo.jar projections replay [NAME|all]       rebuild read models
                   java -jar kyodo.jar export DIR                          write the public read models as CSV
                   java -jar kyodo.jar audit verify | audit check --url …  check the decision log
                   java -jar kyodo.jar witness --name … --log-key … --state … run a witness of a decision log
                   java -jar kyodo.jar bench load | run | replay …         benchmark (docs/performance.md)
                   java -jar kyodo.jar help | --help | -h                  this text
            """;
    private static final String SERVE = "serve";
    private static final List<String> HELP = List.of("help", "--help", "-h");

    private KyodoCli() {
    }

    /**
     * Whether the command line is something other than starting the server: a command, a request for
     * help, or a mistake, all of which {@link #run} answers.
     */
    public static boolean isCommand(String... args) {
        List<String> words = List.of(args);
        return !(words.isEmpty() || allSettings(words) || SERVE.equals(words.get(0))
                && allSettings(words.subList(1, words.size())));
    }

    /** The settings the server starts with, from a command line that is not a command ({@link #isCommand}). */
    public static String[] serverSettings(String... args) {
        return args.length > 0 && SERVE.equals(args[0]) ? Arrays.copyOfRange(args, 1, args.length) : args.clone();
    }

    /** Runs the command the command line names and returns its exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        if (HELP.contains(args[0])) {
            out.print(USAGE);
            return 0;
        }
        String mistake = mistake(List.of(args));
        if (mistake != null) {
            err.println(mistake);
            err.print(USAGE);
            return Usage.WRONG;
        }
        List<String> rest = List.of(Arrays.copyOfRange(args, 1, args.length));
        return switch (args[0]) {
            case "audit" -> AuditCli.run(out, args);
            case "witness" -> WitnessCli.run(out, err, rest);
            case "demo" -> DemoCli.run(out, err, rest);
            case "projections" -> ProjectionsCli.run(out, err, rest);
            case "export" -> ExportCli.run(out, err, rest);
            case "bench" -> BenchCli.run(out, err, rest);
            default -> {
                err.println("unknown command " + args[0]);
                err.print(USAGE);
                yield Usage.WRONG;
            }
        };
    }

    /**
     * What is wrong with a command line that neither starts the server nor begins with a command word,
     * or null when it begins with one (the command then reads the rest itself).
     */
    private static String mistake(List<String> args) {
        String first = args.get(0);
        if (SERVE.equals(first)) {
            String wrong = args.stream().skip(1).filter(arg -> !PlatformArgs.isSetting(arg)).findFirst().orElseThrow();
            return "serve: settings are --name=value, not " + wrong;
        }
        if (PlatformArgs.isSetting(first)) {
            String word = args.stream().filter(arg -> !PlatformArgs.isSetting(arg)).findFirst().orElseThrow();
            return "unexpected " + word + " after settings: a command comes first, its settings after it";
        }
        return first.startsWith("-") ? "unknown option " + first : null;
    }

    private static boolean allSettings(List<String> words) {
        return words.stream().allMatch(PlatformArgs::isSetting);
    }

}
