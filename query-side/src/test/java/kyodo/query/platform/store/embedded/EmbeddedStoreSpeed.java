package kyodo.query.platform.store.embedded;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import kyodo.query.platform.store.ListIndexes;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.search.SearchTokens;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Not a test: loads proposal-like documents (the bench's shape: ~1–2 KB, a few hundred search
 * bigrams, the proposal projection's indexes) into a fresh store and prints how long the list
 * queries take. {@code java ... EmbeddedStoreSpeed <directory> [documents] [mongo-java-server]}, the
 * last to measure the engine it replaces the same way.
 */
public final class EmbeddedStoreSpeed {

    private static final String TEXT = "区民の提案として公園の遊具を新しくし歩道を広げ図書館の開館時間を延ばし"
            + "保育所の定員を増やし防災倉庫を整え駅前の駐車場を拡張し高齢者の見守りを強め学校の給食を改善する";

    private EmbeddedStoreSpeed() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        boolean before = args.length > 2 && args[2].equals("mongo-java-server");
        Random random = new Random(13);
        long loadStart = System.nanoTime();
        try (ReadStore store = before ? mongoJavaServer(directory) : EmbeddedReadStore.open(directory)) {
            ReadCollection proposals = store.collection("proposals");
            // the proposal projection's indexes
            ListIndexes.declare(proposals, "listed", List.of("ward", "status", "fiscalYear", "themes", "programme",
                    "overdue"), List.of("submittedAt", "dueOn"), "searchTokens");
            UpdateOptions upsert = new UpdateOptions().upsert(true);
            for (int start = 0; start < n; start += 500) {
                List<WriteModel<Document>> batch = new ArrayList<>();
                for (int i = start; i < Math.min(n, start + 500); i++) {
                    Document doc = proposal(random, i);
                    batch.add(new UpdateOneModel<>(Filters.eq("_id", doc.getString("_id")),
                            new Document("$setOnInsert", doc), upsert));
                }
                proposals.bulkWrite(batch);
                store.makeDurable();
            }
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            System.out.printf("load: %d documents in %.1f s (%.0f/s)%n", n, loadSeconds, n / loadSeconds);

            Bson order = Sorts.descending("submittedAt", "_id");
            Bson submitted = Filters.eq("listed", true);
            Bson fields = Projections.include("version", "ward", "title", "themes", "status", "submittedAt");
            // the three list requests as ProposalViews sends them: the count, then the page
            Bson search = Filters.and(submitted, Filters.all("searchTokens", SearchTokens.ofQuery("駐輪場")));
            time("GET ?q=駐輪場 (count + page 0)", () -> proposals.count(search) + ":" + page(proposals, search, order, 0, fields));
            Bson status = Filters.and(submitted, Filters.eq("status", "SUBMITTED"));
            time("GET ?status=SUBMITTED&page=50", () -> proposals.count(status) + ":" + page(proposals, status, order, 50, fields));
            Bson ward = Filters.and(submitted, Filters.eq("ward", "w07"));
            time("GET ?ward=w07 (count + page 0)", () -> proposals.count(ward) + ":" + page(proposals, ward, order, 0, fields));
            time("GET ?q=駐輪場&page=50", () -> proposals.count(search) + ":" + page(proposals, search, order, 50, fields));
            Bson rare = Filters.and(submitted, Filters.all("searchTokens", SearchTokens.ofQuery("駐輪場の増設")));
            time("GET ?q=駐輪場の増設 (count + page 0)", () -> proposals.count(rare) + ":" + page(proposals, rare, order, 0, fields));
            time("list ward=w07 page 0", () -> page(proposals, Filters.and(Filters.eq("ward", "w07"), submitted), order, 0, fields));
            time("list ward=w07 page 50", () -> page(proposals, Filters.and(Filters.eq("ward", "w07"), submitted), order, 50, fields));
            time("list status=ACCEPTED", () -> page(proposals, Filters.and(Filters.eq("status", "ACCEPTED"), submitted), order, 0, fields));
            time("list themes=parks", () -> page(proposals, Filters.and(Filters.eq("themes", "parks"), submitted), order, 0, fields));
            time("list ward+status+theme", () -> page(proposals, Filters.and(Filters.eq("ward", "w03"),
                    Filters.eq("status", "SUBMITTED"), Filters.eq("themes", "safety"), submitted), order, 0, fields));
            time("list q=図書館", () -> page(proposals, Filters.and(Filters.all("searchTokens",
                    SearchTokens.ofQuery("図書館")), submitted), order, 0, fields));
            time("list q=駐輪場 ward=w02", () -> page(proposals, Filters.and(Filters.eq("ward", "w02"),
                    Filters.all("searchTokens", SearchTokens.ofQuery("駐輪場")), submitted), order, 0, fields));
            time("list all page 0", () -> page(proposals, submitted, order, 0, fields));
            time("count ward=w07", () -> proposals.count(Filters.and(Filters.eq("ward", "w07"), submitted)));
            time("count ward=w07 (index only)", () -> proposals.count(Filters.eq("ward", "w07")));
            time("count q=図書館", () -> proposals.count(Filters.and(Filters.all("searchTokens",
                    SearchTokens.ofQuery("図書館")), submitted)));
            time("get by _id", () -> proposals.find(Filters.and(Filters.eq("_id", "p" + random.nextInt(n)), submitted)).first());
            time("versioned update", () -> {
                String id = "p" + random.nextInt(n);
                proposals.bulkWrite(List.of(new UpdateOneModel<>(Filters.and(Filters.eq("_id", id),
                        Filters.lt("version", Long.MAX_VALUE)), Updates.combine(Updates.set("status", "ACKNOWLEDGED"),
                        Updates.inc("version", 1L)))));
                store.makeDurable();
                return id;
            });
        }
        long bytes = Files.size(directory.resolve(before ? "readmodels.mv" : EmbeddedReadStore.FILE));
        System.out.printf("file after close: %.1f MB, %d bytes per document (with indexes)%n", bytes / 1e6, bytes / n);
    }

    /** The engine before this one: mongo-java-server on an H2 file, through the driver (as EmbeddedMongo). */
    private static ReadStore mongoJavaServer(Path directory) throws Exception {
        Files.createDirectories(directory);
        H2Backend backend = new H2Backend(directory.resolve("readmodels.mv").toString());
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        MongoReadStore store = new MongoReadStore(client, client.getDatabase("kyodo"), "mongo-java-server");
        return new ReadStore() {
            @Override
            public ReadCollection collection(String name) {
                return store.collection(name);
            }

            @Override
            public List<String> collectionNames() {
                return store.collectionNames();
            }

            @Override
            public void makeDurable() {
                // as EmbeddedMongo did: the H2 backend leaves its writes to MVStore's auto-commit otherwise
                backend.commit();
            }

            @Override
            public String describe() {
                return store.describe();
            }

            @Override
            public void close() {
                store.close();
                server.shutdown();
            }
        };
    }

    static Document proposal(Random random, int i) {
        int from = random.nextInt(TEXT.length() - 40);
        String title = TEXT.substring(from, from + 12);
        // as in the bench's data: one title in twenty about bicycle parking, a few about adding some
        int topic = random.nextInt(1000);
        title = topic < 2 ? "駐輪場の増設" + title : topic < 50 ? "駅前の駐輪場" + title : title;
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            int at = random.nextInt(TEXT.length() - 60);
            body.append(TEXT, at, at + 60);
        }
        List<String> themes = random.nextBoolean() ? List.of(pick(random, "parks", "safety", "welfare", "education"))
                : List.of("parks", pick(random, "safety", "welfare", "transport"));
        Date submitted = new Date(1_700_000_000_000L + 60_000L * i + random.nextInt(60_000));
        return new Document("_id", "p" + i).append("version", 1L).append("listed", true).append("ward", String.format("w%02d", random.nextInt(20)))
                .append("title", title).append("body", body.toString()).append("themes", themes)
                .append("programme", pick(random, "GENERAL", "YOUTH", "PARTICIPATORY_BUDGET"))
                .append("channel", "WEB").append("status", pick(random, "SUBMITTED", "ACKNOWLEDGED", "ACCEPTED", "REJECTED"))
                .append("submittedAt", submitted).append("fiscalYear", 2023 + random.nextInt(3)).append("overdue", false)
                .append("answeredLate", false).append("searchTokens", SearchTokens.ofDocument(title, body.toString()))
                .append("timeline", List.of(new Document("sequence", 0L).append("kind", "SUBMITTED").append("at", submitted)))
                .append("proposer", new Document("subjectId", "s" + i).append("algorithm", "AES/GCM")
                        .append("nonce", "n" + random.nextLong()).append("ciphertext", Long.toHexString(random.nextLong()).repeat(4)));
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private static int page(ReadCollection c, Bson filter, Bson order, int page, Bson fields) {
        return c.find(filter).sort(order).skip(page * 20).limit(20).projection(fields).into(new ArrayList<>()).size();
    }

    /**
     * The median wall time and the median CPU time of the calling thread: on a shared, busy machine the
     * wall time mostly measures the wait for a core, the CPU time what the query costs.
     */
    private static void time(String what, Supplier<Object> query) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Object answer = null;
        for (int i = 0; i < 200; i++) {
            answer = query.get(); // warm-up: the planner's and the decoder's code compiled
        }
        long[] ms = new long[21];
        long[] cpu = new long[ms.length];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            answer = query.get();
            cpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1000;
            ms[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        String shown = String.valueOf(answer);
        System.out.printf("%-32s median %7.2f ms  max %7.2f ms  CPU median %7.2f ms  (answer %s)%n", what,
                ms[ms.length / 2] / 1000.0, ms[ms.length - 1] / 1000.0, cpu[cpu.length / 2] / 1000.0,
                shown.length() > 60 ? shown.substring(0, 60) + "…" : shown);
    }
}
