package kyodo.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

class ReplayFailureTest {

    @Test
    void aHeapThatRanOutBehindAClosedStoreIsNamedWithTheHeapAndTheCommand() {
        IllegalStateException panic = new IllegalStateException("Internal error",
                new OutOfMemoryError("Java heap space"));
        IllegalStateException closed = new IllegalStateException("This store is closed [2.3.232/4]", panic);

        String text = ReplayFailure.describe(closed, 256L << 20);

        assertThat(text)
                .startsWith("the Java heap ran out (256 MB usable, set by -Xmx) (This store is closed [2.3.232/4])")
                .endsWith(ReplayFailure.REPLAY_FLAGS);
    }

    @Test
    void aHeapThatRanOutOnAnotherThreadIsFoundAmongTheSuppressed() {
        RuntimeException first = new RuntimeException("a batch failed");
        first.addSuppressed(new RuntimeException("a worker failed", new OutOfMemoryError("Java heap space")));

        assertThat(ReplayFailure.describe(first, 512L << 20))
                .startsWith("the Java heap ran out (512 MB usable, set by -Xmx)");
    }

    @Test
    void anOtherFailureGivesItsMessageAndItsRootCause() {
        RuntimeException failure = new RuntimeException("batch 12 failed",
                new IllegalArgumentException("wrapped", new java.io.IOException("No space left on device")));

        assertThat(ReplayFailure.describe(failure, 1L << 30))
                .isEqualTo("batch 12 failed (caused by No space left on device)");
        assertThat(ReplayFailure.describe(new IllegalStateException("alone"), 1L << 30)).isEqualTo("alone");
        assertThat(ReplayFailure.describe(new IllegalStateException(), 1L << 30)).isEqualTo("IllegalStateException");
    }

    @Test
    void aCycleInTheChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(ReplayFailure.describe(a, 1L << 30)).startsWith("a");
        assertThat(ReplayFailure.find(a, OutOfMemoryError.class)).isNull();
    }

    @Test
    void theCommandItNamesIsTheReadmesReplayCommand() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

        assertThat(readme).as("the README's replay command, which ReplayFailure repeats")
                .contains(ReplayFailure.REPLAY_FLAGS.replace("kyodo.jar", "ops/target/kyodo.jar"));
    }
}
