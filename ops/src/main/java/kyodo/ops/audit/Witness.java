package kyodo.ops.audit;

import kyodo.query.audit.AuditSigningKey;
import kyodo.query.audit.CheckpointNote;
import kyodo.query.audit.Cosignature;
import kyodo.query.audit.MerkleTree;
import kyodo.query.audit.SignedNote;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A C2SP {@code tlog-witness}: cosigns a log's checkpoint only when it is signed by the log's key and
 * consistent with the last checkpoint this witness cosigned for that log, so that a log that rolls back
 * or forks its history, even re-signed with its own key, is refused instead of vouched for. The check
 * against the last cosigned size and the update of it happen under one lock, and the state is on disk
 * ({@link WitnessState}) before the cosignature is returned.
 */
public final class Witness {

    private final String name;
    private final AuditSigningKey key;
    private final SignedNote.VerifierKey log;
    private final WitnessState state;
    private final Clock clock;

    /**
     * @param name  the witness's name in its cosignature lines
     * @param key   its own key
     * @param log   the verifier key of the one log it witnesses (its name is the log's origin)
     * @param state where it keeps the last checkpoint it cosigned
     */
    public Witness(String name, AuditSigningKey key, SignedNote.VerifierKey log, WitnessState state, Clock clock) {
        SignedNote.checkName(name);
        this.name = name;
        this.key = key;
        this.log = log;
        this.state = state;
        this.clock = clock;
    }

    /** The witness's cosignature verifier key, for {@code audit check --witness-key} and kyodo's settings. */
    public SignedNote.VerifierKey verifierKey() {
        return SignedNote.VerifierKey.of(name, Cosignature.TYPE, key.publicKey());
    }

    /**
     * The answer to an {@code add-checkpoint} request body.
     *
     * @return the HTTP status and body: 200 with the cosignature line, or the refusal
     */
    public synchronized Answer addCheckpoint(String body) {
        Request request;
        try {
            request = Request.parse(body);
        } catch (IllegalArgumentException e) {
            return Answer.refused(400, e.getMessage());
        }
        SignedNote note = request.note();
        CheckpointNote checkpoint = request.checkpoint();
        if (!checkpoint.origin().equals(log.name())) {
            return Answer.refused(404, "unknown log " + checkpoint.origin());
        }
        if (!note.verifiedBy(log)) {
            return Answer.refused(403, "not signed by the log's key");
        }
        if (request.oldSize() > checkpoint.treeSize()) {
            return Answer.refused(400, "old size " + request.oldSize() + " exceeds the checkpoint's");
        }
        Optional<CheckpointNote> last = state.last();
        long lastSize = last.map(CheckpointNote::treeSize).orElse(0L);
        if (request.oldSize() != lastSize) {
            return new Answer(409, "text/x.tlog.size", lastSize + "\n");
        }
        String inconsistent = inconsistency(last, request);
        if (inconsistent != null) {
            state.refused(body, inconsistent);
            return Answer.refused(422, inconsistent);
        }
        state.save(checkpoint);
        long now = clock.instant().getEpochSecond();
        return new Answer(200, "text/plain; charset=utf-8",
                Cosignature.sign(note.text(), now, name, key).render());
    }

    /** Why the checkpoint is not a consistent extension of the last cosigned one; null when it is. */
    private static String inconsistency(Optional<CheckpointNote> last, Request request) {
        CheckpointNote next = request.checkpoint();
        if (next.treeSize() == 0 && !Arrays.equals(next.root(), MerkleTree.emptyRoot())) {
            return "a checkpoint of size 0 has the empty tree's root";
        }
        if (last.isEmpty() || last.get().treeSize() == 0) {
            return request.proof().isEmpty() ? null : "no proof is needed from size 0";
        }
        CheckpointNote old = last.get();
        if (old.treeSize() == next.treeSize()) {
            return Arrays.equals(old.root(), next.root()) && request.proof().isEmpty() ? null
                    : "CONFLICT: tree size " + next.treeSize() + " was cosigned with another root";
        }
        return MerkleTree.verifyConsistency(old.treeSize(), next.treeSize(), old.root(), next.root(), request.proof())
                ? null : "INCONSISTENT: tree " + next.treeSize() + " does not extend the cosigned tree "
                + old.treeSize() + " (a rolled-back or forked log)";
    }

    /**
     * An answer of the witness.
     *
     * @param status      HTTP status
     * @param contentType its media type
     * @param body        its body
     */
    public record Answer(int status, String contentType, String body) {

        static Answer refused(int status, String reason) {
            return new Answer(status, "text/plain; charset=utf-8", reason + "\n");
        }
    }

    /**
     * An {@code add-checkpoint} request: {@code old <size>}, up to 63 base64 proof lines, a blank line, the
     * checkpoint note.
     */
    record Request(long oldSize, List<byte[]> proof, SignedNote note, CheckpointNote checkpoint) {

        static Request parse(String body) {
            int blank = body.indexOf("\n\n");
            if (blank < 0 || !body.startsWith("old ")) {
                throw new IllegalArgumentException("expected: old <size>, proof lines, a blank line, the checkpoint");
            }
            String[] head = body.substring(0, blank).split("\n");
            if (!head[0].matches("old (0|[1-9][0-9]{0,18})") || head.length - 1 > 63) {
                throw new IllegalArgumentException("bad old size line or more than 63 proof lines");
            }
            List<byte[]> proof = new ArrayList<>();
            for (int i = 1; i < head.length; i++) {
                byte[] hash = Base64.getDecoder().decode(head[i]);
                if (hash.length != 32) {
                    throw new IllegalArgumentException("proof line " + i + " is not a SHA-256 hash");
                }
                proof.add(hash);
            }
            SignedNote note = SignedNote.parse(body.substring(blank + 2));
            return new Request(Long.parseLong(head[0].substring(4)), List.copyOf(proof), note,
                    CheckpointNote.parse(note.text()));
        }
    }
}
