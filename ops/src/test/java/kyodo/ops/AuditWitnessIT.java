package kyodo.ops;

import kyodo.ops.audit.Witness;
import kyodo.ops.audit.WitnessServer;
import kyodo.ops.audit.WitnessState;
import kyodo.ops.cli.AuditCli;
import kyodo.query.audit.AuditSigningKey;
import kyodo.query.audit.CheckpointNote;
import kyodo.query.audit.Cosignature;
import kyodo.query.audit.SignedNote;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kyodo with two witnesses configured, one running (in this JVM, as {@code java -jar kyodo.jar witness}
 * runs it) and one never reachable: each new checkpoint is cosigned by the running witness within the
 * delay, {@code audit check --witness-key … --min-witnesses 1} passes and 2 fails; while the witness is
 * down, decisions and checkpoints go on without its cosignature, and it catches up when it is back.
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

    private static long decide() {
        String id = staff.acknowledgedProposal("幸区役所 地域振興課");
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
