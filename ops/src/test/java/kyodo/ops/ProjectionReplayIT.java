package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import kyodo.ops.cli.KyodoCli;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
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
    private static final Set<String> INTERNAL = Set.of("trackingtokens", "analytics_cells_state", "queryprocesses");

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

    /** Every document of every read-model collection, as JSON, by collection, by _id. */
    static TreeMap<String, List<String>> dump(KyodoTestApp app) {
        ReadStore store = app.context().getBean(ReadStore.class);
        TreeMap<String, List<String>> dump = new TreeMap<>();
        for (String collection : store.collectionNames()) {
            if (INTERNAL.contains(collection)) {
                continue;
            }
            List<Document> documents = store.collection(collection).find().into(new ArrayList<>());
            documents.sort(Comparator.comparing(d -> String.valueOf(d.get("_id"))));
            dump.put(collection, documents.stream().map(Document::toJson).toList());
        }
        return dump;
    }

    @Test
    void replayingEveryProjectionGivesTheDocumentsOfTheLiveRun() {
        assertThat(cli("demo", "load", "--kyodo.data-dir=" + dataDir, "--logging.level.root=ERROR"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1271 subjects, 246 steps applied")
                .contains("read models caught up");
        TreeMap<String, List<String>> live;
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            app.awaitReadModels();
            live = dump(app);
        }
        assertThat(live.keySet()).contains("projects", "proposals", "meetings");
        assertThat(live.get("projects")).hasSize(1175);

        int status = cli("projections", "replay", "all", "--kyodo.data-dir=" + dataDir,
                "--logging.level.root=ERROR");

        String progress = err.toString(StandardCharsets.UTF_8);
        assertThat(status).as(progress).isZero();
        assertThat(progress).contains("replaying ").contains("project-views").contains("events/s").contains("100.0%");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("replayed ");
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            app.awaitReadModels();
            TreeMap<String, List<String>> replayed = dump(app);
            assertThat(replayed.keySet()).isEqualTo(live.keySet());
            live.forEach((collection, documents) -> assertThat(replayed.get(collection)).as(collection)
                    .containsExactlyElementsOf(documents));
        }

        exportWritesThePublicReadModelsAsDescribedCsv(live.get("decision_log").size());
    }

    /** {@code export DIR} on the loaded data directory: CSV for Excel plus a description of every field. */
    private void exportWritesThePublicReadModelsAsDescribedCsv(int decisions) {
        Path exported = dataDir.resolveSibling(dataDir.getFileName() + "-export");
        int status = cli("export", exported.toString(), "--kyodo.data-dir=" + dataDir, "--logging.level.root=ERROR");
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        try {
            JsonNode description = ExportIT.assertDescribedPackage(exported);
            List<String> paths = description.get("resources").findValuesAsText("path");
            assertThat(paths).contains("proposals.csv", "meetings.csv", "projects.csv", "ward-budgets.csv",
                    "analytics-proposals-summary.csv", "analytics-proposals-summary-by-theme.csv",
                    "analytics-projects-counts.csv", "analytics-budgets.csv", "analytics-meetings-participation.csv",
                    "analytics-decisions.csv", "decision-log.csv");
            for (String path : paths) {
                assertThat(Files.readString(exported.resolve(path))).doesNotContain("demo@example.jp")
                        .doesNotContain("デモ 一郎");
            }
            assertThat(csv(Files.readString(exported.resolve("projects.csv")).substring(1))).hasSize(1175 + 1);

            List<List<String>> projects = csv(Files.readString(exported.resolve("analytics-projects-counts.csv"))
                    .substring(1));
            List<String> header = projects.get(0);
            long collaborative2008 = projects.stream().skip(1)
                    .filter(r -> r.get(header.indexOf("fiscalYear")).equals("2008")
                            && r.get(header.indexOf("programme")).equals("COLLABORATIVE"))
                    .mapToLong(r -> Long.parseLong(r.get(header.indexOf("count")))).sum();
            assertThat(collaborative2008).isEqualTo(184);
            assertThat(csv(Files.readString(exported.resolve("decision-log.csv")).substring(1))).hasSize(decisions + 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** RFC 4180 records of a CSV text (quoted cells, doubled quotes, CRLF). */
    static List<List<String>> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                // part of CRLF
            } else if (c == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return records;
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
