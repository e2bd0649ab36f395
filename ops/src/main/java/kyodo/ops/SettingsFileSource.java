package kyodo.ops;

import kyodo.kernel.SettingsFile;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Adds {@code <data-dir>/kyodo.properties} ({@link SettingsFile}) to every process the kyodo jar
 * starts, server and CLI commands alike: below the command line, the JVM's properties and the
 * environment, above the application's files and the sides' embedded defaults, which run after this
 * and see what it sets (e.g. {@code axon.axonserver.servers} turns the embedded event store off).
 */
public class SettingsFileSource implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        MutablePropertySources sources = env.getPropertySources();
        if (sources.contains(SettingsFile.SOURCE)) {
            return;
        }
        MapPropertySource file = new MapPropertySource(SettingsFile.SOURCE, SettingsFile.read(env::getProperty));
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, file);
        } else {
            sources.addFirst(file);
        }
    }

    /** After Spring Boot has read its own configuration files, before the sides' defaults. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
