package kyodo.query.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signed checkpoints of the decision log, in collection {@value #COLLECTION} ({@code _id} = tree
 * size). A checkpoint is issued once per tree size: issuing again for the same size keeps the first.
 * Each is signed twice with the same key: kyodo's JSON statement ({@link Checkpoint}) and the C2SP
 * checkpoint note ({@link CheckpointNote}), stored as issued together with the cosignatures witnesses
 * returned for it.
 * Checkpoints are not part of the projection's reset: they are what was published, and a rebuilt
 * log must still match them (the {@link AuditVerifier} checks that).
 */
@Component
public class Checkpoints {

    public static final String COLLECTION = "decision_checkpoints";
    /** The C2SP signed note of a checkpoint, stored as issued. */
    private static final String NOTE = "note";
    /** Witnesses' cosignature lines of a checkpoint. */
    private static final String COSIGNATURES = "cosignatures";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ReadStore store;
    private final ReadCollection checkpoints;
    private final DecisionLog log;
    private final AuditKeyRing keys;
    private final Clock clock;
    private final String origin;

    public Checkpoints(ReadStore store, DecisionLog log, AuditKeyRing keys, Clock clock, AuditSettings settings) {
        this.store = store;
        this.checkpoints = store.collection(COLLECTION);
        this.log = log;
        this.keys = keys;
        this.clock = clock;
        this.origin = settings.logOrigin();
    }

    /** The log's origin line, which names it in its C2SP checkpoints. */
    public String origin() {
        return origin;
    }

    /**
     * The C2SP checkpoint (signed note, with the cosignatures witnesses returned) of the largest tree
     * that has one. Blocking.
     */
    public Optional<SignedNote> latestNote() {
        return Optional.ofNullable(checkpoints.find(Filters.exists(NOTE)).sort(Sorts.descending("_id")).limit(1)
                .first()).map(Checkpoints::note);
    }

    /** The C2SP checkpoint of that tree size, if it has one. Blocking. */
    public Optional<SignedNote> note(long treeSize) {
        return Optional.ofNullable(checkpoints.find(Filters.and(Filters.eq("_id", treeSize), Filters.exists(NOTE)))
                .first()).map(Checkpoints::note);
    }

    private static SignedNote note(Document doc) {
        SignedNote note = SignedNote.parse(doc.getString(NOTE));
        for (String line : doc.getList(COSIGNATURES, String.class, List.of())) {
            note = note.with(SignedNote.Line.parse(line));
        }
        return note;
    }

    /** Keeps a witness's cosignature line of the checkpoint of that tree size (once per witness key). */
    public void addCosignature(long treeSize, SignedNote.Line line) {
        checkpoints.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", treeSize),
                new Document("$addToSet", new Document(COSIGNATURES, line.render().strip())))));
    }

    /**
     * Signs the C2SP note of a checkpoint issued before kyodo signed notes, once its signed root is
     * recomputed from the log: a note is never signed for a root the log does not have.
     */
    void addNote(Checkpoint checkpoint) {
        if (!keys.verify(checkpoint) || !Hashing.hex(log.root(checkpoint.treeSize())).equals(checkpoint.rootHash())) {
            throw new IllegalStateException("checkpoint " + checkpoint.treeSize() + " does not match the log");
        }
        String note = new CheckpointNote(origin, checkpoint.treeSize(), Hashing.unhex(checkpoint.rootHash()))
                .sign(keys.current()).render();
        checkpoints.bulkWrite(List.of(new UpdateOneModel<>(Filters.and(Filters.eq("_id", checkpoint.treeSize()),
                Filters.exists(NOTE, false)), new Document("$set", new Document(NOTE, note)))));
    }

    /** The checkpoint of the largest tree. Blocking. */
    public Optional<Checkpoint> latest() {
        return Optional.ofNullable(checkpoints.find().sort(Sorts.descending("_id")).limit(1).first())
                .map(Checkpoint::fromDocument);
    }

    /** The checkpoint of that tree size, if one was issued. Blocking. */
    public Optional<Checkpoint> find(long treeSize) {
        return Optional.ofNullable(checkpoints.find(Filters.eq("_id", treeSize)).first())
                .map(Checkpoint::fromDocument);
    }

    /** Up to {@code limit} checkpoints of tree sizes above {@code after}, smallest first. Blocking. */
    public List<Checkpoint> after(long after, int limit) {
        return checkpoints.find(Filters.gt("_id", after)).sort(Sorts.ascending("_id")).limit(limit)
                .map(Checkpoint::fromDocument);
    }

    /** Tree size of the latest checkpoint, 0 if none. */
    long latestTreeSize() {
        return latest().map(Checkpoint::treeSize).orElse(0L);
    }

    /**
     * Signs and stores the checkpoint of a tree whose root is known; keeps an existing one of that
     * size. The store is made durable before it returns, i.e. before the checkpoint is handed to the
     * witnesses: the entries it signs (written before it) and the checkpoint itself then survive a crash,
     * so it is never issued a second time with another time after a {@code kill -9} (ADR 13, update of
     * issue 13; the projections' positions no longer commit the store per batch).
     *
     * @return the stored checkpoint of that size
     */
    Checkpoint issue(long treeSize, byte[] root) {
        String rootHash = Hashing.hex(root);
        String issuedAt = CanonicalJson.instant(clock.instant());
        String keyId = keys.current().keyId();
        Checkpoint unsigned = new Checkpoint(treeSize, rootHash, issuedAt, null, keyId);
        Checkpoint checkpoint = new Checkpoint(treeSize, rootHash, issuedAt,
                keys.current().sign(unsigned.statementBytes()), keyId);
        String note = new CheckpointNote(origin, treeSize, root).sign(keys.current()).render();
        checkpoints.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", treeSize),
                new Document("$setOnInsert", checkpoint.toDocument().append(NOTE, note)), UPSERT)));
        store.makeDurable();
        return find(treeSize).orElse(checkpoint);
    }

    /** The stored checkpoints, for the verifier. */
    ReadCollection collection() {
        return checkpoints;
    }

    /**
     * Signs a checkpoint of the log as it stands, on demand.
     *
     * @return the checkpoint, empty if the log is empty
     */
    public Optional<Checkpoint> issueNow() {
        long size = log.size();
        if (size == 0) {
            return Optional.empty();
        }
        return Optional.of(issue(size, log.root(size)));
    }
}
