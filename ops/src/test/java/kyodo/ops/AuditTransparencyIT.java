package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.ops.cli.AuditCli;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.query.audit.AuditSigningKey;
import kyodo.query.audit.CheckpointNote;
import kyodo.query.audit.Hashing;
import kyodo.query.audit.MerkleTree;
import kyodo.query.audit.Receipt;
import kyodo.query.audit.SignedNote;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpMethod;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision log as an outsider keeps it, on an installation with the default settings: a new
 * decision is covered by a signed checkpoint within {@code kyodo.audit.checkpoint-max-delay} (10 s),
 * also the very first one; the log is served in the C2SP formats (a signed-note checkpoint, hash tiles,
 * entry bundles) that agree with its JSON form, and {@code audit check} verifies both. A decision's portal
 * page links its receipt, which verifies offline after the server stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTransparencyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client staff = app.staff();
    private static final Client publicReader = app.anonymous();

    private static long decide() {
        String id = staff.acknowledgedProposal("幸区役所 地域振興課");
        staff.post("/api/proposals/{id}/decision", id)
                .body(Map.of("outcome", "ACCEPTED", "reason", "来年度に整備します")).ok();
        long[] seq = new long[1];
        KyodoTestApp.eventually(() -> {
            JsonNode page = publicReader.get("/public/decisions?limit=1000").ok().tree();
            JsonNode items = page.get("items");
            assertThat(items).isNotEmpty();
            JsonNode last = items.get(items.size() - 1);
            assertThat(last.get("subjectId").asText()).isEqualTo(id);
            seq[0] = last.get("seq").asLong();
        });
        return seq[0];
    }

    @Test
    @Order(1)
    void theFirstDecisionOfAFreshInstallationIsSignedWithinTheDelay() {
        publicReader.get("/public/audit/checkpoints/latest").status(404).problem();

        long seq = decide();

        // polled for at most 10 s (the default max delay), no assertion on how fast
        KyodoTestApp.eventually(() -> assertThat(publicReader.get("/public/audit/checkpoints/latest").ok().tree()
                .get("treeSize").asLong()).isGreaterThanOrEqualTo(seq));
    }

    @Test
    @Order(2)
    void theCheckpointIsServedAsASignedNoteAndTheTreeAsTilesThatAgreeWithTheJsonLog() {
        long seq = decide();
        KyodoTestApp.eventually(() -> assertThat(CheckpointNote.parse(SignedNote.parse(publicReader
                .get("/public/log/checkpoint").ok().text()).text()).treeSize()).isGreaterThanOrEqualTo(seq));

        Answer served = publicReader.get("/public/log/checkpoint").ok().header("Cache-Control", "no-cache");
        served.spec().expectHeader().contentType("text/plain;charset=UTF-8");
        SignedNote note = SignedNote.parse(served.text());
        SignedNote.VerifierKey key = SignedNote.VerifierKey.parse(publicReader.get("/public/log/vkey").ok().text());
        CheckpointNote checkpoint = CheckpointNote.parse(note.text());
        assertThat(checkpoint.origin()).isEqualTo("kyodo.city.example/decisions").isEqualTo(key.name());
        assertThat(note.verifiedBy(key)).isTrue();
        JsonNode json = publicReader.get("/public/audit/checkpoints/" + checkpoint.treeSize()).ok().tree();
        assertThat(Base64.getEncoder().encodeToString(Hashing.unhex(json.get("rootHash").asText())))
                .isEqualTo(note.text().split("\n")[2]);

        int size = (int) checkpoint.treeSize();
        JsonNode items = publicReader.get("/public/decisions?limit=" + size).ok().tree().get("items");
        ByteArrayOutputStream leafHashes = new ByteArrayOutputStream();
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        items.forEach(item -> {
            byte[] hash = Hashing.unhex(item.get("hash").asText());
            leafHashes.writeBytes(MerkleTree.leafHash(hash));
            bundle.writeBytes(new byte[] {0, 32});
            bundle.writeBytes(hash);
        });
        byte[] tile = publicReader.get("/public/log/tile/0/000.p/" + size).ok()
                .header("Cache-Control", "max-age=10, public").result().getResponseBody();
        assertThat(tile).isEqualTo(leafHashes.toByteArray());
        assertThat(publicReader.get("/public/log/tile/entries/000.p/" + size).ok().result().getResponseBody())
                .isEqualTo(bundle.toByteArray());
        assertThat(Arrays.copyOf(tile, 32)).isEqualTo(MerkleTree.leafHash(Hashing.unhex(items.get(0).get("hash")
                .asText())));
        publicReader.get("/public/log/tile/0/000").status(404).problem();
        publicReader.get("/public/log/tile/0/000.p/" + (size + 1)).status(404).problem();
        publicReader.get("/public/log/tile/0/0.p/1").status(404).problem();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), "audit", "check", "--url",
                URI.create("http://localhost:" + app.port()).toString(), "--max-checkpoint-age", "1h");
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isZero();
        assertThat(report).contains("ok   C2SP checkpoint of kyodo.city.example/decisions at tree size ")
                .contains("ok   its root equals the root of entries 1..")
                .contains("ok   2 tiles and entry bundles of that tree hold exactly the entries' hashes");
    }

    @Test
    @Order(3)
    void aReceiptVerifiesOfflineWithTheLogKeyAfterTheServerStoppedAndNotOnceTampered(@TempDir Path dir)
            throws Exception {
        long seq = decide();
        KyodoTestApp.eventually(() -> publicReader.get("/public/decisions/" + seq + "/receipt").ok());
        Answer answer = publicReader.get("/public/decisions/" + seq + "/receipt").ok()
                .header("Content-Disposition", "attachment; filename=\"kyodo-decision-" + seq + ".tlog-proof\"");
        String receipt = answer.text();
        String vkey = publicReader.get("/public/log/vkey").ok().text().strip();
        publicReader.get("/public/decisions/" + (seq + 1000) + "/receipt").status(404).problem();
        publicReader.get("/public/decisions/0/receipt").status(400).problem();
        assertThat(receipt).startsWith("c2sp.org/tlog-proof@v1\nextra ").contains("\nindex " + (seq - 1) + "\n");
        Receipt parsed = Receipt.parse(receipt);
        for (String language : List.of("ja", "en")) {
            String page = publicReader.method(HttpMethod.GET, "/decisions/{seq}", seq).language(language).send().ok()
                    .text();
            assertThat(page).contains("<a id=\"receipt-link\" href=\"/public/decisions/" + seq + "/receipt\" download>")
                    .contains("audit check --receipt kyodo-decision-" + seq + ".tlog-proof --key vkey.txt")
                    .contains(language.equals("ja") ? "この記録の受領証をダウンロード" : "Download the receipt of this entry");
        }
        assertThat(JSON.readTree(parsed.entry())).isEqualTo(publicReader.get("/public/decisions?after=" + (seq - 1)
                + "&limit=1").ok().tree().get("items").get(0));
        app.app().close();

        assertThat(check(dir, receipt, vkey)).startsWith("audit check: OK\n")
                .contains("ok   entry " + seq + " (PROPOSAL_ANSWER ACCEPTED of proposal ")
                .contains("ok   inclusion proof of leaf " + (seq - 1) + " leads to the checkpoint's root");

        String forgedEntry = parsed.entryJson().replace("\"ACCEPTED\"", "\"REJECTED\"");
        assertThat(check(dir, new Receipt(forgedEntry.getBytes(StandardCharsets.UTF_8), parsed.index(), parsed.proof(),
                parsed.checkpoint()).render(), vkey)).startsWith("audit check: FAILED\n")
                .contains("FAIL entry " + seq).contains("its members hash to ");
        String otherEntry = parsed.entryJson().replace("\"seq\":" + seq, "\"seq\":" + (seq + 1));
        assertThat(check(dir, new Receipt(otherEntry.getBytes(StandardCharsets.UTF_8), parsed.index(), parsed.proof(),
                parsed.checkpoint()).render(), vkey)).contains("FAIL entry ");
        List<byte[]> wrongPath = new ArrayList<>(parsed.proof());
        wrongPath.set(0, MerkleTree.leafHash(new byte[] {1}));
        assertThat(check(dir, new Receipt(parsed.entry(), parsed.index(), wrongPath, parsed.checkpoint()).render(),
                vkey)).contains("FAIL inclusion proof of leaf " + (seq - 1) + " DOES NOT lead to the checkpoint's root");
        String resigned = parsed.checkpoint().replaceFirst("\n[0-9]+\n", "\n" + (seq + 7) + "\n");
        assertThat(check(dir, new Receipt(parsed.entry(), parsed.index(), parsed.proof(), resigned).render(), vkey))
                .contains("FAIL checkpoint of kyodo.city.example/decisions at tree size " + (seq + 7)
                        + ": NOT signed by the given log key");
        SignedNote.VerifierKey otherLog = SignedNote.VerifierKey.of("kyodo.city.example/decisions",
                SignedNote.ED25519, AuditSigningKey.generate(new SecureRandom()).publicKey());
        assertThat(check(dir, receipt, otherLog.render())).contains("NOT signed by the given log key");
    }

    /** {@code audit check --receipt} on the text, with the log key; its output. */
    private static String check(Path dir, String receipt, String vkey) throws Exception {
        Path file = Files.createTempFile(dir, "receipt", ".tlog-proof");
        Files.writeString(file, receipt, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), "audit", "check", "--receipt",
                file.toString(), "--key", vkey);
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isEqualTo(report.startsWith("audit check: OK") ? 0 : 1);
        return report;
    }
}
