package kyodo.ops.startup;

import kyodo.ops.crash.KyodoServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started against a store that does not answer (issue 18: it used to write megabytes
 * of stack traces): one line names the store, its address and the setting to correct; it tries again
 * with a growing wait; after {@code kyodo.startup.retry-give-up-after} it stops with a failure status,
 * a short report and not one stack frame.
 */
class UnreachableStoresIT {

    private static final Duration RUN = Duration.ofMinutes(2);

    @TempDir
    Path runDir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "spring.datasource.url=jdbc:postgresql://127.0.0.1:{port}/kyodo | PostgreSQL (the events, Idempotency-Keys and deadlines) | spring.datasource.url",
            "kyodo.mongodb.uri=mongodb://127.0.0.1:{port}/kyodo             | MongoDB (the read models)                              | kyodo.mongodb.uri",
            "axon.axonserver.servers=127.0.0.1:{port}                       | Axon Server (the events and messages)                  | axon.axonserver.servers"})
    void aStoreThatDoesNotAnswerIsNamedOnceRetriedAndGivenUpOnWithoutStackTraces(
            String setting, String store, String settingName) throws Exception {
        int port = closedPort();
        try (KyodoServer jar = new KyodoServer(KyodoServer.packagedJar(), runDir, List.of(), List.of())) {
            KyodoServer.CliRun run = jar.runCli(RUN, "serve", "--kyodo.data-dir=" + runDir.resolve("data"),
                    "--server.port=0", "--" + setting.replace("{port}", String.valueOf(port)),
                    "--kyodo.startup.retry-first-delay=100ms", "--kyodo.startup.retry-give-up-after=1s");

            String line = store + " at 127.0.0.1:" + port + " is not reachable (Connection refused): start it, or correct "
                    + settingName + " (command line, environment or <data-dir>/kyodo.properties): trying again for up to 1s";
            assertThat(run.status()).as(run.output()).isEqualTo(1);
            assertThat(run.output().lines().filter(l -> l.contains(line)).count()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("at 127.0.0.1:" + port + " not reachable yet; next attempt in 100ms")
                    .contains("APPLICATION FAILED TO START").contains("kyodo gave up waiting for its stores:")
                    .doesNotContain("\tat ").doesNotContain("Netty started");
            assertThat(run.output().lines().count()).as("a short report, no flood").isLessThan(60);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
