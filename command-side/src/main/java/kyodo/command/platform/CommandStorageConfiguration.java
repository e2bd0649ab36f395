package kyodo.command.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import kyodo.kernel.StoreInUse;
import kyodo.kernel.personal.JdbcPersonKeyVault;
import kyodo.kernel.personal.PersonKeyVault;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.VaultSettings;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.GenericTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the command side keeps things: events (Axon Server, or the JDBC engine on the default
 * DataSource), and personal-data keys in a vault of their own, apart from the events they unlock.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        beforeName = "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration")
@EnableConfigurationProperties(EventStoreSettings.class)
public class CommandStorageConfiguration {

    /**
     * Creates Axon's tables when the JDBC engine is in use; idempotent, runs before any processor
     * or command touches them.
     */
    @Bean
    EventStoreSchema eventStoreSchema(ObjectProvider<EventStorageEngine> engine,
                                      ObjectProvider<TokenStore> tokenStore, ObjectProvider<DataSource> dataSource) {
        EventStorageEngine storageEngine = engine.getIfAvailable();
        if (storageEngine instanceof JdbcEventStorageEngine jdbc) {
            org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory tables =
                    h2OrGeneric(dataSource.getIfAvailable());
            jdbc.createSchema(tables);
            if (tables == H2EventTableFactory.INSTANCE) {
                try (Connection c = dataSource.getObject().getConnection()) {
                    H2EventTableFactory.continueGlobalIndexAfterLastEvent(c);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot set the event store's next global index", e);
                }
            }
        }
        if (tokenStore.getIfAvailable() instanceof JdbcTokenStore jdbcTokens) {
            jdbcTokens.createSchema(isPostgres(dataSource.getIfAvailable())
                    ? PostgresTokenTableFactory.INSTANCE : GenericTokenTableFactory.INSTANCE);
        }
        DataSource ds = dataSource.getIfAvailable();
        if (ds != null) {
            createSchedulerTable(ds);
        }
        return new EventStoreSchema();
    }

    /** db-scheduler's table, where deadlines (response due dates) survive restarts. */
    static void createSchedulerTable(DataSource ds) {
        boolean postgres = isPostgres(ds);
        try (Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS scheduled_tasks ("
                    + "task_name VARCHAR(100) NOT NULL, "
                    + "task_instance VARCHAR(200) NOT NULL, "
                    + "task_data " + (postgres ? "BYTEA" : "BLOB") + ", "
                    + "execution_time TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + "picked BOOLEAN NOT NULL, "
                    + "picked_by VARCHAR(50), "
                    + "last_success TIMESTAMP WITH TIME ZONE, "
                    + "last_failure TIMESTAMP WITH TIME ZONE, "
                    + "consecutive_failures INT, "
                    + "last_heartbeat TIMESTAMP WITH TIME ZONE, "
                    + "version BIGINT NOT NULL, "
                    + "priority SMALLINT, "
                    + "PRIMARY KEY (task_name, task_instance))");
            // db-scheduler's poll asks for the due rows in execution_time order: without an index each poll read
            // and sorted the whole table, and at 10⁶ events (112k deadlines, most of them due) deadlines fired at
            // 3.5 a second on a busy core. Made at every start, so a table from before it gets it (IF NOT EXISTS:
            // H2 and PostgreSQL both take it). Its schema's index on last_heartbeat is left out: in H2 the waiting
            // rows' null heartbeats lie in the range its check reads, and with that index the check took twice as long.
            s.execute("CREATE INDEX IF NOT EXISTS scheduled_tasks_execution_time ON scheduled_tasks (execution_time)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the deadline table", e);
        }
    }

    private static org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory h2OrGeneric(DataSource ds) {
        return isPostgres(ds) ? org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory.INSTANCE
                : H2EventTableFactory.INSTANCE;
    }

