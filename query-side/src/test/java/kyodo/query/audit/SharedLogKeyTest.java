package kyodo.query.audit;

import com.mongodb.client.MongoDatabase;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Query-side processes sharing one decision log start only with the key of its latest checkpoint (or
 * a key that replaced it): another key, or a fresh embedded one, would sign a fork of the log.
 */
class SharedLogKeyTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    @TempDir
    Path dir;

    private Path dataDir;
    private Path logKeyFile;
    private AuditSigningKey logKey;
    private MongoDatabase database;
    private ReadStore store;
    private final AuditConfiguration configuration = new AuditConfiguration();

    /** The first process has signed a checkpoint of the shared log with the key in {@link #logKeyFile}. */
    @BeforeEach
    void aLogSignedByTheFirstProcess() {
        dataDir = dir.resolve("data");
        logKeyFile = dir.resolve("log-key");
        logKey = AuditSigningKey.loadOrCreate(logKeyFile);
        database = stores.freshDatabase();
        store = MongoReadStore.of(database);
        new Checkpoints(store, new DecisionLog(store), new AuditKeyRing(logKey, List.of()), Clock.systemUTC(),
                settings("", "")).issue(3, MerkleTree.emptyRoot());
    }

    private static AuditSettings settings(String signingKey, String previousPublicKeys) {
        return new AuditSettings(signingKey, previousPublicKeys, Duration.ofSeconds(10), 1000, Duration.ofDays(1),
                Duration.ofHours(1), "", "city.example", List.of(), new AuditSettings.Stream(Duration.ofSeconds(15),
                Duration.ofSeconds(1)));
    }

    private AuditKeyRing start(AuditSettings settings) {
        AuditSigningKey key = configuration.auditSigningKey(settings, dataDir, store);
        return configuration.auditKeyRing(key, settings, store);
    }

    @Test
    void aSecondProcessWithTheLogsKeyStarts() {
        AuditKeyRing keys = start(settings(logKeyFile.toString(), ""));

        assertThat(keys.current().keyId()).isEqualTo(logKey.keyId());
    }

    @Test
    void aSecondProcessWithAnotherKeyRefusesToStartAndNamesBothKeys() {
        AuditSigningKey other = AuditSigningKey.loadOrCreate(dir.resolve("other-key"));

        assertThatThrownBy(() -> start(settings(dir.resolve("other-key").toString(), ""))).isInstanceOf(SharedLogKey.Refused.class)
                .hasMessage("kyodo cannot sign the decision log: the shared decision log's latest checkpoint (tree "
                        + "size 3) was signed by key " + logKey.keyId() + ", which is neither this "
                        + "process's signing key " + other.keyId() + " nor one of kyodo.audit.previous-public-keys");
    }

    @Test
    void aProcessWithoutAConfiguredKeyRefusesToMakeAFreshOneForASignedLog() {
        assertThatThrownBy(() -> start(settings("", ""))).isInstanceOf(SharedLogKey.Refused.class)
                .hasMessageContaining("was signed by key " + logKey.keyId())
                .hasMessageContaining("it would sign with a new key of its own");
        assertThat(AuditSigningKey.embeddedFile(dataDir)).doesNotExist();
    }

    @Test
    void aRotatedKeyStartsWhenTheKeyItReplacedIsListed() {
        AuditSigningKey rotated = AuditSigningKey.loadOrCreate(dir.resolve("rotated-key"));

        AuditKeyRing keys = start(settings(dir.resolve("rotated-key").toString(), " , " + logKey.publicKeyBase64()));

        assertThat(keys.current().keyId()).isEqualTo(rotated.keyId());
        assertThat(keys.find(logKey.keyId())).isPresent();
    }

    @Test
    void aFreshLogTakesAnyKeyAndMakesTheEmbeddedOne() {
        database.drop();

        AuditKeyRing keys = start(settings("", ""));

        assertThat(AuditSigningKey.embeddedFile(dataDir)).exists();
        assertThat(start(settings("", "")).current().keyId()).isEqualTo(keys.current().keyId());
    }

    @Test
    void startUpPrintsTheRefusalAndWhatToDoInsteadOfAStackTrace() {
        SharedLogKey.Refused refused = new SharedLogKey.Refused("why");

        FailureAnalysis analysis = new SharedLogKey.Analyzer().analyze(new IllegalStateException(refused));

        assertThat(analysis.getDescription()).isEqualTo("kyodo cannot sign the decision log: why").doesNotContain("\n");
        assertThat(analysis.getAction()).contains("kyodo.audit.signing-key").contains("kyodo.audit.previous-public-keys");
    }
}
