package kyodo.ops;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import kyodo.ops.cli.KyodoCli;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code projections replay} rebuilds every read model from the event store into exactly the
 * documents the live run wrote (after {@code demo load} on the same data directory).
 */
class ProjectionReplayIT {

    /** Bookkeeping of the processors, not read models: tokens move on a replay by design. */
    private static final Set<String> INTERNAL = Set.of("trackingtokens");
    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        out.reset();
        err.reset();
        return KyodoCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    /** Every document of every read-model collection, as JSON, by database and collection, by _id. */
    private static TreeMap<String, List<String>> dump(KyodoTestApp app) {
        MongoClient mongo = app.context().getBean(MongoClient.class);
        TreeMap<String, List<String>> dump = new TreeMap<>();
        for (String database : mongo.listDatabaseNames()) {
            if (SYSTEM_DATABASES.contains(database)) {
                continue;
            }
            MongoDatabase db = mongo.getDatabase(database);
            for (String collection : db.listCollectionNames()) {
                if (INTERNAL.contains(collection) || collection.startsWith("system.")) {
                    continue;
                }
                List<Document> documents = db.getCollection(collection).find().into(new ArrayList<>());
                documents.sort(Comparator.comparing(d -> String.valueOf(d.get("_id"))));
                dump.put(database + "." + collection, documents.stream().map(Document::toJson).toList());
            }
        }
        return dump;
    }

    @Test
    void replayingEveryProjectionGivesTheDocumentsOfTheLiveRun() {
        assertThat(cli("demo", "load", "--kyodo.data-dir=" + dataDir, "--logging.level.root=ERROR"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1264 subjects, 232 steps applied")
                .contains("read models caught up");
        TreeMap<String, List<String>> live;
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            SeedDatasetIT.awaitReadModels(app);
            live = dump(app);
        }
        assertThat(live.keySet()).contains("kyodo.projects", "kyodo.proposals", "kyodo.meetings");
        assertThat(live.get("kyodo.projects")).hasSize(1175);

        int status = cli("projections", "replay", "all", "--kyodo.data-dir=" + dataDir,
                "--logging.level.root=ERROR");

        String progress = err.toString(StandardCharsets.UTF_8);
        assertThat(status).as(progress).isZero();
        assertThat(progress).contains("replaying ").contains("project-views").contains("events/s").contains("100.0%");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("replayed ");
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            SeedDatasetIT.awaitReadModels(app);
            TreeMap<String, List<String>> replayed = dump(app);
            assertThat(replayed.keySet()).isEqualTo(live.keySet());
            live.forEach((collection, documents) -> assertThat(replayed.get(collection)).as(collection)
                    .containsExactlyElementsOf(documents));
        }
    }

    @Test
    void anUnknownProjectionIsRefusedWithTheValidNames() {
        int status = cli("projections", "replay", "no-such-views", "--kyodo.data-dir=" + dataDir,
                "--logging.level.root=ERROR");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no projection no-such-views")
                .contains("project-views").contains("proposal-views").contains("all");
    }
}
