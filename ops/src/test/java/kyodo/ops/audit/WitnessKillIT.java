package kyodo.ops.audit;

import kyodo.ops.crash.KyodoServer;
import kyodo.query.audit.AuditSigningKey;
import kyodo.query.audit.CheckpointNote;
import kyodo.query.audit.Cosignature;
import kyodo.query.audit.Hashing;
import kyodo.query.audit.MerkleTree;
import kyodo.query.audit.SignedNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar's {@code witness} command as a separate process, killed with SIGKILL while a log
 * sends it one growing checkpoint after another: its state file then holds exactly one checkpoint it
 * was sent, whole, never older than the last one it cosigned; started again on that state, it still
 * refuses a forked, a conflicting and a stale checkpoint and cosigns a consistent one with the same key.
 */
class WitnessKillIT {

    private static final String ORIGIN = "kyodo.city.example/decisions";
    private static final Pattern KEY_LINE = Pattern.compile("cosignature key \\(.*\\): (\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private AuditSigningKey logKey;
    /** The log's leaf hashes: leaf i is the hash of "entry i". */
    private final List<byte[]> leaves = new ArrayList<>();

    @Test
    void aWitnessKilledMidUpdateRestartsOnAWholeConsistentStateAndStillRefusesForks() throws Exception {
        logKey = AuditSigningKey.loadOrCreate(dir.resolve("log-key"));
        Path state = dir.resolve("state");
        AtomicLong cosigned = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        String witnessKey;

        WitnessProcess first = WitnessProcess.start(dir, "first");
        try {
            witnessKey = first.key();
            Thread log = new Thread(() -> sendGrowingCheckpoints(first.url(), witnessKey, sent, cosigned));
            log.start();
            while (cosigned.get() < 30 && log.isAlive()) {
                Thread.sleep(10);
            }
            assertThat(cosigned.get()).as("checkpoints cosigned before the kill").isGreaterThanOrEqualTo(30);
            first.kill();
            log.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(log.isAlive()).isFalse();
        } finally {
            first.kill();
        }

        CheckpointNote kept = CheckpointNote.parse(Files.readString(state.resolve("latest-checkpoint")));
        assertThat(kept.origin()).isEqualTo(ORIGIN);
        assertThat(kept.treeSize()).isBetween(cosigned.get(), sent.get());
        assertThat(kept.root()).isEqualTo(root(kept.treeSize(), leaves));

        WitnessProcess again = WitnessProcess.start(dir, "again");
        try {
            assertThat(again.key()).isEqualTo(witnessKey);
            long size = kept.treeSize();
            grow(size + 10);
            List<byte[]> forked = new ArrayList<>(leaves);
            forked.set((int) size - 1, MerkleTree.leafHash("forged".getBytes(StandardCharsets.UTF_8)));

            HttpResponse<String> fork = add(again.url(), size, size + 10, forked);
            assertThat(fork.statusCode()).as(fork.body()).isEqualTo(422);
            assertThat(fork.body()).startsWith("INCONSISTENT: tree " + (size + 10));
            HttpResponse<String> conflict = add(again.url(), size, size, forked);
            assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(422);
            assertThat(conflict.body()).startsWith("CONFLICT: tree size " + size);
            HttpResponse<String> stale = add(again.url(), size - 1, size + 10, leaves);
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(stale.body()).isEqualTo(size + "\n");
            assertThat(Files.readString(state.resolve("refused.log"))).contains("INCONSISTENT: tree " + (size + 10))
                    .contains("CONFLICT: tree size " + size);

            HttpResponse<String> consistent = add(again.url(), size, size + 10, leaves);
            assertThat(consistent.statusCode()).as(consistent.body()).isEqualTo(200);
            SignedNote note = checkpoint(size + 10, leaves).with(SignedNote.Line.parse(consistent.body().strip()));
            assertThat(Cosignature.verifies(note, SignedNote.VerifierKey.parse(witnessKey))).isTrue();
            assertThat(CheckpointNote.parse(Files.readString(state.resolve("latest-checkpoint"))).treeSize())
                    .isEqualTo(size + 10);
        } finally {
            again.kill();
        }
    }

    /** The log: checkpoints of 1, 2, 3 … entries, each from the size the witness last cosigned, until it dies. */
    private void sendGrowingCheckpoints(URI witness, String witnessKey, AtomicLong sent, AtomicLong cosigned) {
        SignedNote.VerifierKey key = SignedNote.VerifierKey.parse(witnessKey);
        try {
            for (long size = 1; ; size++) {
                grow(size);
                sent.set(size);
                HttpResponse<String> answer = add(witness, cosigned.get(), size, leaves);
                if (answer.statusCode() != 200) {
                    throw new AssertionError("the witness refused size " + size + ": " + answer.body());
                }
                SignedNote line = checkpoint(size, leaves).with(SignedNote.Line.parse(answer.body().strip()));
                if (!Cosignature.verifies(line, key)) {
                    throw new AssertionError("not a cosignature of size " + size + ": " + answer.body());
                }
                cosigned.set(size);
            }
        } catch (IOException killed) {
            // the witness died: the log stops sending
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void grow(long size) {
        while (leaves.size() < size) {
            leaves.add(MerkleTree.leafHash(("entry " + leaves.size()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** {@code add-checkpoint} of the tree of the first {@code size} of these leaves, from {@code old}. */
    private HttpResponse<String> add(URI witness, long old, long size, List<byte[]> tree)
            throws IOException, InterruptedException {
        List<byte[]> prefix;
        synchronized (this) {
            prefix = List.copyOf(tree.subList(0, (int) size));
        }
        StringBuilder body = new StringBuilder("old ").append(old).append('\n');
        if (old > 0 && old < size) {
            MerkleTree.consistencyProof(prefix, (int) old)
                    .forEach(hash -> body.append(Base64.getEncoder().encodeToString(hash)).append('\n'));
        }
        body.append('\n').append(checkpoint(size, prefix).render());
        return HTTP.send(HttpRequest.newBuilder(witness.resolve("/add-checkpoint")).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private SignedNote checkpoint(long size, List<byte[]> tree) {
        return new CheckpointNote(ORIGIN, size, root(size, tree)).sign(logKey);
    }

    private static byte[] root(long size, List<byte[]> tree) {
        return MerkleTree.root(List.copyOf(tree.subList(0, (int) size)));
    }

    /** {@code java -jar kyodo.jar witness …} in a process of its own, its console in a file. */
    private record WitnessProcess(Process process, URI url, String key) {

        static WitnessProcess start(Path dir, String run) throws IOException, InterruptedException {
            int port = freePort();
            String logKey = SignedNote.VerifierKey.of(ORIGIN, SignedNote.ED25519,
                    AuditSigningKey.loadOrCreate(dir.resolve("log-key")).publicKey()).render();
            Path console = dir.resolve("witness-" + run + ".log");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-jar", KyodoServer.packagedJar().toString(), "witness",
                    "--name", "audit.city.example/witness", "--key", dir.resolve("witness-key").toString(),
                    "--log-key", logKey, "--state", dir.resolve("state").toString(), "--port", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(console.toFile()).start();
            // no witness outlives the build, even if this JVM goes first
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                Matcher key = KEY_LINE.matcher(Files.exists(console) ? Files.readString(console) : "");
                if (key.find()) {
                    return new WitnessProcess(process, URI.create("http://127.0.0.1:" + port), key.group(1));
                }
                assertThat(process.isAlive()).as("the witness runs: %s", console).isTrue();
                assertThat(System.nanoTime()).as("the witness listens within 90 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        }

        /** SIGKILL (Process.destroyForcibly on Linux), and its end. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("dead after SIGKILL").isTrue();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
