package kyodo.ops.audit;

import kyodo.query.audit.AuditSigningKey;
import kyodo.query.audit.CheckpointNote;
import kyodo.query.audit.Cosignature;
import kyodo.query.audit.MerkleTree;
import kyodo.query.audit.SignedNote;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The witness cosigns only checkpoints of its log that extend the last one it cosigned; a rolled-back,
 * forked or conflicting checkpoint, even signed with the log's own key, is refused and kept as evidence,
 * and what it cosigned survives a restart and a crash in the middle of writing it.
 */
class WitnessTest {

    private static final String ORIGIN = "kyodo.city.example/decisions";
    private static final AuditSigningKey LOG_KEY = AuditSigningKey.generate(new SecureRandom());
    private static final AuditSigningKey WITNESS_KEY = AuditSigningKey.generate(new SecureRandom());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Witness witness;
    private final List<byte[]> leaves = leaves("a", 12);

    @BeforeEach
    void freshWitness() {
        witness = witness();
    }

    private Witness witness() {
        return new Witness("audit.city.example/witness", WITNESS_KEY,
                SignedNote.VerifierKey.of(ORIGIN, SignedNote.ED25519, LOG_KEY.publicKey()),
                new WitnessState(dir, CLOCK), CLOCK);
    }

    @Test
    void cosignsTheFirstCheckpointAndEachConsistentExtension() {
        Witness.Answer first = witness.addCheckpoint(request(0, leaves, 5, LOG_KEY));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(cosigned(first, 5)).isTrue();
        Witness.Answer next = witness.addCheckpoint(request(5, leaves, 12, LOG_KEY));
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(cosigned(next, 12)).isTrue();
        assertThat(cosigned(next, 5)).as("a cosignature covers its own checkpoint only").isFalse();
        assertThat(witness.verifierKey().render()).startsWith("audit.city.example/witness+");
    }

    @Test
    void aStaleOldSizeIsAConflictThatNamesTheSizeItCosigned() {
        witness.addCheckpoint(request(0, leaves, 5, LOG_KEY));

        Witness.Answer answer = witness.addCheckpoint(request(0, leaves, 12, LOG_KEY));

        assertThat(answer).isEqualTo(new Witness.Answer(409, "text/x.tlog.size", "5\n"));
    }

    @Test
    void aForkedOrRolledBackHistoryReSignedWithTheLogsOwnKeyIsRefusedAndKept() throws Exception {
        witness.addCheckpoint(request(0, leaves, 8, LOG_KEY));
        List<byte[]> forked = new ArrayList<>(leaves.subList(0, 3));
        forked.addAll(leaves("b", 9));

        Witness.Answer fork = witness.addCheckpoint(request(8, forked, 12, LOG_KEY, proof(leaves, 8, forked, 12)));
        Witness.Answer sameSize = witness.addCheckpoint(request(8, forked, 8, LOG_KEY));
        Witness.Answer rollBack = witness.addCheckpoint(request(8, leaves, 5, LOG_KEY, List.of()));

        assertThat(fork.status()).isEqualTo(422);
        assertThat(fork.body()).startsWith("INCONSISTENT: tree 12 does not extend the cosigned tree 8");
        assertThat(sameSize.status()).isEqualTo(422);
        assertThat(sameSize.body()).startsWith("CONFLICT: tree size 8 was cosigned with another root");
        assertThat(rollBack.status()).isEqualTo(400);
        assertThat(Files.readString(dir.resolve(WitnessState.REFUSED))).contains("INCONSISTENT", "CONFLICT");
        assertThat(witness.addCheckpoint(request(0, leaves, 12, LOG_KEY)).body()).as("state unchanged")
                .isEqualTo("8\n");
        assertThat(witness.addCheckpoint(request(8, leaves, 12, LOG_KEY)).status()).isEqualTo(200);
    }

    @Test
    void onlyItsLogSignedWithItsKeyIsCosigned() {
        String otherOrigin = new CheckpointNote("other.example/log", 5, MerkleTree.root(leaves.subList(0, 5)))
                .sign(LOG_KEY).render();
        AuditSigningKey impostor = AuditSigningKey.generate(new SecureRandom());

        assertThat(witness.addCheckpoint("old 0\n\n" + otherOrigin).status()).isEqualTo(404);
        assertThat(witness.addCheckpoint(request(0, leaves, 5, impostor)).status()).isEqualTo(403);
        assertThat(witness.addCheckpoint("old x\n\nnot a checkpoint").status()).isEqualTo(400);
        assertThat(witness.addCheckpoint(request(0, leaves, 5, LOG_KEY).replace("old 0\n", "old 0\n"
                + Base64.getEncoder().encodeToString(leaves.get(0)) + "\n")).status()).isEqualTo(422);
    }

    @Test
    void whatItCosignedSurvivesARestartAndACrashWhileWritingIt() throws Exception {
        witness.addCheckpoint(request(0, leaves, 5, LOG_KEY));
        // a kill -9 between writing the temporary file and renaming it leaves a torn temporary file
        Files.writeString(dir.resolve(WitnessState.LATEST + ".tmp"), "kyodo.city.example/deci");

        Witness restarted = witness();

        assertThat(restarted.addCheckpoint(request(0, leaves, 12, LOG_KEY)).body()).isEqualTo("5\n");
        assertThat(restarted.addCheckpoint(request(5, leaves, 12, LOG_KEY)).status()).isEqualTo(200);
        assertThat(witness().addCheckpoint(request(0, leaves, 12, LOG_KEY)).body()).isEqualTo("12\n");
    }

    private boolean cosigned(Witness.Answer answer, int size) {
        SignedNote note = SignedNote.parse(checkpoint(leaves, size, LOG_KEY));
        SignedNote.Line line = SignedNote.Line.parse(answer.body().strip());
        return Cosignature.verifies(note.with(line), witness.verifierKey());
    }

    private static String request(long old, List<byte[]> tree, int size, AuditSigningKey key) {
        return request(old, tree, size, key, old == 0 || old == size ? List.of() : proof(tree, (int) old, tree, size));
    }

    private static String request(long old, List<byte[]> tree, int size, AuditSigningKey key, List<byte[]> proof) {
        StringBuilder body = new StringBuilder("old " + old + "\n");
        proof.forEach(hash -> body.append(Base64.getEncoder().encodeToString(hash)).append('\n'));
        return body.append('\n').append(checkpoint(tree, size, key)).toString();
    }

    /** The consistency proof from the first {@code from} leaves of one tree to the first {@code to} of another. */
    private static List<byte[]> proof(List<byte[]> fromTree, int from, List<byte[]> toTree, int to) {
        return MerkleTree.consistencyProof(toTree.subList(0, to), from);
    }

    private static String checkpoint(List<byte[]> tree, int size, AuditSigningKey key) {
        return new CheckpointNote(ORIGIN, size, MerkleTree.root(tree.subList(0, size))).sign(key).render();
    }

    private static List<byte[]> leaves(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> MerkleTree.leafHash((prefix + i).getBytes())).toList();
    }
}
