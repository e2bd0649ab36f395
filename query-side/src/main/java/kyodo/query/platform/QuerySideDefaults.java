package kyodo.query.platform;

import kyodo.kernel.EmbeddedDefaults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * The embedded default for the query side, as lowest-priority properties: events read from the
 * same H2 file the command side writes (or Axon Server), read models in an embedded
 * MongoDB-protocol server under the data directory unless a MongoDB URI is given, personal-data
 * keys read from the vault. The defaults both sides share are {@link EmbeddedDefaults}.
 */
public class QuerySideDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> defaults = EmbeddedDefaults.shared(env::getProperty);
        defaults.put("kyodo.mongodb.uri", env.getProperty("KYODO_MONGODB_URI",
                env.getProperty("spring.data.mongodb.uri", "")));
        env.getPropertySources().addLast(new MapPropertySource("kyodoQuerySideDefaults", defaults));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
