package kyodo.ops.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchCliTest {

    @Test
    void loadTakesItsFlagsAndPassesSettingsToThePlatform() {
        BenchCli.Options options = BenchCli.parse(List.of("load", "--proposals", "1000", "--data-dir=/tmp/x",
                "--server.port=9090"));
        assertThat(options.verb()).isEqualTo("load");
        assertThat(options.flags()).isEqualTo(Map.of("--proposals", "1000", "--data-dir", "/tmp/x"));
        assertThat(options.settings()).containsExactly("--server.port=9090");
        assertThat(options.number("--proposals", 0, 1, 10_000)).isEqualTo(1000);
    }

    @Test
    void aNumberOutsideItsRangeIsRefused() {
        BenchCli.Options options = BenchCli.parse(List.of("load", "--proposals", "0"));
        assertThatThrownBy(() -> options.number("--proposals", 0, 1, 10_000_000))
                .hasMessage("--proposals must be a whole number from 1 to 10000000");
    }

    @Test
    void eachVerbSaysWhatItMisses() {
        assertThatThrownBy(() -> BenchCli.parse(List.of())).hasMessageContaining("load, run, replay");
        assertThatThrownBy(() -> BenchCli.parse(List.of("load"))).hasMessageContaining("--proposals");
        assertThatThrownBy(() -> BenchCli.parse(List.of("run"))).hasMessageContaining("--url");
        assertThatThrownBy(() -> BenchCli.parse(List.of("run", "--url", "http://h:1", "--server.port=1")))
                .hasMessage("unexpected --server.port=1");
        assertThatThrownBy(() -> BenchCli.parse(List.of("run", "--url", "http://h:1", "--password-file", "f")))
                .hasMessage("--password-file goes with --user");
        assertThatThrownBy(() -> BenchCli.parse(List.of("run", "--url", "http://h:1", "--driver", "curl")))
                .hasMessage("--driver is java (the driver's own clients) or wrk");
        assertThatThrownBy(() -> BenchCli.parse(List.of("swim"))).hasMessage("unknown command swim");
    }

    @Test
    void rowsAreSelectedByTheirNames() {
        BenchCli.Options options = BenchCli.parse(List.of("run", "--url", "http://h:1", "--rows", "answer, Home",
                "--cpu-of", "4242"));
        assertThat(BenchCli.rows(options.flag("--rows", null))).containsExactly("answer", "home");
        assertThat(options.number("--cpu-of", 0, 1, Integer.MAX_VALUE)).isEqualTo(4242);
        assertThatThrownBy(() -> BenchCli.parse(List.of("run", "--url", "http://h:1", "--rows", "answer,decide")))
                .hasMessageStartingWith("--rows names rows of health, ward,").hasMessageEndingWith(", not decide");
        assertThatThrownBy(() -> BenchCli.parse(List.of("run", "--url", "http://h:1", "--rows", "answer,")))
                .hasMessageEndingWith(", not an empty name");
    }

    @Test
    void aServersCpuTimeIsItsUserAndSystemTicks() {
        // a command with spaces and a ")" in its name: the fields are counted after the last ")"
        String stat = "4242 (java (a) b) S 1 4242 4242 0 -1 4194560 91234 0 12 0 1500 250 0 0 20 0 57 0 1234";
        assertThat(ServerCpu.ticks(stat)).isEqualTo(1750);
    }

    @Test
    void durationsReadLikeAnOperatorWritesThem() {
        assertThat(BenchCli.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(BenchCli.duration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(BenchCli.duration("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(BenchCli.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> BenchCli.duration("0s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchCli.duration("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badUsageExitsWithTwoAndTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BenchCli.run(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), List.of("run", "--url", "ftp://x"));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--url must be like http://host:port")
                .contains("usage: java -jar kyodo.jar bench load");
    }
}
