package kyodo.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No main source file of the four modules is longer than 300 lines (issue 14): a longer one holds more than
 * one idea, split it along its seam (ADR 20). Java, HTML, JavaScript and CSS are source; message bundles
 * ({@code .properties}) are data and not counted. The test runs in the ops module's directory, so the
 * modules are its siblings ({@code ..}).
 */
class SourceFileLengthTest {

    private static final int MOST_LINES = 300;
    private static final List<String> MODULES = List.of("shared-kernel", "command-side", "query-side", "ops");
    private static final List<String> SOURCE = List.of(".java", ".html", ".js", ".css");

    @Test
    void noMainSourceFileIsLongerThan300Lines() throws IOException {
        Map<String, Long> tooLong = new TreeMap<>();
        for (String module : MODULES) {
            Path main = Path.of("..", module, "src", "main");
            assertThat(main).as("the module's main sources").isDirectory();
            List<Path> sources;
            try (Stream<Path> files = Files.walk(main)) {
                sources = files.filter(Files::isRegularFile)
                        .filter(file -> SOURCE.stream().anyMatch(file.getFileName().toString()::endsWith))
                        .toList();
            }
            assertThat(sources).as("source files under " + main).isNotEmpty();
            for (Path source : sources) {
                long lines = lines(source);
                if (lines > MOST_LINES) {
                    tooLong.put(Path.of("..").relativize(source).toString(), lines);
                }
            }
        }
        assertThat(tooLong).as("main source files over " + MOST_LINES + " lines (file=lines): split each along its seam")
                .isEmpty();
    }

    /** Lines as {@code wc -l} counts them, plus a last line without its newline; bytes, so any charset. */
    private static long lines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? lines + 1 : lines;
    }
}
