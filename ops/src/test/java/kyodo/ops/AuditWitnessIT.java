package kyodo.ops;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import kyodo.ops.audit.Witness;
import kyodo.ops.audit.WitnessServer;
import kyodo.ops.audit.WitnessState;
import kyodo.ops.cli.AuditCli;
import kyodo.query.audit.AuditReport;
import kyodo.query.audit.AuditSigningKey;
import kyodo.query.audit.AuditVerifier;
import kyodo.query.audit.Checkpoints;
import kyodo.query.audit.CheckpointNote;
import kyodo.query.audit.Cosignature;
import kyodo.query.audit.DecisionLog;
import kyodo.query.audit.DecisionLogEntry;
import kyodo.query.audit.MerkleTree;
import kyodo.query.audit.SignedNote;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.FileSystemUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kyodo with two witnesses configured, one running (in this JVM, as {@code java -jar kyodo.jar witness}
 * runs it) and one never reachable: each new checkpoint is cosigned by the running witness within the
 * delay, {@code audit check --witness-key … --min-witnesses 1} passes and 2 fails; while the witness is
 * down, decisions and checkpoints go on without its cosignature, and it catches up when it is back; an
 * erasure leaves the log cosigned and verifiable. Then the city turns rogue: it rewrites its history
 * (modifies, deletes, inserts, reorders entries, or rolls the log back), chains it again and restarts,
 * and the server re-signs the forgery with the log's own key. {@code audit check} without witnesses
 * passes each forgery; with the witness it fails, because the witness refuses to cosign (and keeps
 * the refused checkpoint as evidence).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditWitnessIT {

    private static final String ORIGIN = "kyodo.city.example/decisions";
    private static final Path KEYS = tempDir();
    private static final AuditSigningKey LOG_KEY = AuditSigningKey.loadOrCreate(KEYS.resolve("log-key"));
    private static final Witness WITNESS = new Witness("audit.city.example/witness",
            AuditSigningKey.generate(new SecureRandom()), SignedNote.VerifierKey.of(ORIGIN, SignedNote.ED25519,
            LOG_KEY.publicKey()), new WitnessState(KEYS.resolve("witness"), Clock.systemUTC()), Clock.systemUTC());
    private static final String OFFLINE_KEY = SignedNote.VerifierKey.of("offline.example/witness", Cosignature.TYPE,
            AuditSigningKey.generate(new SecureRandom()).publicKey()).render();
    private static WitnessServer server = serve(0);
    private static final int PORT = server.port();

    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.audit.signing-key=" + KEYS.resolve("log-key"),
            "--kyodo.audit.checkpoint-max-delay=2s",
            "--kyodo.audit.witnesses[0].url=http://127.0.0.1:" + PORT + "/",
            "--kyodo.audit.witnesses[0].key=" + WITNESS.verifierKey().render(),
            "--kyodo.audit.witnesses[1].url=http://127.0.0.1:" + freePort() + "/",
            "--kyodo.audit.witnesses[1].key=" + OFFLINE_KEY);
    private static final Client staff = app.staff();
    private static final Client publicReader = app.anonymous();
    private static List<DecisionLogEntry> genuineLog;
    private static String genuineCheckpoint;

    @AfterAll
    static void stopWitness() throws IOException {
        server.close();
        FileSystemUtils.deleteRecursively(KEYS);
    }

    @Test
    @Order(1)
    void eachNewCheckpointIsCosignedByTheRunningWitnessAndAuditCheckCountsWitnesses() {
        long seq = decide();

        KyodoTestApp.eventually(() -> assertThat(cosignedSize()).isGreaterThanOrEqualTo(seq));

        String witness = WITNESS.verifierKey().render();
        assertThat(check("--witness-key", witness, "--min-witnesses", "1")).startsWith("audit check: OK\n")
                .contains("ok   1 of 1 given witnesses cosigned it [audit.city.example/witness], 1 required");
        assertThat(check("--witness-key", witness, "--witness-key", OFFLINE_KEY, "--min-witnesses", "2"))
                .startsWith("audit check: FAILED\n")
                .contains("FAIL 1 of 2 given witnesses cosigned it [audit.city.example/witness], 2 required");
    }

    @Test
    @Order(2)
    void aWitnessThatIsDownHoldsNothingUpAndCatchesUpWhenItIsBack() {
        server.close();
        long whileDown = decide();
        KyodoTestApp.eventually(() -> assertThat(noteSize()).isGreaterThanOrEqualTo(whileDown));
        assertThat(cosignedSize()).isLessThan(whileDown);
        assertThat(check("--witness-key", WITNESS.verifierKey().render(), "--min-witnesses", "1"))
                .contains("FAIL 0 of 1 given witnesses cosigned it [], 1 required");

        server = serve(PORT);
        long back = decide();

        KyodoTestApp.eventually(() -> assertThat(cosignedSize()).isGreaterThanOrEqualTo(back));
        assertThat(check("--witness-key", WITNESS.verifierKey().render(), "--min-witnesses", "1"))
                .startsWith("audit check: OK\n");
    }

    @Test
    @Order(3)
    void anErasureKeepsTheLogCosignedAndVerifiableAndNoLeafTileOrReceiptHoldsPersonalData() {
        String id = staff.acknowledgedProposal("幸区役所 地域振興課");
        app.as("ADMIN", null).post("/api/admin/persons/erasure").body(Map.of("contact", Requests.PROPOSER_CONTACT))
                .ok();
        long seq = decide(id);

        KyodoTestApp.eventually(() -> assertThat(cosignedSize()).isGreaterThanOrEqualTo(seq));
        assertThat(check("--witness-key", WITNESS.verifierKey().render(), "--min-witnesses", "1"))
                .startsWith("audit check: OK\n");
        app.awaitReadModels();
        AuditReport audit = app.context().getBean(AuditVerifier.class).verify();
        assertThat(audit.ok()).as(audit.render()).isTrue();
        long size = noteSize();
        StringBuilder published = new StringBuilder(publicReader.get("/public/decisions?limit=1000").ok().text());
        for (long s = 1; s <= size; s++) {
            published.append(publicReader.get("/public/decisions/" + s + "/receipt").ok().text());
        }
        published.append(new String(publicReader.get("/public/log/tile/entries/000.p/" + size).ok().result()
                .getResponseBody(), StandardCharsets.UTF_8));
        published.append(new String(publicReader.get("/public/log/tile/0/000.p/" + size).ok().result()
                .getResponseBody(), StandardCharsets.UTF_8));
        assertThat(published.toString()).contains("整備します").doesNotContain(Requests.PROPOSER_NAME)
                .doesNotContain(Requests.PROPOSER_CONTACT).doesNotContain("s-test-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    @Order(4)
    void aRewrittenHistoryReSignedWithTheLogsOwnKeyPassesWithoutWitnessesAndFailsWithThem(String tampering,
            UnaryOperator<List<DecisionLogEntry>> rewrite, String refusal) {
        List<DecisionLogEntry> genuine = genuine();
        List<DecisionLogEntry> forged = ForgedLog.rechained(rewrite.apply(genuine));

        resignedAfterRestart(forged);

        if (refusal != null) {
            KyodoTestApp.eventually(() -> assertThat(refused()).contains(refusal));
        }
        assertCaughtOnlyByTheWitness(genuine.size());
    }

    /** Each way of rewriting entries 2.. of the genuine log, and the witness's reason to refuse it. */
    static Stream<Arguments> forgeries() {
        UnaryOperator<List<DecisionLogEntry>> modify = log -> replaced(log, 1, ForgedLog.withReason(log.get(1),
                "改ざんした理由"));
        UnaryOperator<List<DecisionLogEntry>> delete = log -> without(log, 1);
        UnaryOperator<List<DecisionLogEntry>> insert = log -> {
            List<DecisionLogEntry> more = new ArrayList<>(log);
            more.add(1, ForgedLog.invented(log.get(0), "存在しない決定"));
            return more;
        };
        UnaryOperator<List<DecisionLogEntry>> reorder = log -> replaced(replaced(log, 1, log.get(2)), 2, log.get(1));
        UnaryOperator<List<DecisionLogEntry>> rollBack = log -> log.subList(0, log.size() - 1);
        return Stream.of(Arguments.of("modify", modify, "CONFLICT: tree size "),
                Arguments.of("delete", delete, null),
                Arguments.of("insert", insert, "INCONSISTENT: tree "),
                Arguments.of("reorder", reorder, "CONFLICT: tree size "),
                Arguments.of("roll back", rollBack, null));
    }

    @Test
    @Order(5)
    void aRolledBackLogThatGrowsPastTheCosignedTreeIsRefusedByTheWitnessAsInconsistent() {
        List<DecisionLogEntry> genuine = genuine();
        int cosigned = genuine.size();
        resignedAfterRestart(genuine.subList(0, cosigned - 1));

        decide();
        long grown = decide();

        assertThat(grown).isEqualTo(cosigned + 1);
        KyodoTestApp.eventually(() -> assertThat(refused()).contains("INCONSISTENT: tree " + grown
                + " does not extend the cosigned tree " + cosigned + " (a rolled-back or forked log)"));
        assertCaughtOnlyByTheWitness(cosigned);
    }

    /**
     * The genuine log as the witness last cosigned it: read once, before the first forgery, and put
     * back before each later one.
     */
    private static List<DecisionLogEntry> genuine() {
        if (genuineLog == null) {
            KyodoTestApp.eventually(() -> assertThat(cosignedSize()).isEqualTo(noteSize()));
            genuineLog = store(DecisionLog.LOG).find().sort(Sorts.ascending("_id")).map(DecisionLogEntry::fromDocument);
            genuineCheckpoint = witnessState();
            assertThat(genuineCheckpoint).startsWith(ORIGIN + "\n" + genuineLog.size() + "\n");
        }
        return genuineLog;
    }

    /**
     * What a city that rewrites its history does: the stored log replaced by the forgery, the checkpoints
     * from size 2 on removed, the server restarted; the server then signs the forgery with its own key.
     */
    private static void resignedAfterRestart(List<DecisionLogEntry> forged) {
        ReadCollection log = store(DecisionLog.LOG);
        log.deleteMany(new Document());
        log.insertMany(forged.stream().map(DecisionLogEntry::toDocument).toList());
        store(Checkpoints.COLLECTION).deleteMany(Filters.gte("_id", 2L));
        app.restart();
        byte[] root = MerkleTree.root(forged.stream().map(e -> MerkleTree.leafHash(e.leafData())).toList());
        KyodoTestApp.eventually(() -> assertThat(CheckpointNote.parse(SignedNote.parse(publicReader
                .get("/public/log/checkpoint").ok().text()).text())).satisfies(note -> {
                    assertThat(note.treeSize()).isEqualTo(forged.size());
                    assertThat(note.root()).isEqualTo(root);
                }));
    }

    /** Without witnesses the re-signed forgery passes; with the witness it fails; the witness kept the genuine tree. */
    private static void assertCaughtOnlyByTheWitness(long genuineSize) {
        assertThat(check()).startsWith("audit check: OK\n");
        String witnessed = check("--witness-key", WITNESS.verifierKey().render(), "--min-witnesses", "1");
        assertThat(witnessed).startsWith("audit check: FAILED\n");
        assertThat(witnessed.lines().filter(line -> line.startsWith("FAIL"))).containsExactly(
                "FAIL 0 of 1 given witnesses cosigned it [], 1 required");
        assertThat(witnessState()).isEqualTo(genuineCheckpoint).startsWith(ORIGIN + "\n" + genuineSize + "\n");
    }

    private static List<DecisionLogEntry> replaced(List<DecisionLogEntry> log, int index, DecisionLogEntry entry) {
        List<DecisionLogEntry> copy = new ArrayList<>(log);
        copy.set(index, entry);
        return copy;
    }

    private static List<DecisionLogEntry> without(List<DecisionLogEntry> log, int index) {
        List<DecisionLogEntry> copy = new ArrayList<>(log);
        copy.remove(index);
        return copy;
    }

    private static ReadCollection store(String collection) {
        return app.context().getBean(ReadStore.class).collection(collection);
    }

    /** The last checkpoint the witness cosigned, as its state file holds it. */
    private static String witnessState() {
        return read(KEYS.resolve("witness").resolve("latest-checkpoint"));
    }

    /** The checkpoints the witness refused, with why. */
    private static String refused() {
        Path file = KEYS.resolve("witness").resolve("refused.log");
        return Files.exists(file) ? read(file) : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long decide() {
        return decide(staff.acknowledgedProposal("幸区役所 地域振興課"));
    }

    private static long decide(String id) {
        staff.post("/api/proposals/{id}/decision", id).body(Map.of("outcome", "ACCEPTED", "reason", "整備します")).ok();
        long[] seq = new long[1];
        KyodoTestApp.eventually(() -> {
            var items = publicReader.get("/public/decisions?limit=1000").ok().tree().get("items");
            assertThat(items).isNotEmpty();
            assertThat(items.get(items.size() - 1).get("subjectId").asText()).isEqualTo(id);
            seq[0] = items.get(items.size() - 1).get("seq").asLong();
        });
        return seq[0];
    }

    /** Tree size of the served C2SP checkpoint. */
    private static long noteSize() {
        return CheckpointNote.parse(SignedNote.parse(publicReader.get("/public/log/checkpoint").ok().text()).text())
                .treeSize();
    }

    /** Tree size of the served C2SP checkpoint if the running witness cosigned it, else 0. */
    private static long cosignedSize() {
        SignedNote note = SignedNote.parse(publicReader.get("/public/log/checkpoint").ok().text());
        return Cosignature.verifies(note, WITNESS.verifierKey()) ? CheckpointNote.parse(note.text()).treeSize() : 0;
    }

    private static String check(String... options) {
        List<String> args = new ArrayList<>(List.of("audit", "check", "--url", "http://localhost:" + app.port()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isEqualTo(report.startsWith("audit check: OK") ? 0 : 1);
        return report;
    }

    private static WitnessServer serve(int port) {
        try {
            return WitnessServer.start(WITNESS, new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("kyodo-witness-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
