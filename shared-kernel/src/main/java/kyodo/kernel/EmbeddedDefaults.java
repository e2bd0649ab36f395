package kyodo.kernel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The embedded defaults both sides share, written once: the data directory, the event store and
 * key vault files in it, Axon Server off unless servers are named, Jackson for every Axon
 * serializer (XStream drops record events silently), no stack traces in error answers and only
 * the health and Prometheus endpoints exposed (the latter signed in, where the jar has it), and the
 * auto-configurations kyodo does not use left out, Axon's watch of single handler calls off (its watch of
 * each unit of work stays). Each side's environment post-processor adds these, below anything
 * the operator sets, with its own defaults beside them.
 */
public final class EmbeddedDefaults {

    /** Where kyodo keeps its files unless {@code kyodo.data-dir} or {@code KYODO_DATA_DIR} says otherwise. */
    static final String DATA_DIR = "data";
    /** The event store file's page cache, MB (H2's default is 16). */
    static final int EVENT_CACHE_MB = 8;
    /** The key vault file's page cache, MB. */
    static final int VAULT_CACHE_MB = 4;

    /**
     * Auto-configurations whose conditions hold on kyodo's class path but whose beans nothing uses. The
     * read store opens its own client (the query side's {@code ReadModelStoreConfiguration}): Spring Boot's
     * would connect to localhost:27017 and log its failures forever. Gson comes in with a library; kyodo
     * writes JSON with Jackson only, and Gson's bean loaded ~150 classes into metaspace (issue 13,
     * twenty-third step).
     */
    static final String UNUSED_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration",
            "org.springframework.boot.autoconfigure.gson.GsonAutoConfiguration");

    /** The kinds of handler Axon's Spring Boot support watches one call at a time. */
    static final List<String> HANDLER_KINDS = List.of("events", "commands", "queries", "deadlines");

    private EmbeddedDefaults() {
    }

    /**
     * {@code kyodo.data-dir}, else {@code KYODO_DATA_DIR}, else {@code ./data}; always absolute.
     *
     * @param property the configured value of a property, or {@code null} when it is not set
     */
    public static Path dataDirectory(UnaryOperator<String> property) {
        String configured = property.apply("kyodo.data-dir");
        if (configured == null) {
            configured = property.apply("KYODO_DATA_DIR");
        }
        return Path.of(configured == null ? DATA_DIR : configured).toAbsolutePath().normalize();
    }

    /**
     * The shared defaults, to be added with the lowest precedence.
     *
     * @param property the configured value of a property, or {@code null} when it is not set
     */
    public static Map<String, Object> shared(UnaryOperator<String> property) {
        Path dataDir = dataDirectory(property);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("kyodo.data-dir", dataDir.toString());
        if (property.apply("axon.axonserver.servers") == null) {
            // otherwise Axon dials localhost:8124 forever and every command fails
            defaults.put("axon.axonserver.enabled", "false");
        }
        // Page caches (on the Java heap, issue 13): the events' file is read by every command and processor,
        // the keys a few rows per submission or staff view.
        defaults.put("spring.datasource.url", EmbeddedFiles.url(dataDir.resolve("eventstore/kyodo"), EVENT_CACHE_MB));
        defaults.put("spring.datasource.username", "kyodo");
        defaults.put("spring.datasource.password", "");
        defaults.put("kyodo.vault.url", EmbeddedFiles.url(dataDir.resolve("vault/keys"), VAULT_CACHE_MB));
        defaults.put("axon.serializer.general", "jackson");
        defaults.put("axon.serializer.events", "jackson");
        defaults.put("axon.serializer.messages", "jackson");
        defaults.put("spring.autoconfigure.exclude", UNUSED_AUTO_CONFIGURATIONS);
        // Axon's watch of each handler call (Spring Boot's 30 s timeout, warnings from 10 s) walks the calling
        // thread's stack and schedules a janitor task at every call: a tenth of a replay's allocations (issue 13,
        // twenty-second step). The unit of work around every command and every processor batch keeps its
        // watch (60 s, warnings from 10 s), and a handler runs inside one, so a hung handler is still named.
        for (String handlers : HANDLER_KINDS) {
            defaults.put("axon.timeout.handler." + handlers + ".timeout-ms", "-1");
            defaults.put("axon.timeout.handler." + handlers + ".warning-threshold-ms", "-1");
        }
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
        // Two loggers that only ever print one advisory each, at every start, about nothing an operator
        // can act on (issue 20): Spring's deprecation notice for Axon's annotations (@EventHandler,
        // @CommandHandler, … declare attribute overrides by convention: Axon's to change, not kyodo's),
        // and springdoc's "the API docs are enabled by default", which they are on purpose (README).
        defaults.put("logging.level.org.springframework.core.annotation.AnnotationTypeMapping", "ERROR");
        defaults.put("logging.level.org.springdoc.core.events.SpringDocAppInitializer", "ERROR");
        return defaults;
    }
}