    /** Whether the events are kept in PostgreSQL (its table types differ: BYTEA, BIGSERIAL). */
    private static boolean isPostgres(DataSource ds) {
        if (ds == null) {
            return false;
        }
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the event store database", e);
        }
    }

    /**
     * Axon's JDBC engine, built as its auto-configuration builds it, except for how processors read
     * past gaps in their position ({@link TrackedEventQueries}). Axon then defines no schema bean: its
     * default table and column names stand unless one is defined. Only for the embedded JDBC store:
     * with Axon Server (or any event store or engine of the operator's) Axon's own choice stands.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnMissingBean({EventStorageEngine.class, EventBus.class, EventStore.class})
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          ObjectProvider<EventSchema> eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema.getIfAvailable(EventSchema::new))
                .readEventDataWithGaps(TrackedEventQueries::readEventDataWithGaps)
                .build();
    }

    /**
     * The event store on that engine, as Axon's auto-configuration builds it, except for how many of the
     * latest events it keeps in memory for the processors that follow its head ({@link EventStoreSettings}).
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    @ConditionalOnBean(EventStorageEngine.class)
    @ConditionalOnMissingBean(EventBus.class)
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  EventStoreSettings settings) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(settings.cachedEvents())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }

    /**
     * {@code kyodo.vault.*}: the one shape both sides bind (its defaults are the kernel's); in the
     * all-in-one app whichever side binds it first serves both.
     */
    @Bean
    @ConditionalOnMissingBean
    VaultSettings vaultSettings(Environment environment) {
        return Binder.get(environment).bindOrCreate("kyodo.vault", VaultSettings.class);
    }

    @Bean
    @ConditionalOnMissingBean(PersonKeyVault.class)
    JdbcPersonKeyVault personKeyVault(VaultSettings settings, SecureRandom random) {
        // every submission writes a key here from a command thread before its command is sent
        HikariDataSource vaultDataSource = vaultPool(settings, "kyodo-keys");
        if (settings.poolSize() != null) {
            vaultDataSource.setMaximumPoolSize(settings.poolSize());
        }
        JdbcPersonKeyVault vault = new JdbcPersonKeyVault(vaultDataSource, PersonalDataProtector.keyGenerator(random));
        vault.createSchema();
        return vault;
    }

    /**
     * The event store's and the key vault's files, copied into compact files when they are mostly free
     * space: before they are opened, and after they are closed at the stop.
     */
    @Bean
    static SparseFileCopy sparseFileCopy(Environment environment) {
        return SparseFileCopy.ofCommandSide(environment);
    }

    /**
     * Compacts the embedded H2 files of events and keys while they are written (a database that is
     * no embedded H2 file is skipped at every step). Takes the data source, the vault and the schema
     * so that it starts after them and stops before them; the keys file is reached through a
     * one-connection pool of its own.
     */
    @Bean
    EmbeddedFileCompaction embeddedFileCompaction(DataSource events, PersonKeyVault vault,
                                                  EventStoreSchema schema, VaultSettings vaultSettings,
                                                  CompactionSettings compaction) {
        Duration interval = compaction.compactionInterval();
        List<EmbeddedFileCompaction.Target> targets = new ArrayList<>();
        targets.add(new EmbeddedFileCompaction.Target("event store", events, false));
        if (vaultSettings.url().startsWith("jdbc:h2:") && !interval.isZero()) {
            HikariDataSource keys = vaultPool(vaultSettings, "kyodo-keys-compaction");
            keys.setMaximumPoolSize(1);
            targets.add(new EmbeddedFileCompaction.Target("key vault", keys, true));
        }
        return EmbeddedFileCompaction.start(targets, interval);
    }

    @Bean
    @ConditionalOnMissingBean
    PersonalDataProtector personalDataProtector(PersonKeyVault vault, ObjectMapper mapper, SecureRandom random) {
        return new PersonalDataProtector(vault, mapper, random);
    }

    @Bean
    @ConditionalOnMissingBean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** A connection pool of its own to the vault's database, named for what uses it. */
    public static HikariDataSource vaultPool(VaultSettings settings, String name) {
        HikariDataSource pool = DataSourceBuilder.create().type(HikariDataSource.class)
                .url(settings.url()).username(settings.username()).password(settings.password()).build();
        pool.setPoolName(name);
        // grows under load, opens one connection at start: processes sharing a PostgreSQL do not hold
        // every connection of their pools from the start (ADR 27's cluster ran out of them)
        pool.setMinimumIdle(1);
        return pool;
    }

    /** Axon's connector settings exist only while Axon Server is enabled (the embedded default turns it off). */
    @Bean
    StoreInUse eventStoreInUse(ObjectProvider<AxonServerConfiguration> axonServer,
                               ObjectProvider<DataSourceProperties> dataSource) {
        AxonServerConfiguration server = axonServer.getIfAvailable();
        if (server != null && server.isEnabled()) {
            return new StoreInUse("events", "Axon Server " + server.getServers());
        }
        DataSourceProperties jdbc = dataSource.getIfAvailable();
        return new StoreInUse("events", "Axon JDBC engine on " + StoreInUse.redact(jdbc == null ? null : jdbc.getUrl()));
    }

    @Bean
    StoreInUse keyVaultInUse(VaultSettings settings) {
        return new StoreInUse("keys", "JDBC vault on " + StoreInUse.redact(settings.url()));
    }

    /** Marker that the event tables exist; later start-up work can depend on it. */
    public static final class EventStoreSchema {
    }
}
