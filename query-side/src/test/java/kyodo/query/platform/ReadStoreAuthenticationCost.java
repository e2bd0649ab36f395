package kyodo.query.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measures what authentication costs on the embedded read store: 10,000 small inserts and 10,000
 * finds by {@code _id} through one client, and the time to open a client and run its first command,
 * on the authenticated {@link EmbeddedMongo} and on a bare mongo-java-server over the same H2
 * backend. Rounds alternate between the two and which goes first, so machine noise hits both; the
 * best round and the median are printed.
 * <p>
 * Not a test (nothing to assert on a shared machine): run it from the test class path,
 * {@code java -cp query-side/target/test-classes:query-side/target/classes:<dependencies>
 * kyodo.query.platform.ReadStoreAuthenticationCost}.
 */
public final class ReadStoreAuthenticationCost {

    private static final int OPERATIONS = 10_000;
    private static final int ROUNDS = 8;
    private static final int CONNECTIONS = 50;

    private ReadStoreAuthenticationCost() {
    }

    private interface Store extends AutoCloseable {
        String connectionString();

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("read-store-cost");
        List<long[]> bare = new ArrayList<>();
        List<long[]> authenticated = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            // alternate which goes first, so a warming JIT or a busy neighbour does not favour one side
            if (round % 2 == 0) {
                bare.add(measure(bareStore(root.resolve("bare-" + round))));
                authenticated.add(measure(authenticatedStore(root.resolve("auth-" + round))));
            } else {
                authenticated.add(measure(authenticatedStore(root.resolve("auth-" + round))));
                bare.add(measure(bareStore(root.resolve("bare-" + round))));
            }
        }
        report("bare mongo-java-server", bare);
        report("SCRAM-SHA-256 gate     ", authenticated);
    }

    private static Store bareStore(Path directory) throws Exception {
        Files.createDirectories(directory);
        MongoServer server = new MongoServer(new H2Backend(directory.resolve("readmodels.mv").toString()));
        InetSocketAddress address = server.bind();
        return new Store() {
            public String connectionString() {
                return "mongodb://127.0.0.1:" + address.getPort();
            }

            public void close() {
                server.shutdown();
            }
        };
    }

    private static Store authenticatedStore(Path directory) {
        EmbeddedMongo store = new EmbeddedMongo(directory);
        return new Store() {
            public String connectionString() {
                return store.connectionString();
            }

            public void close() {
                store.close();
            }
        };
    }

    /** Nanoseconds: inserts, finds, and the mean time to open a client and run its first command. */
    private static long[] measure(Store store) {
        try (store; MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> collection = client.getDatabase("kyodo").getCollection("cost");
            for (int i = 0; i < 1_000; i++) {
                collection.insertOne(new Document("_id", "warm-" + i).append("n", i));
                collection.find(Filters.eq("_id", "warm-" + i)).first();
            }
            long start = System.nanoTime();
            for (int i = 0; i < OPERATIONS; i++) {
                collection.insertOne(new Document("_id", "d-" + i).append("n", i).append("ward", "saiwai"));
            }
            long inserted = System.nanoTime();
            for (int i = 0; i < OPERATIONS; i++) {
                if (collection.find(Filters.eq("_id", "d-" + i)).first() == null) {
                    throw new IllegalStateException("lost d-" + i);
                }
            }
            long found = System.nanoTime();
            for (int i = 0; i < CONNECTIONS; i++) {
                try (MongoClient another = MongoClients.create(store.connectionString())) {
                    another.getDatabase("kyodo").getCollection("cost").find(Filters.eq("_id", "d-0")).first();
                }
            }
            long connected = System.nanoTime();
            return new long[] {inserted - start, found - inserted, (connected - found) / CONNECTIONS};
        }
    }

    private static void report(String name, List<long[]> rounds) {
        System.out.printf(Locale.ROOT, "%s  10k inserts %6.0f ms (median %6.0f)   10k finds %6.0f ms (median %6.0f)"
                        + "   new client + first find %5.1f ms (median %5.1f)   best of %d rounds%n",
                name, best(rounds, 0) / 1e6, median(rounds, 0) / 1e6, best(rounds, 1) / 1e6, median(rounds, 1) / 1e6,
                best(rounds, 2) / 1e6, median(rounds, 2) / 1e6, rounds.size());
    }

    /** On a busy machine the fastest round is the closest to the cost itself; the median shows the noise. */
    private static double best(List<long[]> rounds, int index) {
        return rounds.stream().mapToLong(round -> round[index]).min().orElseThrow();
    }

    private static double median(List<long[]> rounds, int index) {
        List<Long> values = new ArrayList<>();
        rounds.forEach(round -> values.add(round[index]));
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}
