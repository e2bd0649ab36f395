package kyodo.command.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded default, as lowest-priority properties: with no configuration the command side
 * keeps events in an H2 file under the data directory and personal-data keys in a second one.
 * Anything the operator sets (properties, environment) wins; {@code axon.axonserver.servers}
 * switches the event store and buses to Axon Server.
 */
public class CommandSideDefaults implements EnvironmentPostProcessor, Ordered {

    /**
     * H2 over asynchronous file channels: an interrupted thread (Reactor interrupts a blocking read
     * when its client hangs up) would otherwise close the file channel, and with it the database,
     * for every later request.
     */
    static final String H2_FILES = "jdbc:h2:async:";

    /**
     * How every embedded H2 file is opened (events, keys, accounts):
     * <ul>
     * <li>{@code WRITE_DELAY=0}: a commit is written to the file before it returns, so a command is
     * acknowledged only once its events are there ({@code kill -9} loses nothing acknowledged).</li>
     * <li>{@code RETENTION_TIME=2000}: H2 overwrites no chunk younger than this (its guard against
     * a power cut, which assumes the system writes the file back within that time:
     * {@link EmbeddedFileCompaction} forces it every second). H2's 45 s kept every commit of the
     * last 45 s in a chunk of its own: the file grew to 100 times its content and every commit
     * wrote more metadata about them.</li>
     * <li>{@code MAX_LENGTH_INPLACE_LOB}: a BLOB (event payloads, metadata, tokens) up to 64 KB stays
     * in its row instead of H2's separate LOB maps, a few pages less per commit.</li>
     * <li>{@code MAX_COMPACT_TIME=0}: no compaction when the file closes. H2 2.3.232 can lose pages it
     * rewrote there (h2database #4247, fixed in 2.4.240); {@link EmbeddedFileCompaction} keeps the
     * file compact while it is open instead.</li>
     * </ul>
     */
    static final String H2_FILE_SETTINGS = ";WRITE_DELAY=0;RETENTION_TIME=2000;MAX_LENGTH_INPLACE_LOB=65536"
            + ";MAX_COMPACT_TIME=0;DB_CLOSE_ON_EXIT=FALSE";

    static final String SOURCE = "kyodoCommandSideDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Path dataDir = dataDirectory(env);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("kyodo.data-dir", dataDir.toString());
        if (!env.containsProperty("axon.axonserver.servers")) {
            defaults.put("axon.axonserver.enabled", "false");
        }
        defaults.put("spring.datasource.url", embeddedFileUrl(dataDir.resolve("eventstore/kyodo")));
        defaults.put("spring.datasource.username", "kyodo");
        defaults.put("spring.datasource.password", "");
        defaults.put("kyodo.vault.url", embeddedFileUrl(dataDir.resolve("vault/keys")));
        defaults.put("axon.serializer.general", "jackson");
        defaults.put("axon.serializer.events", "jackson");
        defaults.put("axon.serializer.messages", "jackson");
        defaults.put("spring.codec.max-in-memory-size", "64KB");
        // deadlines: the scheduler starts once its table exists (created with the event tables)
        defaults.put("db-scheduler.delay-startup-until-context-ready", "true");
        defaults.put("db-scheduler.polling-interval", "5s");
        // A deadline picked by a process that was killed stays picked until its heartbeat is older than
        // interval × limit; then db-scheduler revives it. The defaults (5 min × 6) would leave a
        // reservation's expiry or an overdue mark waiting half an hour after a kill -9 (ADR 13).
        defaults.put("db-scheduler.heartbeat-interval", "5s");
        defaults.put("db-scheduler.missed-heartbeats-limit", "4");
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("server.error.include-message", "never");
        defaults.put("server.shutdown", "graceful");
        defaults.put("management.endpoints.web.exposure.include", "health");
        defaults.put("spring.jackson.time-zone", "Asia/Tokyo");
        env.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    /** The JDBC URL of an embedded H2 file database at {@code file} (without H2's suffix). */
    public static String embeddedFileUrl(Path file) {
        return H2_FILES + file.toAbsolutePath().normalize() + H2_FILE_SETTINGS;
    }

    /** {@code kyodo.data-dir}, else {@code KYODO_DATA_DIR}, else {@code ./data}; always absolute. */
    static Path dataDirectory(ConfigurableEnvironment env) {
        String configured = env.getProperty("kyodo.data-dir", env.getProperty("KYODO_DATA_DIR", "data"));
        return Path.of(configured).toAbsolutePath().normalize();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
