package kyodo.ops.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code kyodo.jar} run as a real child process on a data directory and a port of the
 * test's own, as an operator runs it: started, killed with SIGKILL, started again on the same
 * directory and port. Its console (where the first run prints the administrator's password) goes
 * to a log file in the run's directory, appended across restarts.
 *
 * <p>A JVM shutdown hook kills the child if the test JVM goes away first, so that no server
 * outlives the build.
 */
public final class KyodoServer implements AutoCloseable {

    private final Path jar;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final List<String> command;
    private final List<String> settings;
    private final Thread reaper = new Thread(this::killQuietly, "crash-loop-reaper");
    private volatile Process process;
    private int starts;

    KyodoServer(Path jar, Path runDir, List<String> settings) {
        this(jar, runDir, List.of(), settings);
    }

    /**
     * @param command  words before the settings, e.g. {@code serve}
     * @param settings more settings after the data directory and port
     */
    public KyodoServer(Path jar, Path runDir, List<String> command, List<String> settings) {
        this.jar = jar;
        this.command = List.copyOf(command);
        this.dataDir = runDir.resolve("data");
        this.log = runDir.resolve("server.log");
        this.port = freePort();
        this.settings = List.copyOf(settings);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    int starts() {
        return starts;
    }

    /** The running server's process id: its token claims and heartbeats name it "pid@host". */
    public long pid() {
        return process.pid();
    }

    /** Starts the server and waits until {@code /actuator/health} answers 200; the time it took. */
    public Duration start(Duration timeout) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the server is running already");
        }
        starts++;
        Files.writeString(log, "\n===== crash loop: start " + starts + " at " + Instant.now() + " =====\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> line = new ArrayList<>(List.of(javaBinary(), "-Daxoniq.update-checker.disabled=true",
                "-Xmx512m", "-jar", jar.toString()));
        line.addAll(command);
        line.addAll(List.of("--kyodo.data-dir=" + dataDir, "--server.port=" + port));
        line.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // the child runs on its own embedded stores whatever the build machine's environment says
        builder.environment().keySet().removeIf(name -> name.startsWith("KYODO_"));
        long began = System.nanoTime();
        process = builder.start();
        awaitHealthy(timeout);
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** The packaged jar of this build: {@code ops/target/kyodo.jar}, next to the test classes. */
    public static Path packagedJar() {
        try {
            Path testClasses = Path.of(KyodoServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().resolve("kyodo.jar");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same jar extracted by Spring Boot's tools at {@code package}: {@code ops/target/kyodo/kyodo.jar} with its
     * libraries in {@code lib/}, which the README's small-machine command and the one-machine unit run (ADR 33).
     */
    public static Path extractedJar() {
        return packagedJar().resolveSibling("kyodo").resolve("kyodo.jar");
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful anything (Process.destroyForcibly on Linux). */
    public void kill() throws InterruptedException {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        if (!running.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server did not die from SIGKILL within 30 s");
        }
    }

    /** SIGTERM and a graceful shutdown, as an operator stops it before running {@code audit verify}. */
    public void stop() throws InterruptedException {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        if (!running.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /**
     * Runs a command of the same jar on the same data directory ({@code audit verify …}) to its end.
     *
     * @return its exit status and console output
     */
    public CliRun runCli(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Daxoniq.update-checker.disabled=true",
                "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path output = log.resolveSibling("cli-" + args[0] + ".log");
        Process cli = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
        try {
            if (!cli.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                cli.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                return new CliRun(-1, "(no exit within " + timeout + ")\n" + Files.readString(output));
            }
            return new CliRun(cli.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            cli.destroyForcibly();
        }
    }

    /** The exit status and the console output of a CLI run. */
    public record CliRun(int status, String output) {
    }

    /** The last lines of the server's console, for a failure message. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(server log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        killQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void killQuietly() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
            try {
                running.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(baseUri().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with status " + process.exitValue()
                        + " while starting; its log ends:\n" + logTail(60));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not healthy within " + timeout + "; its log ends:\n"
                + logTail(60));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A free port below Linux's ephemeral range (32768+), so that nothing the server itself binds at
     * random while it restarts (the embedded read store) can take the port it comes back on.
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket probe = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between 20000 and 32000"));
    }
}
