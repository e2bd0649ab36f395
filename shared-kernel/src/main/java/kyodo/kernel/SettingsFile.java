package kyodo.kernel;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * {@code <data-dir>/kyodo.properties}: the settings the server and every CLI command read alike, so
 * that {@code audit verify}, {@code projections replay}, {@code export} and {@code demo load} act on
 * the stores the server uses (its PostgreSQL, its Axon Server, its MongoDB) given only the data
 * directory. Each side's environment post-processor adds it below the command line, the JVM's
 * properties and the environment, above the embedded defaults. The data directory itself is never
 * read from it: the file is found through it.
 */
public final class SettingsFile {

    /** The file's name in the data directory. */
    public static final String NAME = "kyodo.properties";
    /** The name of the property source that holds it, added once. */
    public static final String SOURCE = "kyodoSettingsFile";

    private SettingsFile() {
    }

    /** Where the file is for these settings: in the data directory they name. */
    public static Path path(UnaryOperator<String> property) {
        return EmbeddedDefaults.dataDirectory(property).resolve(NAME);
    }

    /**
     * The file's settings (UTF-8 properties), none when there is no such file.
     *
     * @throws IllegalStateException when it exists but cannot be read, or names the data directory
     */
    public static Map<String, Object> read(UnaryOperator<String> property) {
        Path file = path(property);
        if (!Files.exists(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
        if (properties.containsKey("kyodo.data-dir")) {
            throw new IllegalStateException("the settings file " + file + " sets kyodo.data-dir, which it is found by;"
                    + " remove that line (the file belongs to the data directory it is in)");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(name -> settings.put(name, properties.getProperty(name)));
        return settings;
    }
}
