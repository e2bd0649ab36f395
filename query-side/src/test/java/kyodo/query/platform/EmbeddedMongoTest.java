package kyodo.query.platform;

import com.mongodb.AuthenticationMechanism;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import kyodo.query.platform.embedded.ScramClient;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class EmbeddedMongoTest {

    @TempDir
    Path directory;

    private EmbeddedMongo store;
    private final List<MongoClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        store = new EmbeddedMongo(directory);
    }

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        if (store != null) {
            store.close();
        }
    }

    private MongoClient client(String connectionString, Consumer<MongoClientSettings.Builder> more) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS));
        more.accept(settings);
        MongoClient client = MongoClients.create(settings.build());
        clients.add(client);
        return client;
    }

    private MongoClient client(String connectionString) {
        return client(connectionString, settings -> { });
    }

    private ConnectionString connection() {
        return new ConnectionString(store.connectionString());
    }

    private int port() {
        return Integer.parseInt(connection().getHosts().get(0).split(":")[1]);
    }

    private String password() {
        return new String(connection().getPassword());
    }

    /** The store's address with no credentials, or with other ones. */
    private String address(String userInfo) {
        return "mongodb://" + userInfo + "127.0.0.1:" + port() + "/";
    }

    private static void assertRefused(Runnable operation, int code) {
        Throwable thrown = catchThrowable(operation::run);
        assertThat(thrown).isInstanceOf(MongoServerException.class);
        assertThat(((MongoServerException) thrown).getCode()).as(thrown.getMessage()).isEqualTo(code);
    }

    private static void assertAuthenticationFails(Runnable operation) {
        Throwable thrown = catchThrowable(operation::run);
        assertThat(thrown).isInstanceOf(MongoSecurityException.class);
        assertThat(thrown.getCause()).isInstanceOfSatisfying(MongoCommandException.class,
                cause -> assertThat(cause.getErrorCode()).isEqualTo(18));
    }

    @Test
    void theConnectionStringCarriesTheGeneratedCredentialsForLoopback() throws Exception {
        ConnectionString connection = connection();

        assertThat(connection.getHosts()).singleElement().asString().startsWith("127.0.0.1:");
        assertThat(connection.getDatabase()).isNull();
        assertThat(connection.getCredential().getUserName()).isEqualTo("kyodo");
        assertThat(connection.getCredential().getSource()).isEqualTo("admin");
        assertThat(connection.getCredential().getAuthenticationMechanism())
                .isEqualTo(AuthenticationMechanism.SCRAM_SHA_256);
        assertThat(Files.readAllLines(directory.resolve("credentials"))).contains("password=" + password());
    }

    @Test
    void theDriverWithTheCredentialsReadsWritesAggregatesIndexesAndPages() {
        List<String> commands = new CopyOnWriteArrayList<>();
        MongoClient client = client(store.connectionString(), settings -> settings.addCommandListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.add(event.getCommandName());
            }
        }));
        MongoCollection<Document> proposals = client.getDatabase("kyodo").getCollection("proposals");

        proposals.insertOne(new Document("_id", "p-1").append("ward", "saiwai").append("votes", 1));
        proposals.updateOne(Filters.eq("_id", "p-1"), Updates.inc("votes", 2));
        proposals.bulkWrite(List.of(
                new InsertOneModel<>(new Document("_id", "p-2").append("ward", "saiwai").append("votes", 4)),
                new InsertOneModel<>(new Document("_id", "p-3").append("ward", "nakahara").append("votes", 5)),
                new UpdateOneModel<>(Filters.eq("_id", "p-4"), Updates.set("ward", "nakahara"),
                        new UpdateOptions().upsert(true))));
        proposals.deleteOne(Filters.eq("_id", "p-4"));

        assertThat(proposals.find(Filters.eq("_id", "p-1")).first()).containsEntry("votes", 3);
        assertThat(proposals.aggregate(List.of(
                        Aggregates.group("$ward", Accumulators.sum("votes", "$votes")),
                        Aggregates.sort(new Document("_id", 1))))
                .into(new ArrayList<>()))
                .containsExactly(new Document("_id", "nakahara").append("votes", 5),
                        new Document("_id", "saiwai").append("votes", 7));

        proposals.createIndex(Indexes.ascending("ward", "votes"), new IndexOptions().unique(true));
        assertRefused(() -> proposals.insertOne(new Document("_id", "p-5").append("ward", "saiwai").append("votes", 4)),
                11000);

        MongoCollection<Document> entries = client.getDatabase("kyodo").getCollection("decisions");
        List<Document> many = new ArrayList<>();
        for (int seq = 0; seq < 55; seq++) {
            many.add(new Document("_id", seq));
        }
        entries.insertMany(many);
        List<Integer> seen = new ArrayList<>();
        try (MongoCursor<Document> cursor = entries.find().sort(new Document("_id", 1)).batchSize(10).iterator()) {
            cursor.forEachRemaining(document -> seen.add(document.getInteger("_id")));
        }
        assertThat(seen).hasSize(55).isSorted();
        assertThat(commands.stream().filter("getMore"::equals)).hasSize(5);
    }

    @Test
    void withoutCredentialsOnlyTheHandshakeAnswers() {
        MongoClient owner = client(store.connectionString());
        owner.getDatabase("kyodo").getCollection("decisions").insertOne(new Document("_id", 1).append("decision", "adopted"));
        MongoClient stranger = client(address(""));
        MongoDatabase kyodo = stranger.getDatabase("kyodo");
        MongoCollection<Document> decisions = kyodo.getCollection("decisions");

        assertThat(stranger.getDatabase("admin").runCommand(new Document("ping", 1))).containsEntry("ok", 1.0);
        assertRefused(() -> stranger.listDatabaseNames().into(new ArrayList<>()), 13);
        assertRefused(() -> decisions.find().first(), 13);
        assertRefused(() -> decisions.countDocuments(), 13);
        assertRefused(() -> decisions.insertOne(new Document("_id", 2)), 13);
        assertRefused(() -> decisions.updateOne(Filters.eq("_id", 1), Updates.set("decision", "rejected")), 13);
        assertRefused(() -> decisions.deleteMany(new Document()), 13);
        assertRefused(() -> decisions.drop(), 13);
        assertRefused(() -> decisions.aggregate(List.of(Aggregates.match(new Document()))).first(), 13);
        assertRefused(() -> kyodo.runCommand(new Document("dbStats", 1)), 13);
        assertRefused(() -> kyodo.runCommand(new Document("dropDatabase", 1)), 13);
        assertRefused(() -> stranger.getDatabase("admin").runCommand(new Document("serverStatus", 1)), 13);

        assertThat(owner.getDatabase("kyodo").getCollection("decisions").find().into(new ArrayList<>()))
                .containsExactly(new Document("_id", 1).append("decision", "adopted"));
    }

    @Test
    void aWrongPasswordOrUserIsRefusedAtAuthentication() {
        String wrongPassword = address("kyodo:" + password().substring(1) + "x@")
                + "?authSource=admin&authMechanism=SCRAM-SHA-256";
        String wrongUser = address("mallory:" + password() + "@") + "?authSource=admin&authMechanism=SCRAM-SHA-256";
        String wrongSource = address("kyodo:" + password() + "@") + "?authSource=kyodo&authMechanism=SCRAM-SHA-256";
        String defaultMechanism = address("kyodo:" + password() + "@") + "?authSource=admin";

        for (String connectionString : List.of(wrongPassword, wrongUser, wrongSource)) {
            MongoClient client = client(connectionString);
            assertAuthenticationFails(() -> client.listDatabaseNames().into(new ArrayList<>()));
            assertAuthenticationFails(() -> client.getDatabase("kyodo").getCollection("decisions").find().first());
            assertAuthenticationFails(() -> client.getDatabase("kyodo").getCollection("decisions")
                    .insertOne(new Document("_id", 9)));
        }
        // a shell that does not name the mechanism is told SCRAM-SHA-256 in the handshake and uses it
        assertThat(client(defaultMechanism).getDatabase("kyodo").getCollection("decisions").countDocuments()).isZero();
    }

    @Test
    void aHandWrittenClientGetsNothingWithoutAuthenticating() throws Exception {
        try (WireClient wire = new WireClient(port())) {
            BsonDocument hello = wire.command(new BsonDocument("isMaster", new BsonInt32(1))
                    .append("$db", new BsonString("admin")));
            assertThat(hello.getNumber("ok").intValue()).isEqualTo(1);

            BsonDocument find = wire.command(new BsonDocument("find", new BsonString("decisions"))
                    .append("$db", new BsonString("kyodo")));
            assertThat(find.getNumber("ok").intValue()).isZero();
            assertThat(find.getInt32("code").getValue()).isEqualTo(13);
            assertThat(find.getString("codeName").getValue()).isEqualTo("Unauthorized");

            // the $query wrapper the store unwraps is unwrapped by the gate too
            WireClient.Reply wrapped = wire.query("admin.$cmd",
                    new BsonDocument("$query", new BsonDocument("listDatabases", new BsonInt32(1))));
            assertThat(wrapped.documents()).singleElement()
                    .satisfies(reply -> assertThat(reply.getInt32("code").getValue()).isEqualTo(13));

            WireClient.Reply legacyFind = wire.query("kyodo.decisions", new BsonDocument());
            assertThat(legacyFind.flags() & 2).as("QueryFailure flag").isEqualTo(2);
            assertThat(legacyFind.documents()).singleElement()
                    .satisfies(reply -> assertThat(reply.getInt32("code").getValue()).isEqualTo(13));

            WireClient.Reply inProgress = wire.query("admin.$cmd.sys.inprog", new BsonDocument());
            assertThat(inProgress.flags() & 2).isEqualTo(2);

            BsonDocument empty = wire.command(new BsonDocument("$db", new BsonString("kyodo")));
            assertThat(empty.getInt32("code").getValue()).isEqualTo(13);

            // handshake commands answer on any database without creating it; hello only on admin
            BsonDocument helloElsewhere = wire.command(new BsonDocument("hello", new BsonInt32(1))
                    .append("$db", new BsonString("junk1")));
            assertThat(helloElsewhere.getInt32("code").getValue()).isEqualTo(13);
            for (String command : List.of("isMaster", "PING", "buildInfo")) {
                BsonDocument answer = wire.command(new BsonDocument(command, new BsonInt32(1))
                        .append("$db", new BsonString("junk2")));
                assertThat(answer.getNumber("ok").intValue()).as(command).isEqualTo(1);
            }
        }
        assertThat(client(store.connectionString()).listDatabaseNames().into(new ArrayList<>()))
                .doesNotContain("junk1", "junk2");
    }

    @Test
    void aContinuationWithoutAStartFailsAndClosesTheConnection() throws Exception {
        try (WireClient wire = new WireClient(port())) {
            BsonDocument reply = wire.command(new BsonDocument("saslContinue", new BsonInt32(1))
                    .append("conversationId", new BsonInt32(1))
                    .append("payload", new BsonBinary("c=biws,r=x,p=AAAA".getBytes(StandardCharsets.US_ASCII)))
                    .append("$db", new BsonString("admin")));

            assertThat(reply.getInt32("code").getValue()).isEqualTo(18);
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void aHandWrittenScramClientAuthenticatesWithTheFullExchange() throws Exception {
        try (WireClient wire = new WireClient(port())) {
            String clientFirstBare = "n=kyodo,r=hand-written-nonce";
            BsonDocument first = wire.command(new BsonDocument("saslStart", new BsonInt32(1))
                    .append("mechanism", new BsonString("SCRAM-SHA-256"))
                    .append("payload", new BsonBinary(("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8)))
                    .append("$db", new BsonString("admin")));
            assertThat(first.getBoolean("done").getValue()).isFalse();
            String serverFirst = new String(first.getBinary("payload").getData(), StandardCharsets.UTF_8);
            assertThat(serverFirst).startsWith("r=hand-written-nonce").contains(",i=15000");

            String clientFinal = ScramClient.finalMessage(password(), clientFirstBare, serverFirst);
            BsonDocument second = wire.command(new BsonDocument("saslContinue", new BsonInt32(1))
                    .append("conversationId", first.getInt32("conversationId"))
                    .append("payload", new BsonBinary(clientFinal.getBytes(StandardCharsets.UTF_8)))
                    .append("$db", new BsonString("admin")));
            // without skipEmptyExchange the server proves itself, then waits for an empty step
            assertThat(second.getBoolean("done").getValue()).isFalse();
            assertThat(new String(second.getBinary("payload").getData(), StandardCharsets.UTF_8))
                    .isEqualTo(ScramClient.serverFinal(password(), clientFirstBare, serverFirst, clientFinal));
            BsonDocument refusedBeforeTheLastStep = wire.command(new BsonDocument("find", new BsonString("decisions"))
                    .append("$db", new BsonString("kyodo")));
            assertThat(refusedBeforeTheLastStep.getInt32("code").getValue()).isEqualTo(13);

            BsonDocument last = wire.command(new BsonDocument("saslContinue", new BsonInt32(1))
                    .append("conversationId", first.getInt32("conversationId"))
                    .append("payload", new BsonBinary(new byte[0]))
                    .append("$db", new BsonString("admin")));
            assertThat(last.getBoolean("done").getValue()).isTrue();

            BsonDocument find = wire.command(new BsonDocument("find", new BsonString("decisions"))
                    .append("$db", new BsonString("kyodo")));
            assertThat(find.getNumber("ok").intValue()).isEqualTo(1);
        }
    }

    @Test
    void theFirstScramStepRidesInTheHelloAsDriversSendIt() throws Exception {
        try (WireClient wire = new WireClient(port())) {
            String clientFirstBare = "n=kyodo,r=speculative-nonce";
            BsonDocument hello = wire.command(new BsonDocument("isMaster", new BsonInt32(1))
                    .append("saslSupportedMechs", new BsonString("admin.kyodo"))
                    .append("speculativeAuthenticate", new BsonDocument("saslStart", new BsonInt32(1))
                            .append("mechanism", new BsonString("SCRAM-SHA-256"))
                            .append("payload", new BsonBinary(("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8)))
                            .append("db", new BsonString("admin"))
                            .append("options", new BsonDocument("skipEmptyExchange", BsonBoolean.TRUE)))
                    .append("$db", new BsonString("admin")));

            assertThat(hello.getNumber("ok").intValue()).isEqualTo(1);
            assertThat(hello.getArray("saslSupportedMechs")).containsExactly(new BsonString("SCRAM-SHA-256"));
            BsonDocument speculative = hello.getDocument("speculativeAuthenticate");
            String serverFirst = new String(speculative.getBinary("payload").getData(), StandardCharsets.UTF_8);
            assertThat(serverFirst).startsWith("r=speculative-nonce");

            String clientFinal = ScramClient.finalMessage(password(), clientFirstBare, serverFirst);
            BsonDocument done = wire.command(new BsonDocument("saslContinue", new BsonInt32(1))
                    .append("conversationId", speculative.getInt32("conversationId"))
                    .append("payload", new BsonBinary(clientFinal.getBytes(StandardCharsets.UTF_8)))
                    .append("$db", new BsonString("admin")));
            // with skipEmptyExchange the server's proof ends the conversation
            assertThat(done.getBoolean("done").getValue()).isTrue();
            assertThat(new String(done.getBinary("payload").getData(), StandardCharsets.UTF_8))
                    .isEqualTo(ScramClient.serverFinal(password(), clientFirstBare, serverFirst, clientFinal));

            BsonDocument listed = wire.command(new BsonDocument("listDatabases", new BsonInt32(1))
                    .append("$db", new BsonString("admin")));
            assertThat(listed.getNumber("ok").intValue()).isEqualTo(1);
        }
    }

    @Test
    void aHelloWithAnUnofferedMechanismGetsNoSpeculativeAnswer() throws Exception {
        try (WireClient wire = new WireClient(port())) {
            BsonDocument hello = wire.command(new BsonDocument("isMaster", new BsonInt32(1))
                    .append("saslSupportedMechs", new BsonString("admin.mallory"))
                    .append("speculativeAuthenticate", new BsonDocument("saslStart", new BsonInt32(1))
                            .append("mechanism", new BsonString("SCRAM-SHA-1"))
                            .append("payload", new BsonBinary("n,,n=kyodo,r=x".getBytes(StandardCharsets.UTF_8)))
                            .append("db", new BsonString("admin")))
                    .append("$db", new BsonString("admin")));

            assertThat(hello.getNumber("ok").intValue()).isEqualTo(1);
            assertThat(hello).doesNotContainKeys("speculativeAuthenticate", "saslSupportedMechs");
            BsonDocument find = wire.command(new BsonDocument("find", new BsonString("decisions"))
                    .append("$db", new BsonString("kyodo")));
            assertThat(find.getInt32("code").getValue()).isEqualTo(13);
        }
    }

    @Test
    void aRestartKeepsTheDataAndTheOwnerOnlyCredentials() throws Exception {
        client(store.connectionString()).getDatabase("kyodo").getCollection("decisions")
                .insertOne(new Document("_id", 7).append("decision", "adopted"));
        String before = password();
        clients.forEach(MongoClient::close);
        clients.clear();
        store.close();

        store = new EmbeddedMongo(directory);

        assertThat(password()).isEqualTo(before);
        assertThat(client(store.connectionString()).getDatabase("kyodo").getCollection("decisions").find().first())
                .isEqualTo(new Document("_id", 7).append("decision", "adopted"));
        if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("credentials"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryFailsBeforeTouchingTheCredentials() throws Exception {
        byte[] credentials = Files.readAllBytes(directory.resolve("credentials"));

        assertThatThrownBy(() -> new EmbeddedMongo(directory)).hasMessageContaining("locked");
        assertThat(Files.readAllBytes(directory.resolve("credentials"))).isEqualTo(credentials);
    }
}
