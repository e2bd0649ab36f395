package kyodo.ops.cli;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.SimpleCommandLinePropertySource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the jar's command line is read, before anything starts. */
class CliArgumentsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return KyodoCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void nothingSettingsOrServeStartTheServerAndAWordRunsACommand() {
        assertThat(KyodoCli.isCommand()).isFalse();
        assertThat(KyodoCli.isCommand("--server.port=8080", "--kyodo.demo.load=true")).isFalse();
        assertThat(KyodoCli.isCommand("serve")).isFalse();
        assertThat(KyodoCli.isCommand("serve", "--server.port=8080")).isFalse();
        assertThat(KyodoCli.serverSettings("serve", "--server.port=8080")).containsExactly("--server.port=8080");
        assertThat(KyodoCli.serverSettings("--server.port=8080")).containsExactly("--server.port=8080");
        assertThat(KyodoCli.isCommand("demo", "load")).isTrue();
        assertThat(KyodoCli.isCommand("frobnicate")).isTrue();
        assertThat(KyodoCli.isCommand("--help")).isTrue();
        assertThat(KyodoCli.isCommand("--kyodo.data-dir=/d", "demo", "load")).isTrue();
        assertThat(KyodoCli.isCommand("serve", "--server.port")).isTrue();
    }

    @Test
    void helpInEachSpellingPrintsUsageOnStdoutWithStatus0() {
        for (String help : List.of("help", "--help", "-h")) {
            out.reset();
            assertThat(run(help)).as(help).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(help).startsWith("usage: java -jar kyodo.jar")
                    .contains("demo load").contains("projections replay").contains("serve");
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void unknownCommandsAndOptionsAreRefusedWithUsageOnStderrAndStatus2() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unknown command frobnicate\n")
                .contains("usage: java -jar kyodo.jar");
        err.reset();
        assertThat(run("--hepl")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unknown option --hepl\n").contains("usage:");
        err.reset();
        assertThat(run("-x", "--server.port=8080")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unknown option -x\n");
        err.reset();
        assertThat(run("--kyodo.data-dir=/d", "demo", "load")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unexpected demo after settings");
        err.reset();
        assertThat(run("serve", "--server.port", "8080")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("serve: settings are --name=value, not --server.port\n").contains("usage:");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void demoLoadTakesAUrlAConcurrencyAndSettings() {
        DemoCli.Options local = DemoCli.parse(List.of("load", "--kyodo.data-dir=/tmp/k", "--concurrency", "4"));
        assertThat(local.url()).isNull();
        assertThat(local.concurrency()).isEqualTo(4);
        assertThat(local.settings()).containsExactly("--kyodo.data-dir=/tmp/k");

        DemoCli.Options remote = DemoCli.parse(List.of("load", "--url=http://kyodo.example:8080", "--user", "admin",
                "--password-file", "/run/secrets/kyodo"));
        assertThat(remote.url()).isEqualTo(URI.create("http://kyodo.example:8080"));
        assertThat(remote.concurrency()).isEqualTo(6);
        assertThat(remote.user()).isEqualTo("admin");
        assertThat(remote.passwordFile()).hasToString("/run/secrets/kyodo");
    }

    @Test
    void demoRefusesWhatItCannotDo() {
        assertThatThrownBy(() -> DemoCli.parse(List.of())).hasMessageContaining("load");
        assertThatThrownBy(() -> DemoCli.parse(List.of("unload"))).hasMessageContaining("unknown command unload");
        assertThatThrownBy(() -> DemoCli.parse(List.of("load", "--url"))).hasMessageContaining("--url needs a value");
        assertThatThrownBy(() -> DemoCli.parse(List.of("load", "--url", "kyodo:8080")))
                .hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> DemoCli.parse(List.of("load", "--concurrency=0"))).hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> DemoCli.parse(List.of("load", "--url=http://h:1", "--user=a", "--kyodo.data-dir=/x")))
                .hasMessageContaining("would be ignored");
        assertThatThrownBy(() -> DemoCli.parse(List.of("load", "--url=http://h:1")))
                .hasMessageContaining("--url needs --user");
        assertThatThrownBy(() -> DemoCli.parse(List.of("load", "--user=a")))
                .hasMessageContaining("go with --url");
        assertThatThrownBy(() -> DemoCli.parse(List.of("load", "now"))).hasMessageContaining("unexpected now");
        assertThat(run("demo", "load", "--concurrency=x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar kyodo.jar demo load");
    }

    @Test
    void exportTakesADirectoryAndSettings() {
        ExportCli.Options options = ExportCli.parse(List.of("/tmp/open-data", "--kyodo.data-dir=/srv/kyodo"));
        assertThat(options.directory()).hasToString("/tmp/open-data");
        assertThat(options.settings()).containsExactly("--kyodo.data-dir=/srv/kyodo");
        assertThatThrownBy(() -> ExportCli.parse(List.of())).hasMessageContaining("directory");
        assertThatThrownBy(() -> ExportCli.parse(List.of("a", "b"))).hasMessageContaining("unexpected b");
        assertThat(run("export")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar kyodo.jar export DIR");
    }

    @Test
    void projectionsReplayTakesANameOrAllAndSettings() {
        assertThat(ProjectionsCli.parse(List.of("replay")).projection()).isEqualTo("all");
        ProjectionsCli.Options one = ProjectionsCli.parse(List.of("replay", "project-views", "--kyodo.data-dir=/d"));
        assertThat(one.projection()).isEqualTo("project-views");
        assertThat(one.settings()).containsExactly("--kyodo.data-dir=/d");
        assertThatThrownBy(() -> ProjectionsCli.parse(List.of("rebuild"))).hasMessageContaining("unknown command");
        assertThatThrownBy(() -> ProjectionsCli.parse(List.of("replay", "a", "b"))).hasMessageContaining("unexpected b");
        assertThatThrownBy(() -> ProjectionsCli.parse(List.of("replay", "--kyodo.data-dir")))
                .hasMessageContaining("--name=value");
        assertThat(run("projections")).isEqualTo(2);
    }

    @Test
    void springBootsDebugAndTraceSwitchesReachTheServerAndEveryCommandThatStartsThePlatform() {
        for (String debug : List.of("--debug", "--trace")) {
            assertThat(KyodoCli.isCommand(debug)).as(debug).isFalse();
            assertThat(KyodoCli.isCommand("serve", debug, "--server.port=9090")).as(debug).isFalse();
            assertThat(KyodoCli.serverSettings("serve", debug)).containsExactly(debug);
            assertThat(DemoCli.parse(List.of("load", debug)).settings()).containsExactly(debug);
            assertThat(ExportCli.parse(List.of("/tmp/open-data", debug)).settings()).containsExactly(debug);
            assertThat(ProjectionsCli.parse(List.of("replay", "all", debug)).settings()).containsExactly(debug);
            assertThat(CommandLine.read(List.of("--data-dir", "/d", debug), 0, List.of("--data-dir"), true).settings())
                    .containsExactly(debug);
            String[] started = PlatformArgs.offline(List.of(debug)).toArray();
            assertThat(started).contains(debug);
            // as Spring Boot's logging reads it: set, and not "false"
            assertThat(new SimpleCommandLinePropertySource(started).getProperty(debug.substring(2))).isEqualTo("");
        }
        assertThat(run("--debugging")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unknown option --debugging\n");
        assertThatThrownBy(() -> CommandLine.read(List.of("--debug"), 0, List.of(), false))
                .hasMessageContaining("unexpected --debug");
    }

    @Test
    void aReplayRunsWithoutAxonsTimeoutsAndPageCompressionUnlessTheOperatorSetsThem() {
        assertThat(ProjectionsCli.replaySettings(List.of("--kyodo.data-dir=/d")))
                .containsExactly("--kyodo.data-dir=/d", "--axon.timeout.enabled=false",
                        "--kyodo.mongodb.embedded-compress=false");
        assertThat(ProjectionsCli.replaySettings(List.of("--axon.timeout.enabled=true",
                "--kyodo.mongodb.embedded-compress=true")))
                .containsExactly("--axon.timeout.enabled=true", "--kyodo.mongodb.embedded-compress=true");
    }

    @Test
    void progressLineShowsCountPercentRateAndEta() {
        assertThat(ProgressLine.render(500, 1000, 500, 2.0))
                .contains("500/1,000 events").contains(" 50.0%").contains("250 events/s").contains("ETA 2s");
        assertThat(ProgressLine.render(1000, 1000, 1000, 1.0)).contains("100.0%").contains("ETA 0s");
        assertThat(ProgressLine.render(0, 1000, 0, 0)).contains("ETA ?");
        assertThat(ProgressLine.duration(3725)).isEqualTo("1h02m");
        assertThat(ProgressLine.duration(125)).isEqualTo("2m05s");
    }
}
