package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/settings.md} lists every {@code kyodo.*} setting with its type, default and description
 * exactly as the modules' configuration metadata says (generated from the typed settings classes by
 * Spring Boot's configuration processor; the kernel's, which has no Spring, is written by hand). When
 * a setting is added or changed the table is written to {@code target/settings.md}: copy it over.
 */
class SettingsReferenceTest {

    private static final Path REFERENCE = Path.of("..", "docs", "settings.md");
    private static final String HEADER = """
            # Settings

            Every `kyodo.*` setting, generated from the typed settings classes (Spring Boot's configuration
            metadata, `META-INF/spring-configuration-metadata.json` in each module's jar). Set them as
            `--name=value` on the command line, in `application.properties`, or as environment variables
            (`KYODO_COMMAND_THREADS=64`). A default in the table is written once, in the class named; a
            default that follows from another setting (the data directory, the command threads) is said in
            the description. `SettingsReferenceTest` keeps this file true.

            | setting | type | default | description |
            |---|---|---|---|
            """;

    @Test
    void theReferenceListsEverySettingAsTheMetadataDescribesIt() throws IOException {
        String expected = HEADER + rows(kyodoSettings());
        String actual = Files.exists(REFERENCE) ? Files.readString(REFERENCE, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            Path written = Path.of("target", "settings.md");
            Files.createDirectories(written.getParent());
            Files.writeString(written, expected, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("docs/settings.md is out of date: copy ops/target/settings.md over it")
                .isEqualTo(expected);
    }

    /** Every kyodo.* property of every module's metadata on the class path, by name. */
    private static Map<String, JsonNode> kyodoSettings() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> settings = new TreeMap<>();
        for (URL metadata : Collections.list(SettingsReferenceTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : mapper.readTree(in).path("properties")) {
                    String name = property.path("name").asText();
                    if (name.startsWith("kyodo.")) {
                        assertThat(settings.put(name, property)).as("%s declared twice", name).isNull();
                    }
                }
            }
        }
        assertThat(settings).as("the modules' configuration metadata").isNotEmpty();
        return settings;
    }

    private static String rows(Map<String, JsonNode> settings) {
        StringBuilder table = new StringBuilder();
        settings.forEach((name, property) -> table.append("| `").append(name).append("` | ")
                .append(simpleType(property.path("type").asText())).append(" | ")
                .append(defaultValue(property))
                .append(" | ").append(cell(property.path("description").asText())).append(" |\n"));
        return table.toString();
    }

    private static String defaultValue(JsonNode property) {
        if (!property.has("defaultValue")) {
            return "";
        }
        String value = property.get("defaultValue").asText();
        return value.isEmpty() ? "(empty)" : "`" + value + "`";
    }

    /** {@code java.util.Map<java.lang.String,java.lang.Double>} → {@code Map<String,Double>}. */
    private static String simpleType(String type) {
        return type.replaceAll("(?:[a-z]\\w*\\.)+", "").replace("$", ".");
    }

    private static String cell(String text) {
        // the generated descriptions are the fields' Javadoc: {@code x} reads as code here too
        return text.replaceAll("\\{@code ([^}]*)}", "`$1`").replace("|", "\\|").replace("\n", " ").strip();
    }
}
