package kyodo.ops.cli;

import kyodo.ops.bench.BenchCli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The commands of the all-in-one jar, chosen by the first word of the command line; a command line
 * that starts with a setting ({@code --name=value}) or is empty starts the server instead.
 */
public final class KyodoCli {

    static final String USAGE = """
            usage: java -jar kyodo.jar [--setting=value …]                 run the platform
                   java -jar kyodo.jar demo load [--url http://host:port]  load the demo and seed dataset
                   java -jar kyodo.jar projections replay [NAME|all]       rebuild read models
                   java -jar kyodo.jar export DIR                          write the public read models as CSV
                   java -jar kyodo.jar audit verify | audit check --url …  check the decision log
                   java -jar kyodo.jar witness --name … --log-key … --state … run a witness of a decision log
                   java -jar kyodo.jar bench load | run | replay …         benchmark (docs/performance.md)
            """;

    private KyodoCli() {
    }

    /** Whether the command line names a command rather than starting the server. */
    public static boolean isCommand(String... args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    /** Runs the command the command line names and returns its exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        List<String> rest = List.of(Arrays.copyOfRange(args, 1, args.length));
        return switch (args[0]) {
            case "audit" -> AuditCli.run(out, args);
            case "witness" -> WitnessCli.run(out, err, rest);
            case "demo" -> DemoCli.run(out, err, rest);
            case "projections" -> ProjectionsCli.run(out, err, rest);
            case "export" -> ExportCli.run(out, err, rest);
            case "bench" -> BenchCli.run(out, err, rest);
            default -> {
                if (!"help".equals(args[0])) {
                    err.println("unknown command " + args[0]);
                }
                err.print(USAGE);
                yield 2;
            }
        };
    }
}
