package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.ops.cli.KyodoCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code export DIR} writes every public read model (proposals, meetings, projects, ward budgets)
 * beside the analyst models and the decision log, as CSV described by a Frictionless
 * {@code datapackage.json}; no name, contact or staff id reaches any file.
 */
class ExportIT {

    /** The types a Frictionless Table Schema field may have that the export uses. */
    private static final Set<String> TABLE_TYPES = Set.of("string", "integer", "number", "boolean", "date",
            "datetime", "array");

    @TempDir
    Path dataDir;

    @Test
    void everyPublicReadModelIsExportedDescribedAndFreeOfPersonalData() throws Exception {
        String proposal;
        String answered;
        String meeting;
        String project;
        try (KyodoTestApp app = KyodoTestApp.start(dataDir)) {
            Client staff = app.client("STAFF", "saiwai");
            proposal = staff.submitProposal();
            Map<String, Object> second = Requests.proposal();
            second.put("proposer", Map.of("name", "幸 花子", "contact", "044-555-0199"));
            answered = staff.created("/api/proposals", second);
            staff.post("/api/proposals/{id}/acknowledgement", answered).body(Map.of("department", "地域振興課")).ok();
            staff.post("/api/proposals/{id}/decision", answered)
                    .body(Map.of("outcome", "ACCEPTED", "reason", "実施します")).ok();
            meeting = staff.scheduleMeeting(Requests.meeting());
            staff.post("/api/meetings/{id}/registrations", meeting).ifMatch(0)
                    .body(Requests.registration("中原 三郎", "中原町内会")).succeeds();
            project = staff.created("/api/projects", Map.of("ward", "saiwai", "fiscalYear", 2025,
                    "title", "駅前駐輪場の拡張", "theme", "交通", "programme", "WARD_LOCAL_ISSUE",
                    "leadDepartment", "地域振興課"));
            app.client("ADMIN", null).put("/api/ward-budgets/{w}/{y}", "saiwai", 2025)
                    .body(Map.of("envelopeYen", 55_000_000, "reason", "当初予算")).ok();
            app.awaitReadModels();
        }

        Path exported = dataDir.resolveSibling(dataDir.getFileName() + "-export");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KyodoCli.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "export", exported.toString(),
                "--kyodo.data-dir=" + dataDir, "--logging.level.root=ERROR");
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();

        JsonNode description = assertDescribedPackage(exported);
        assertThat(description.get("resources").findValuesAsText("path")).contains("proposals.csv", "meetings.csv",
                "projects.csv", "ward-budgets.csv", "analytics-proposals-summary.csv", "decision-log.csv");
        assertThat(column(exported, "proposals.csv", "id")).containsExactlyInAnyOrder(proposal, answered);
        assertThat(column(exported, "proposals.csv", "outcome")).containsExactlyInAnyOrder("", "ACCEPTED");
        assertThat(column(exported, "proposals.csv", "themes")).containsOnly("[\"交通\",\"まちづくり\"]");
        assertThat(column(exported, "meetings.csv", "id")).containsExactly(meeting);
        assertThat(column(exported, "meetings.csv", "registrations")).containsExactly("1");
        assertThat(column(exported, "projects.csv", "id")).containsExactly(project);
        assertThat(column(exported, "ward-budgets.csv", "envelopeYen")).containsExactly("55000000");
        assertThat(column(exported, "ward-budgets.csv", "budgetId")).hasSize(1);

        for (String personal : List.of(Requests.PROPOSER_NAME, Requests.PROPOSER_CONTACT, "幸 花子", "044-555-0199",
                "0445550199", "中原 三郎", "t-staff-", "t-admin-", "t-ward-head-")) {
            assertNoExportedFileHolds(exported, personal);
        }
    }

    /**
     * The description is a Frictionless tabular data package that lists every file of the directory
     * with its dialect, size, hash and schema, every field typed and described, the header row being
     * the fields; answers the description.
     */
    static JsonNode assertDescribedPackage(Path exported) throws IOException {
        JsonNode description = new ObjectMapper().readTree(exported.resolve("datapackage.json").toFile());
        assertThat(description.get("profile").asText()).isEqualTo("tabular-data-package");
        assertThat(description.get("personalData").asText()).isEqualTo("none");
        assertThat(description.get("created").asText()).isNotBlank();
        List<String> paths = description.get("resources").findValuesAsText("path");
        try (Stream<Path> files = Files.list(exported)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.equals("datapackage.json")))
                    .as("every file is described").containsExactlyInAnyOrderElementsOf(paths);
        }
        for (JsonNode resource : description.get("resources")) {
            Path file = exported.resolve(resource.get("path").asText());
            byte[] bytes = Files.readAllBytes(file);
            assertThat(resource.get("name").asText()).matches("[a-z0-9._-]+");
            assertThat(resource.get("profile").asText()).isEqualTo("tabular-data-resource");
            assertThat(resource.get("format").asText()).isEqualTo("csv");
            assertThat(resource.get("encoding").asText()).isEqualTo("utf-8");
            assertThat(resource.get("dialect").get("lineTerminator").asText()).isEqualTo("\r\n");
            assertThat(resource.get("bytes").asLong()).isEqualTo(bytes.length);
            assertThat(resource.get("hash").asText()).isEqualTo("sha256:" + HexFormat.of().formatHex(
                    sha256(bytes)));
            assertThat(resource.get("sources").get(0).get("title").asText()).startsWith("read model ");
            assertThat(Arrays.copyOf(bytes, 3)).containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
            JsonNode fields = resource.get("schema").get("fields");
            List<List<String>> rows = ProjectionReplayIT.csv(new String(bytes, 3, bytes.length - 3,
                    StandardCharsets.UTF_8));
            assertThat(rows.get(0)).as("header = described fields of " + file.getFileName())
                    .containsExactlyElementsOf(fields.findValuesAsText("name"));
            assertThat(rows).hasSize(resource.get("rows").asInt() + 1);
            fields.forEach(f -> {
                assertThat(f.get("description").asText()).as(f.get("name").asText()).isNotBlank();
                assertThat(f.get("type").asText()).as(f.get("name").asText()).isIn(TABLE_TYPES);
            });
            JsonNode key = resource.get("schema").get("primaryKey");
            if (key != null) {
                assertThat(fields.findValuesAsText("name")).contains(key.asText());
            }
        }
        return description;
    }

    /** The cells of a column of an exported CSV, header left out. */
    private static List<String> column(Path exported, String file, String name) throws IOException {
        List<List<String>> rows = ProjectionReplayIT.csv(Files.readString(exported.resolve(file)).substring(1));
        int index = rows.get(0).indexOf(name);
        assertThat(index).as(name + " in " + file).isNotNegative();
        List<String> cells = new ArrayList<>();
        rows.stream().skip(1).forEach(row -> cells.add(row.get(index)));
        return cells;
    }

    private static void assertNoExportedFileHolds(Path exported, String text) throws IOException {
        try (Stream<Path> files = Files.list(exported)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.getFileName() + " holds no " + text).doesNotContain(text);
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
