package kyodo.query.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.StoreInUse;
import kyodo.kernel.personal.JdbcPersonKeyVault;
import kyodo.kernel.personal.PersonKeyVault;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.VaultSettings;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.embedded.EmbeddedReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where the query side keeps things: read models in MongoDB (embedded mongo-java-server unless
 * {@code kyodo.mongodb.uri} / {@code KYODO_MONGODB_URI} / {@code spring.data.mongodb.uri} names a
 * real one), and each projection's tracking tokens in the same database as its documents, so that
 * a wiped read-model store rebuilds itself from the event store.
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@EnableConfigurationProperties({ReadStoreSettings.class, ProjectionSettings.class})
public class ReadModelStoreConfiguration {

    /** Packages whose processing groups are read-model projections. */
    static final String PROJECTION_PACKAGE = "kyodo.query";

    /**
     * The read models' store: the MongoDB that {@code kyodo.mongodb.uri} names (its client closed with
     * the store), else the embedded engine under {@code <data-dir>/readmodels} (ADR 17).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ReadStore readStore(ReadStoreSettings settings, @Value("${kyodo.data-dir}") Path dataDir) {
        if (!settings.external()) {
            return EmbeddedReadStore.open(dataDir.resolve("readmodels"), settings.embeddedCacheMb(),
                    settings.embeddedCompress());
        }
        String uri = settings.uri();
        MongoClient client = MongoClients.create(uri);
        String name = new ConnectionString(uri).getDatabase();
        MongoDatabase database = client.getDatabase(name == null ? settings.database() : name);
        return new MongoReadStore(client, database, "MongoDB " + StoreInUse.redact(uri) + " database "
                + database.getName());
    }

    /**
     * Runs every processing group of the query side as a pooled streaming processor with its tokens
     * in the read store itself ({@link kyodo.query.platform.store.ReadStoreTokenStore}), so that a wiped store rebuilds itself, in
     * batches of {@code kyodo.projections.batch-size}; the command side's processors keep the default
     * (event-store) token store. A group whose projection is marked {@link GlobalOrder} gets exactly
     * one segment, so that it sees events in the store's global order; the others keep Axon's default
     * segment count. Each processor holds at most the share of its segments that the context's
     * {@link MaxSegmentProvider} allows (serving processes share them, ADR 27), else any number.
     */
    @Bean
    ConfigurerModule readModelTokenStores(ListableBeanFactory beans, ObjectProvider<ReadStore> store,
                                          ProjectionSettings settings, ObjectProvider<MaxSegmentProvider> shares) {
        int batchSize = settings.batchSize();
        int segments = settings.segments();
        Map<String, Boolean> groups = new TreeMap<>();
        Arrays.stream(beans.getBeanNamesForAnnotation(ProcessingGroup.class))
                .filter(name -> {
                    Class<?> type = beans.getType(name);
                    return type != null && type.getPackageName().startsWith(PROJECTION_PACKAGE);
                })
                .forEach(name -> groups.merge(
                        Objects.requireNonNull(beans.findAnnotationOnBean(name, ProcessingGroup.class)).value(),
                        beans.findAnnotationOnBean(name, GlobalOrder.class) != null, Boolean::logicalOr));
        return configurer -> configurer.eventProcessing(processing -> groups.forEach((group, globalOrder) -> {
            // The position is stored only after the documents it covers (ADR 13): a failed or killed
            // batch is re-delivered from the stored position and re-applied (writes are idempotent),
            // never skipped.
            processing.registerTokenStore(group, c -> PositionAfterWrites.inReadStore(store.getObject(),
                    c.serializer()));
            // A processor works on at most as many segments at once as it has: Axon's default of four
            // worker threads per processor left three of every four idle (issue 13: 30 of 180 threads).
            int groupSegments = globalOrder ? 1 : segments;
            processing.registerPooledStreamingEventProcessor(group,
                    org.axonframework.config.Configuration::eventStore,
                    (c, builder) -> builder.batchSize(batchSize).initialSegmentCount(groupSegments)
                            .workerExecutor(name -> workers(name, groupSegments))
                            .maxSegmentProvider(shares.getIfAvailable(MaxSegmentProvider::maxShort)));
            // A handler that fails fails its batch, which the processor retries: a read model never
            // silently skips an event (Axon's default would log and move on).
            processing.registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance());
        }));
    }

    /** The worker threads of the processor {@code name}: one per segment, named as Axon names its own. */
    static ScheduledExecutorService workers(String name, int segments) {
        return Executors.newScheduledThreadPool(segments, new AxonThreadFactory("WorkPackage[" + name + "]"));
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

    /** The query side only reads keys (to open personal data for staff views): a small pool of its own. */
    @Bean
    @ConditionalOnMissingBean(PersonKeyVault.class)
    JdbcPersonKeyVault personKeyVault(VaultSettings settings) {
        JdbcPersonKeyVault vault = new JdbcPersonKeyVault(DataSourceBuilder.create().url(settings.url())
                .username(settings.username()).password(settings.password()).build(),
                PersonalDataProtector.keyGenerator(new SecureRandom()));
        vault.createSchema();
        return vault;
    }

    @Bean
    @ConditionalOnMissingBean
    PersonalDataProtector personalDataProtector(PersonKeyVault vault, ObjectMapper mapper) {
        return new PersonalDataProtector(vault, mapper, new SecureRandom());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    StoreInUse readModelStoreInUse(ReadStore store) {
        return new StoreInUse("read-models", store.describe());
    }
}
