package kyodo.ops;

import kyodo.ops.cli.PlatformArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names kyodo's processes give themselves in Axon Server (issue 18: all were {@code application}):
 * the all-in-one server {@code kyodo} and every CLI command {@code kyodo-cli}, as the running context
 * resolves {@code axon.axonserver.component-name}. (The sides apart, {@code kyodo-command} and
 * {@code kyodo-query}: {@link CommandSideAloneIT}, {@link QuerySideAloneIT}.)
 */
class ComponentNamesIT {

    private static final String NAME = "axon.axonserver.component-name";

    @RegisterExtension
    static final RunningApp app = new RunningApp();

    @TempDir
    Path cliDataDir;

    @Test
    void theAllInOneServerIsKyodo() {
        assertThat(app.context().getEnvironment().getProperty(NAME)).isEqualTo("kyodo");
    }

    @Test
    void aCliCommandIsKyodoCli() {
        ConfigurableApplicationContext cli = PlatformArgs.offline(List.of("--kyodo.data-dir=" + cliDataDir))
                .start("names", System.err);
        assertThat(cli).as("the command's platform started").isNotNull();
        try {
            assertThat(cli.getEnvironment().getProperty(NAME)).isEqualTo(PlatformArgs.CLI_NAME).isEqualTo("kyodo-cli");
        } finally {
            cli.close();
        }
    }
}
