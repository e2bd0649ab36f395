package kyodo.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsFileTest {

    @TempDir
    Path dataDir;

    @Test
    void aDataDirectoryWithoutTheFileHasNoSettings() {
        assertThat(SettingsFile.read(Map.of("kyodo.data-dir", dataDir.toString())::get)).isEmpty();
    }

    @Test
    void theFileInTheDataDirectoryIsReadAsUtf8Properties() throws IOException {
        Files.writeString(dataDir.resolve("kyodo.properties"), """
                # the city's stores
                spring.datasource.url=jdbc:postgresql://db.example.invalid/kyodo
                kyodo.portal.title=川崎市 協働
                """);

        assertThat(SettingsFile.read(Map.of("KYODO_DATA_DIR", dataDir.toString())::get))
                .containsExactly(Map.entry("kyodo.portal.title", "川崎市 協働"),
                        Map.entry("spring.datasource.url", "jdbc:postgresql://db.example.invalid/kyodo"));
    }

    @Test
    void theFileMayNotMoveTheDataDirectoryItIsFoundIn() throws IOException {
        Files.writeString(dataDir.resolve("kyodo.properties"), "kyodo.data-dir=/elsewhere\n");

        assertThatThrownBy(() -> SettingsFile.read(Map.of("kyodo.data-dir", dataDir.toString())::get))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sets kyodo.data-dir");
    }
}
