package kyodo.command.platform;

import kyodo.kernel.EmbeddedDefaults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.List;
import java.util.Map;

/**
 * The embedded default, as lowest-priority properties: with no configuration the command side
 * keeps events in an H2 file under the data directory and personal-data keys in a second one
 * (the defaults both sides share are {@link EmbeddedDefaults}); here are the command side's own:
 * its threads and the pools sized by them, the request body limit, the deadline scheduler and the
 * policies' batches.
 * Anything the operator sets (properties, environment) wins; {@code axon.axonserver.servers}
 * switches the event store and buses to Axon Server.
 */
public class CommandSideDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "kyodoCommandSideDefaults";
    static final int DEFAULT_THREADS = 48;
    /** The command side's tracking processors (ResolutionDecidesProposal, TerminationReturnsFunds). */
    static final List<String> POLICIES = List.of("resolution-decides-proposal", "termination-returns-funds");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> defaults = EmbeddedDefaults.shared(env::getProperty);
        // Blocking command work runs on kyodo.command.threads threads (CommandWorkers); each holds one
        // connection through its unit of work, and H2 groups the commits that wait together. The pools
        // leave room for the processors, the deadline scheduler and the compaction besides.
        int threads = env.getProperty("kyodo.command.threads", Integer.class, DEFAULT_THREADS);
        defaults.put("kyodo.command.threads", threads);
        defaults.put("spring.datasource.hikari.maximum-pool-size", threads + 16);
        // the pool grows under load rather than opening every connection at start (several processes
        // on one PostgreSQL would otherwise hold hundreds of idle connections)
        defaults.put("spring.datasource.hikari.minimum-idle", 2);
        defaults.put("kyodo.vault.pool-size", threads);
        defaults.put("spring.codec.max-in-memory-size", "64KB");
        // deadlines: the scheduler starts once its table exists (created with the event tables)
        defaults.put("db-scheduler.delay-startup-until-context-ready", "true");
        // The command side's own processors (policies) keep their positions in the event store: with
        // Axon's batch of one event they committed a position after every event of every command, two
        // commits more per command on the file the commands wait for. A batch is one transaction with
        // its position; their handlers are idempotent, so a batch that fails is simply handled again.
        for (String policy : POLICIES) {
            defaults.put("axon.eventhandling.processors." + policy + ".batch-size", "100");
        }
        defaults.put("db-scheduler.polling-interval", "5s");
        // A deadline picked by a process that was killed stays picked until its heartbeat is older than
        // interval × limit; then db-scheduler revives it. The defaults (5 min × 6) would leave a
        // reservation's expiry or an overdue mark waiting half an hour after a kill -9 (ADR 13).
        defaults.put("db-scheduler.heartbeat-interval", "5s");
        defaults.put("db-scheduler.missed-heartbeats-limit", "4");
        // db-scheduler warns, on a logger of its own meant to be silenced, that on a database it has no
        // overrides for (H2) it assumes time columns that keep their zone: ours are TIMESTAMP WITH TIME
        // ZONE (CommandStorageConfiguration), so the assumption holds and the warning says nothing.
        defaults.put("logging.level.com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization.utc_warning",
                "ERROR");
        // Axon's repository logs every failed load at WARN with its stack trace, a command to an unknown id (a
        // 404) included. The failure goes on to the sender, and ProblemLog logs it once as what it is: DEBUG for
        // a refusal (the 404), ERROR with where each cause was thrown for a failure of ours.
        defaults.put("logging.level.org.axonframework.modelling.command.AbstractRepository", "ERROR");
        defaults.put("server.error.include-message", "never");
        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.jackson.time-zone", "Asia/Tokyo");
        env.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
