package kyodo.ops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.StoreInUse;
import kyodo.ops.demo.DemoClient;
import kyodo.ops.demo.DemoSettings;
import kyodo.ops.security.StaffAccounts;
import kyodo.ops.demo.SeedLoader;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import java.io.PrintStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        URI url = null;
        String user = null;
        Path passwordFile = null;
        int concurrency = DEFAULT_CONCURRENCY;
        List<String> settings = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!List.of("--url", "--concurrency", "--user", "--password-file").contains(name)) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("unexpected " + arg + " (settings are --name=value)");
                }
                settings.add(arg);
                continue;
            }
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                    : i + 1 < args.size() ? args.get(++i) : null;
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--url" -> url = url(value);
                case "--user" -> user = value;
                case "--password-file" -> passwordFile = Path.of(value);
                default -> concurrency = concurrency(value);
            }
        }
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
        return new Options(url, concurrency, List.copyOf(settings), user, passwordFile);
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
        SeedLoader.Summary summary = new SeedLoader(DemoClient.throughAdministrator(options.url().toString(),
                options.user(), password(options)),
                new ObjectMapper(), options.concurrency()).load();
        out.println(summary.render());
        out.println("  into " + options.url() + " (its read models catch up on their own)");
        return 0;
    }

    private static String password(Options options) {
        if (options.passwordFile() != null) {
            try {
                return Files.readString(options.passwordFile()).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --password-file " + options.passwordFile());
            }
        }
        String fromEnvironment = System.getenv("KYODO_PASSWORD");
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            throw new IllegalArgumentException("no password: use --password-file or KYODO_PASSWORD");
        }
        return fromEnvironment;
    }

    private static int startAndLoad(PrintStream out, PrintStream err, Options options) {
        ConfigurableApplicationContext context = new PlatformArgs(options.settings())
                .force("--kyodo.demo.load", "false")
                .orElse("--server.port", "0")
                .quiet("WARN")
                .orElse("--logging.level.kyodo.ops.demo", "INFO")
                .start("demo load", err);
        if (context == null) {
            return Usage.WRONG;
        }
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            SeedLoader.Summary summary = new SeedLoader(DemoClient.inProcess("http://localhost:" + port,
                    context.getBean(StaffAccounts.class)),
                    context.getBean(ObjectMapper.class), options.concurrency()).load();
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
        } finally {
            context.close();
        }
    }
}
