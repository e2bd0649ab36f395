package kyodo.query.platform;

import kyodo.kernel.EmbeddedFiles;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded default for the query side, as lowest-priority properties: events read from the
 * same H2 file the command side writes (or Axon Server), read models in an embedded
 * MongoDB-protocol server under the data directory unless a MongoDB URI is given, personal-data
 * keys read from the vault.
 */
public class QuerySideDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Path dataDir = Path.of(env.getProperty("kyodo.data-dir", env.getProperty("KYODO_DATA_DIR", "data")))
                .toAbsolutePath().normalize();
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("kyodo.data-dir", dataDir.toString());
        if (!env.containsProperty("axon.axonserver.servers")) {
            defaults.put("axon.axonserver.enabled", "false");
        }
        defaults.put("spring.datasource.url", EmbeddedFiles.url(dataDir.resolve("eventstore/kyodo")));
        defaults.put("spring.datasource.username", "kyodo");
        defaults.put("spring.datasource.password", "");
        defaults.put("kyodo.vault.url", EmbeddedFiles.url(dataDir.resolve("vault/keys")));
        defaults.put("kyodo.mongodb.uri", env.getProperty("KYODO_MONGODB_URI",
                env.getProperty("spring.data.mongodb.uri", "")));
        // The read store opens its own client (ReadModelStoreConfiguration); Spring Boot's would
        // connect to localhost:27017 and log its failures forever.
        defaults.put("spring.autoconfigure.exclude", "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration");
        defaults.put("axon.serializer.general", "jackson");
        defaults.put("axon.serializer.events", "jackson");
        defaults.put("axon.serializer.messages", "jackson");
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("management.endpoints.web.exposure.include", "health");
        env.getPropertySources().addLast(new MapPropertySource("kyodoQuerySideDefaults", defaults));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
