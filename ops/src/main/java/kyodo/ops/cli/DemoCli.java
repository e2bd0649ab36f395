package kyodo.ops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.StoreInUse;
import kyodo.ops.demo.DemoClient;
import kyodo.ops.demo.DemoSettings;
import kyodo.ops.demo.SeedLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code demo load}: loads the demo and seed dataset through the command API ({@link SeedLoader}).
 * <ul>
 * <li>{@code java -jar kyodo.jar demo load [--kyodo.data-dir=…] [other settings]} starts the
 * platform on its stores (on a free port unless {@code --server.port} is given), loads, waits until
 * the read models have caught up, prints a summary and stops. With the embedded stores, stop a
 * running server on the same data directory first (it holds the files).</li>
 * <li>{@code java -jar kyodo.jar demo load --url http://host:port} loads into a running server,
 * acting as {@link DemoClient} says; it cannot see that server's read models, which catch up on
 * their own.</li>
 * </ul>
 * Exit status 0 when loaded, 1 when the server refused part of the dataset, 2 on bad usage or
 * when the platform cannot start.
 */
public final class DemoCli {

    static final String USAGE = """
            usage: java -jar kyodo.jar demo load [--concurrency N] [--kyodo.data-dir=DIR] [--setting=value …]
                   java -jar kyodo.jar demo load --url http://host:port --user ADMIN_ACCOUNT
                                                 [--password-file FILE] [--concurrency N]
                     (the password from --password-file or KYODO_PASSWORD; the loader creates its
                      own demo-* accounts there through /api/admin/accounts)
            """;
    private static final int DEFAULT_CONCURRENCY = 6;

    private DemoCli() {
    }

    /** What {@code demo load …} was asked to do. */
    record Options(URI url, int concurrency, List<String> settings, String user, Path passwordFile) {
    }

    /**
     * Runs {@code demo …} and returns the exit status.
     *
     * @param args the command line after {@code demo}
     */
    static int run(PrintStream out, PrintStream err, List<String> args) {
        Options options = new Usage("demo", USAGE).parse(err, () -> parse(args)).orElse(null);
        if (options == null) {
            return Usage.WRONG;
        }
        try {
            return options.url() != null ? loadInto(out, options) : startAndLoad(out, err, options);
        } catch (WebClientRequestException e) {
            err.println("demo load: cannot reach " + e.getUri() + ": " + e.getMostSpecificCause().getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("demo load: failed: " + e.getMessage());
            return 1;
        }
    }

    static Options parse(List<String> args) {
        if (args.isEmpty() || !"load".equals(args.get(0))) {
            throw new IllegalArgumentException(args.isEmpty() ? "what to do? (load)" : "unknown command " + args.get(0));
        }
        CommandLine line = CommandLine.read(args, 1, List.of("--url", "--concurrency", "--user", "--password-file"),
                true);
        Map<String, String> flags = line.flags();
        URI url = flags.containsKey("--url") ? url(flags.get("--url")) : null;
        String user = flags.get("--user");
        Path passwordFile = flags.containsKey("--password-file") ? Path.of(flags.get("--password-file")) : null;
        int concurrency = flags.containsKey("--concurrency") ? concurrency(flags.get("--concurrency"))
                : DEFAULT_CONCURRENCY;
        List<String> settings = line.settings();
        if (url != null && user == null) {
            throw new IllegalArgumentException("--url needs --user, an ADMIN account of that server (password in "
                    + "--password-file or the KYODO_PASSWORD environment variable)");
        }
        if (url == null && (user != null || passwordFile != null)) {
            throw new IllegalArgumentException("--user and --password-file go with --url");
        }
        if (url != null && !settings.isEmpty()) {
            throw new IllegalArgumentException("with --url the server's own settings apply; " + settings.get(0)
                    + " would be ignored");
        }
        return new Options(url, concurrency, settings, user, passwordFile);
    }

    /** A server's {@code --url}: http(s) with a host, or refused (also used by {@code bench run}). */
    public static URI url(String value) {
        try {
            URI url = URI.create(value);
            if (url.getHost() != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalArgumentException("--url must be like http://host:port, not " + value);
    }

    private static int concurrency(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--concurrency must be a whole number from 1 to 64");
    }

    private static int loadInto(PrintStream out, Options options) {
        SeedLoader loader = new SeedLoader(DemoClient.throughAdministrator(options.url().toString(),
                options.user(), CommandLine.password(options.passwordFile())), new ObjectMapper(), options.concurrency());
        SeedLoader.Summary summary = loader.load();
        out.println(summary.render());
        out.println("  into " + options.url() + " (its read models catch up on their own)");
        loader.leftOut().ifPresent(line -> out.println("  " + line));
        return 0;
    }

    private static int startAndLoad(PrintStream out, PrintStream err, Options options) {
        return new PlatformArgs(options.settings())
                .force("--kyodo.demo.load", "false")
                .orElse("--server.port", "0")
                .quiet("WARN")
                .orElse("--logging.level.kyodo.ops.demo", "INFO")
                .run("demo load", err, context -> loadInto(context, options, out, err));
    }

    private static int loadInto(ConfigurableApplicationContext context, Options options, PrintStream out,
                                PrintStream err) {
        SeedLoader.Summary summary = SeedLoader.inProcess(context, options.concurrency()).load();
        ProcessorProgress progress = ProcessorProgress.of(context);
        long head = progress.head();
        Duration timeout = context.getBean(DemoSettings.class).catchUpTimeout();
        err.println("waiting for the read models to catch up with event " + head);
        if (!CatchUp.await(progress.streamingProcessors(), head, timeout, err)) {
            out.println(summary.render());
            err.println("demo load: the read models did not catch up within " + timeout
                    + "; they continue at the next start");
            return 1;
        }
        out.println(summary.render());
        out.println("  read models caught up; " + StoreInUse.summary(
                context.getBeansOfType(StoreInUse.class).values()));
        return 0;
    }
}
