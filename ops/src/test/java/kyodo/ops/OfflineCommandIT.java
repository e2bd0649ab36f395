package kyodo.ops;

import com.github.kagkarlsson.scheduler.Scheduler;
import kyodo.kernel.Offline;
import kyodo.ops.cli.PlatformArgs;
import kyodo.ops.mail.BackgroundService;
import kyodo.ops.mail.Outbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's command on the stores ({@code export}, {@code audit verify}, {@code projections replay},
 * {@code bench replay}) tells nobody anything and acts on no deadline ({@link Offline}): run on a copy of a
 * city's data directory it would otherwise send the mail waiting in the outbox a second time. The same
 * platform started as the server does send it, which shows what the command's run leaves out.
 */
class OfflineCommandIT {

    private static final String TO = "resident@example.org";

    @TempDir
    Path dataDir;

    @Test
    void aCommandOnTheStoresSendsNoMailAndStartsNoDeadlineScheduler() throws Exception {
        ConfigurableApplicationContext command = PlatformArgs.offline(List.of("--kyodo.data-dir=" + dataDir))
                .start("offline", System.err);
        assertThat(command).as("the command's platform started").isNotNull();
        try {
            assertThat(command.getEnvironment().getProperty(Offline.PROPERTY)).isEqualTo("true");
            Outbox outbox = command.getBean(Outbox.class);
            outbox.queue(TO, "お知らせ", "本文");
            assertThat(command.getBeansOfType(BackgroundService.class)).hasSize(2)
                    .allSatisfy((name, service) -> assertThat(service.isRunning()).as(name).isFalse());
            assertThat(command.getBean(Scheduler.class).getSchedulerState().isStarted()).isFalse();
            Thread.sleep(1_000); // the relay, had it run, sends a queued message at once
            assertThat(outbox.pending()).isEqualTo(1);
            assertThat(ResidentMailbox.texts(dataDir, TO)).isEmpty();
        } finally {
            command.close();
        }

        ConfigurableApplicationContext server = new PlatformArgs(List.of("--kyodo.data-dir=" + dataDir,
                "--spring.main.web-application-type=none", "--kyodo.demo.load=false")).start("server", System.err);
        assertThat(server).as("the platform started as the server").isNotNull();
        try {
            assertThat(server.getBeansOfType(BackgroundService.class))
                    .allSatisfy((name, service) -> assertThat(service.isRunning()).as(name).isTrue());
            KyodoTestApp.eventually(() -> assertThat(ResidentMailbox.texts(dataDir, TO)).hasSize(1));
            assertThat(server.getBean(Outbox.class).pending()).isZero();
        } finally {
            server.close();
        }
    }
}
