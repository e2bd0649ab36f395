package kyodo.query.proposal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import kyodo.kernel.personal.JdbcPersonKeyVault;
import kyodo.kernel.personal.PersonalDataProtector;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stores a query-side test needs, all in memory: a mongo-java-server reached through the
 * official driver (which records the commands it sends), and an H2-backed key vault. A test class
 * holds one as {@code @RegisterExtension static final TestStores stores = new TestStores();}: it is
 * closed after the class's tests. (A class with {@code @Nested} classes opens and closes its own in
 * {@code @BeforeAll}/{@code @AfterAll}: an extension of the outer class also runs after each nested one.)
 */
public final class TestStores implements AutoCloseable, AfterAllCallback {

    /** The mapper Spring Boot would configure: ISO-8601 dates, not timestamps. */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public final MongoServer server;
    public final MongoClient client;
    public final JdbcPersonKeyVault vault;
    public final PersonalDataProtector protector;
    /** Names of the commands sent to the store, e.g. {@code update}, {@code find}. */
    public final List<String> commands = new CopyOnWriteArrayList<>();

    public TestStores() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.add(event.getCommandName());
                    }
                })
                .build());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:q-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SecureRandom random = new SecureRandom();
        vault = new JdbcPersonKeyVault(dataSource, PersonalDataProtector.keyGenerator(random));
        vault.createSchema();
        protector = new PersonalDataProtector(vault, JSON, random);
    }

    /** A database of its own, so that no test sees another's documents. */
    public MongoDatabase freshDatabase() {
        return client.getDatabase("t" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
