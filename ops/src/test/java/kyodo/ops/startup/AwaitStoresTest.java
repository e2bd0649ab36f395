package kyodo.ops.startup;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitStoresTest {

    private static final StartupSettings NO_RETRY = new StartupSettings(Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ZERO, Duration.ofSeconds(2));

    @Test
    void theStoresOnTheNetworkAreFoundInTheSettingsAndFilesAreNot() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("axon.axonserver.servers", "axon-1.example,axon-2.example:8125")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example/kyodo_events?ssl=true")
                .withProperty("kyodo.vault.url", "jdbc:h2:file:/var/lib/kyodo/vault/keys")
                .withProperty("kyodo.security.accounts-url", "jdbc:postgresql://[::1]:5433,db2.example:5434/accounts")
                .withProperty("kyodo.mongodb.uri", "mongodb://kyodo:secret@m1.example,m2.example:27018/kyodo?replicaSet=rs0");

        assertThat(AwaitStores.addresses(env)).extracting(StoreAddress::engine, StoreAddress::setting, StoreAddress::address)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Axon Server", "axon.axonserver.servers", "axon-1.example:8124"),
                        org.assertj.core.groups.Tuple.tuple("Axon Server", "axon.axonserver.servers", "axon-2.example:8125"),
                        org.assertj.core.groups.Tuple.tuple("PostgreSQL", "spring.datasource.url", "db.example:5432"),
                        org.assertj.core.groups.Tuple.tuple("PostgreSQL", "kyodo.security.accounts-url", "::1:5433"),
                        org.assertj.core.groups.Tuple.tuple("PostgreSQL", "kyodo.security.accounts-url", "db2.example:5434"),
                        org.assertj.core.groups.Tuple.tuple("MongoDB", "kyodo.mongodb.uri", "m1.example:27017"),
                        org.assertj.core.groups.Tuple.tuple("MongoDB", "kyodo.mongodb.uri", "m2.example:27018"));
        assertThat(AwaitStores.addresses(env).get(2).holds()).as("with Axon Server the database keeps the rest")
                .isEqualTo("the Idempotency-Keys and deadlines");
    }

    @Test
    void theCommandSideAloneDoesNotWaitForTheReadModelsNorTheEmbeddedDefaultForAnything() {
        MockEnvironment commandSide = new MockEnvironment().withProperty("kyodo.side", "command")
                .withProperty("axon.axonserver.enabled", "false")
                .withProperty("axon.axonserver.servers", "axon.example")
                .withProperty("kyodo.mongodb.uri", "mongodb://m1.example/kyodo");
        assertThat(AwaitStores.addresses(commandSide)).isEmpty();

        MockEnvironment embedded = new MockEnvironment().withProperty("axon.axonserver.enabled", "false")
                .withProperty("spring.datasource.url", "jdbc:h2:file:/tmp/data/eventstore/kyodo;WRITE_DELAY=0")
                .withProperty("kyodo.mongodb.uri", "mongodb+srv://cluster.example/kyodo");
        assertThat(AwaitStores.addresses(embedded)).as("files, and DNS-resolved MongoDB clusters").isEmpty();
    }

    @Test
    void aStoreThatListensIsWaitedForNoLonger() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            StoreAddress store = new StoreAddress("PostgreSQL", "the events", "spring.datasource.url",
                    "127.0.0.1", listening.getLocalPort());
            AwaitStores.await(List.of(store), NO_RETRY);
            assertThat(AwaitStores.connect(store, Duration.ofSeconds(2))).isNull();
        }
    }

    @Test
    void aStoreThatNeverAnswersStopsTheStartNamingItAndItsSetting() throws IOException {
        StoreAddress closed = new StoreAddress("MongoDB", "the read models", "kyodo.mongodb.uri", "127.0.0.1", closedPort());

        assertThatThrownBy(() -> AwaitStores.await(List.of(closed), NO_RETRY))
                .isInstanceOf(StoreUnreachable.class)
                .hasMessageStartingWith("not reachable after 0ms: MongoDB (the read models) at 127.0.0.1:"
                        + closed.port() + " is not reachable (")
                .hasMessageEndingWith("): start it, or correct kyodo.mongodb.uri (command line, environment or "
                        + "<data-dir>/kyodo.properties)");
    }

    @Test
    void waitsAreWrittenAsInTheSettings() {
        assertThat(AwaitStores.readable(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(AwaitStores.readable(Duration.ofMillis(1757))).isEqualTo("1.8s");
        assertThat(AwaitStores.readable(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(AwaitStores.readable(Duration.ofMinutes(5))).isEqualTo("5m");
    }

    @Test
    void theWaitDoublesUpToItsLongest() {
        assertThat(NO_RETRY.next(Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(20));
        assertThat(NO_RETRY.next(Duration.ofMillis(30))).isEqualTo(Duration.ofMillis(40));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
