package kyodo.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDefaultsTest {

    @Test
    void theDataDirectoryIsThePropertyElseTheEnvironmentVariableElseDataHere() {
        Path here = Path.of("data").toAbsolutePath().normalize();
        assertThat(EmbeddedDefaults.dataDirectory(Map.<String, String>of()::get)).isEqualTo(here);
        assertThat(EmbeddedDefaults.dataDirectory(Map.of("KYODO_DATA_DIR", "/srv/env/../kyodo")::get))
                .isEqualTo(Path.of("/srv/kyodo"));
        assertThat(EmbeddedDefaults.dataDirectory(
                Map.of("KYODO_DATA_DIR", "/srv/env", "kyodo.data-dir", "/srv/property")::get))
                .isEqualTo(Path.of("/srv/property"));
    }

    @Test
    void theEventStoreAndTheVaultAreFilesUnderTheDataDirectory() {
        Map<String, Object> defaults = EmbeddedDefaults.shared(Map.of("kyodo.data-dir", "/srv/kyodo")::get);

        assertThat(defaults).containsEntry("kyodo.data-dir", "/srv/kyodo")
                .containsEntry("spring.datasource.url", EmbeddedFiles.url(Path.of("/srv/kyodo/eventstore/kyodo"), 8))
                .containsEntry("spring.datasource.username", "kyodo")
                .containsEntry("spring.datasource.password", "")
                .containsEntry("kyodo.vault.url", EmbeddedFiles.url(Path.of("/srv/kyodo/vault/keys"), 4))
                .containsEntry("axon.serializer.general", "jackson")
                .containsEntry("axon.serializer.events", "jackson")
                .containsEntry("axon.serializer.messages", "jackson")
                .containsEntry("server.error.include-stacktrace", "never")
                .containsEntry("management.endpoints.web.exposure.include", "health,prometheus");
    }

    @Test
    void theAutoConfigurationsKyodoDoesNotUseAreLeftOut() {
        String excluded = (String) EmbeddedDefaults.shared(Map.<String, String>of()::get).get("spring.autoconfigure.exclude");
        assertThat(excluded.split(",")).containsExactlyInAnyOrder(
                        "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration",
                        "org.springframework.boot.autoconfigure.gson.GsonAutoConfiguration");
    }

    @Test
    void axonWatchesUnitsOfWorkButNotEachHandlerCall() {
        Map<String, Object> defaults = EmbeddedDefaults.shared(Map.<String, String>of()::get);

        for (String kind : List.of("events", "commands", "queries", "deadlines")) {
            assertThat(defaults).containsEntry("axon.timeout.handler." + kind + ".timeout-ms", "-1")
                    .containsEntry("axon.timeout.handler." + kind + ".warning-threshold-ms", "-1");
        }
        assertThat(defaults.keySet()).noneMatch(key -> key.startsWith("axon.timeout.transaction"))
                .doesNotContain("axon.timeout.enabled");
    }

    @Test
    void axonServerIsOffUnlessItsServersAreNamed() {
        assertThat(EmbeddedDefaults.shared(Map.<String, String>of()::get))
                .containsEntry("axon.axonserver.enabled", "false");
        assertThat(EmbeddedDefaults.shared(Map.of("axon.axonserver.servers", "axon:8124")::get))
                .doesNotContainKey("axon.axonserver.enabled");
    }

    @Test
    void anEmbeddedFileOpensWithThePageCacheItsUrlNames(@TempDir Path dir) throws Exception {
        assertThat(cacheMegabytes(EmbeddedFiles.url(dir.resolve("small"), 4))).isEqualTo(4);
        assertThat(cacheMegabytes(EmbeddedFiles.url(dir.resolve("default")))).isEqualTo(16);
        assertThat(EmbeddedFiles.file(EmbeddedFiles.url(dir.resolve("small"), 4)))
                .contains(dir.resolve("small.mv.db").toAbsolutePath().normalize());
        assertThatThrownBy(() -> EmbeddedFiles.url(dir.resolve("none"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int cacheMegabytes(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "kyodo", "");
             ResultSet rs = connection.createStatement().executeQuery("SELECT SETTING_VALUE FROM "
                     + "INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }
}
