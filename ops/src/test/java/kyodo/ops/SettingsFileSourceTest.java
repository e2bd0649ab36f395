package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The data directory's settings file sits below the command line, the JVM's properties and the environment, above the defaults. */
class SettingsFileSourceTest {

    @TempDir
    Path dataDir;

    @Test
    void theCommandLineAndTheJvmsPropertiesWinOverTheFileWhichWinsOverTheDefaults() throws IOException {
        Files.writeString(dataDir.resolve("kyodo.properties"), """
                a=file
                b=file
                c=file
                d=file
                """);
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--kyodo.data-dir=" + dataDir, "--a=line"));
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of("b", "jvm")));
        env.getPropertySources().addLast(new MapPropertySource("defaults", Map.of("c", "default", "e", "default")));

        new SettingsFileSource().postProcessEnvironment(env, new SpringApplication());
        new SettingsFileSource().postProcessEnvironment(env, new SpringApplication()); // once is enough

        assertThat(env.getProperty("a")).isEqualTo("line");
        assertThat(env.getProperty("b")).isEqualTo("jvm");
        assertThat(env.getProperty("c")).isEqualTo("file");
        assertThat(env.getProperty("d")).isEqualTo("file");
        assertThat(env.getProperty("e")).isEqualTo("default");
        assertThat(env.getPropertySources().stream().filter(s -> s.getName().equals("kyodoSettingsFile"))).hasSize(1);
    }
}
