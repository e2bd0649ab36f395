package kyodo.ops.cli;

import kyodo.ops.crash.KyodoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as an operator runs it (issue 20): its command line answers help and mistakes before
 * anything starts, and a first start on a fresh data directory with the demo, then a second start that
 * loads the demo again, print no WARN and no ERROR line (nor AxonIQ Console's advertisement), the
 * administrator's password before the demo load begins. The second start runs the extracted layout
 * ({@code ops/target/kyodo/kyodo.jar}, ADR 33), as the README's small-machine command and the one-machine
 * unit do, on the data directory the fat jar made.
 */
class PackagedJarConsoleIT {

    /** A log line at WARN or ERROR, as Spring Boot's console pattern writes the level. */
    private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s", Pattern.MULTILINE);
    private static final Duration START = Duration.ofMinutes(4);
    /**
     * The demo load after the start: the dataset, then the demo residents, who follow only once the
     * residents' notifier has read every event of the load (a bound for a loaded 2-core machine).
     */
    private static final Duration DEMO_LOAD = Duration.ofMinutes(8);
    private static final Duration CLI = Duration.ofMinutes(1);

    @TempDir
    Path runDir;

    @Test
    void helpAndMistakesAreAnsweredWithoutStartingAnything() throws Exception {
        try (KyodoServer jar = new KyodoServer(KyodoServer.packagedJar(), runDir, List.of(), List.of())) {
            for (String help : List.of("--help", "-h", "help")) {
                KyodoServer.CliRun run = jar.runCli(CLI, help);
                assertThat(run.status()).as(help + ": " + run.output()).isZero();
                assertThat(run.output()).as(help).startsWith("usage: java -jar kyodo.jar [serve]")
                        .doesNotContain("Spring Boot").doesNotContain("Netty started");
            }
            KyodoServer.CliRun unknownOption = jar.runCli(CLI, "--hepl");
            assertThat(unknownOption.status()).as(unknownOption.output()).isEqualTo(2);
            assertThat(unknownOption.output()).startsWith("unknown option --hepl\nusage:")
                    .doesNotContain("Netty started");
            KyodoServer.CliRun unknownCommand = jar.runCli(CLI, "frobnicate", "--server.port=1");
            assertThat(unknownCommand.status()).isEqualTo(2);
            assertThat(unknownCommand.output()).startsWith("unknown command frobnicate\nusage:");
            KyodoServer.CliRun commandAfterSettings = jar.runCli(CLI, "--server.port=1", "demo", "load");
            assertThat(commandAfterSettings.status()).isEqualTo(2);
            assertThat(commandAfterSettings.output()).startsWith("unexpected demo after settings");
        }
    }

    @Test
    void aFirstStartWithTheDemoAndADemoReloadPrintNoWarnAndNoError() throws Exception {
        try (KyodoServer first = new KyodoServer(KyodoServer.packagedJar(), runDir, List.of(),
                List.of("--kyodo.demo.load=true"))) {
            first.start(START);
            awaitDemoLoaded(first);
            first.stop();
            String console = Files.readString(first.log(), StandardCharsets.UTF_8);
            assertQuiet(console);
            assertThat(console.indexOf("   password: ")).as("the password, before the demo load begins")
                    .isPositive().isLessThan(console.indexOf("demo data: loading"));
        }
        assertThat(KyodoServer.extractedJar()).as("the extracted layout, made at package").isRegularFile();
        try (KyodoServer again = new KyodoServer(KyodoServer.extractedJar(), runDir, List.of("serve"),
                List.of("--kyodo.demo.load=true"))) {
            again.start(START);
            awaitDemoLoaded(again);
            again.stop();
            String console = Files.readString(again.log(), StandardCharsets.UTF_8);
            String reload = console.substring(console.lastIndexOf("===== crash loop: start"));
            assertQuiet(reload);
            assertThat(reload).contains(" 0 steps applied, ").doesNotContain("password:");
        }
    }

    /** Waits for the demo load's summary line in the console of the server's last start. */
    private static void awaitDemoLoaded(KyodoServer server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEMO_LOAD.toNanos();
        while (true) {
            String console = Files.readString(server.log(), StandardCharsets.UTF_8);
            String last = console.substring(console.lastIndexOf("===== crash loop: start"));
            if (Pattern.compile("demo data: \\d+ subjects, \\d+ steps applied").matcher(last).find()) {
                return;
            }
            assertThat(System.nanoTime()).as("the demo loaded; the console ends:\n" + server.logTail(40))
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static void assertQuiet(String console) {
        assertThat(WARN_OR_ERROR.matcher(console).results().map(m -> lineAt(console, m.start())).toList())
                .as("WARN and ERROR lines").isEmpty();
        assertThat(console).doesNotContain("AxonIQ Console").contains("kyodo is serving at");
    }

    private static String lineAt(String text, int start) {
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
