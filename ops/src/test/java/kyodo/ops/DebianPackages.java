package kyodo.ops;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a test needs from Debian (a browser, a database server), installed with apt-get when it runs
 * as root, else a failure naming what is missing and how to install it: the tests that need them
 * never skip silently.
 */
public final class DebianPackages {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);

    private DebianPackages() {
    }

    /**
     * Makes sure nothing is missing.
     *
     * @param who      who needs them, for the message ("The portal's browser tests")
     * @param packages the Debian packages that provide them
     * @param missing  what is missing now, each named with its package (empty: all there)
     */
    public static void ensure(String who, List<String> packages, Supplier<List<String>> missing) throws IOException {
        if (missing.get().isEmpty()) {
            return;
        }
        // The integration tests run in two JVMs at once: one installs while the other waits, then looks again
        // (two apt-get runs at once would fail on dpkg's lock).
        Path lockFile = Path.of("target", "debian-packages.lock").toAbsolutePath();
        Files.createDirectories(lockFile.getParent());
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (!missing.get().isEmpty()) {
                install(who, packages, missing);
            }
        }
    }

    private static void install(String who, List<String> packages, Supplier<List<String>> missing) throws IOException {
        String how = "apt-get install -y " + String.join(" ", packages);
        if (!isRoot()) {
            throw new IllegalStateException(who + " need " + String.join(" and ", missing.get())
                    + ", which are not installed. Install them as root: " + how);
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y"));
        install.addAll(packages);
        if (run(install) != 0) {
            run(List.of("apt-get", "update"));
            run(install);
        }
        if (!missing.get().isEmpty()) {
            throw new IllegalStateException(who + " need " + String.join(" and ", missing.get())
                    + "; '" + how + "' did not install them (see target/commands.log).");
        }
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Runs a command, no input, its output appended to {@code target/commands.log} (written to the
     * test JVM's own output it would garble the test runner's channel); its exit status.
     */
    public static int run(List<String> command) throws IOException {
        Path log = Path.of("target", "commands.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        try {
            if (!process.waitFor(INSTALL_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + INSTALL_TIMEOUT);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " was interrupted", e);
        }
    }
}
