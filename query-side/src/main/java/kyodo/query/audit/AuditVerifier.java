package kyodo.query.audit;

import com.mongodb.client.model.Sorts;
import kyodo.kernel.decision.DecisionEvent;
import kyodo.query.audit.AuditReport.CheckpointProblem;
import kyodo.query.audit.AuditReport.Divergence;
import kyodo.query.platform.store.ReadCursor;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Recomputes the decision log from the event store and compares it with the stored one: reads every
 * event in the store's order, builds the expected entry of each decision event (seq, members, hash
 * chain) exactly as the projection does, and walks the stored log alongside. Reports the first seq
 * where a member differs (or an entry is missing, extra or out of place), and checks every stored
 * checkpoint: its signature (with the configured keys only) and its root against the recomputed
 * log.
 * <p>
 * Only the current position is kept in memory (plus a Merkle frontier), so it runs over logs of any
 * length. Used by the {@code audit verify} command of the all-in-one jar.
 */
@Component
public class AuditVerifier {

    /** The members compared, in the order a divergence is looked for. */
    static final List<String> FIELDS = List.of("seq", "eventId", "decisionId", "subjectType", "subjectId", "ward",
            "kind", "outcome", "reason", "decidedByRole", "decidedAt", "basis", "prevHash", "hash");

    /** How long to wait for the next event before taking the stream as ended. */
    private static final long STREAM_WAIT_SECONDS = 10;

    private final EventStore eventStore;
    private final DecisionLog log;
    private final Checkpoints checkpoints;
    private final AuditKeyRing keys;

    public AuditVerifier(EventStore eventStore, DecisionLog log, Checkpoints checkpoints, AuditKeyRing keys) {
        this.eventStore = eventStore;
        this.log = log;
        this.checkpoints = checkpoints;
        this.keys = keys;
    }

    /** Verifies the whole log and every checkpoint. Blocking. */
    public AuditReport verify() {
        long started = System.nanoTime();
        List<Document> checkpointDocs = checkpointDocuments();
        Map<Long, byte[]> expectedRoots = new HashMap<>();
        checkpointDocs.forEach(doc -> {
            if (doc.get("_id") instanceof Number size) {
                expectedRoots.put(size.longValue(), null);
            }
        });
        MerkleTree.Frontier frontier = new MerkleTree.Frontier();

        long eventsRead = 0;
        long decisions = 0;
        long storedEntries = 0;
        Divergence divergence = null;
        String prevHash = Hashing.ZERO_HASH;
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(Long.MAX_VALUE);
        try (ReadCursor stored = log.collection().find().sort(Sorts.ascending("_id")).cursor();
             BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(null)) {
            while (headPosition >= 0 && events.hasNextAvailable((int) STREAM_WAIT_SECONDS, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> message = events.nextAvailable();
                eventsRead++;
                if (DecisionEvent.class.isAssignableFrom(message.getPayloadType())) {
                    decisions++;
                    DecisionLogEntry expected = DecisionLogEntry.of(decisions, prevHash, message.getIdentifier(),
                            ((DecisionEvent) message.getPayload()).decision());
                    prevHash = expected.hash();
                    frontier.append(MerkleTree.leafHash(expected.leafData()));
                    if (expectedRoots.containsKey(decisions)) {
                        expectedRoots.put(decisions, frontier.root());
                    }
                    Document found = stored.hasNext() ? stored.next() : null;
                    if (found != null) {
                        storedEntries++;
                    }
                    if (divergence == null) {
                        divergence = compare(expected, found);
                    }
                }
                if (message.trackingToken().position().orElse(-1) >= headPosition) {
                    break;
                }
            }
            while (stored.hasNext()) {
                Document extra = stored.next();
                storedEntries++;
                if (divergence == null) {
                    divergence = new Divergence(decisions + 1, "entry",
                            "(none: the event store holds " + decisions + " decisions)",
                            "entry with eventId " + render(extra.get("eventId")) + " at _id "
                                    + render(extra.get("_id")));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event store", e);
        }
        List<CheckpointProblem> problems = new ArrayList<>();
        int verified = 0;
        for (Document doc : checkpointDocs) {
            CheckpointProblem problem = checkCheckpoint(doc, expectedRoots, decisions);
            if (problem == null) {
                verified++;
            } else {
                problems.add(problem);
            }
        }
        return new AuditReport(eventsRead, decisions, storedEntries, verified,
                Duration.ofNanos(System.nanoTime() - started), divergence, problems);
    }

    private List<Document> checkpointDocuments() {
        return checkpoints.collection().find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    /** The first member in which the stored document differs from the expected entry; null if none. */
    static Divergence compare(DecisionLogEntry expected, Document found) {
        if (found == null) {
            return new Divergence(expected.seq(), "entry", "entry with eventId " + render(expected.eventId()),
                    "(none: the log ends at seq " + (expected.seq() - 1) + ")");
        }
        Map<String, String> want = rendered(expected);
        for (String field : FIELDS) {
            Object value = field.equals("seq") ? found.get("_id") : found.get(field);
            String have = render(value instanceof Document d ? new LinkedHashMap<>(d) : value);
            if (!Objects.equals(want.get(field), have)) {
                return new Divergence(expected.seq(), field, want.get(field), have);
            }
        }
        return null;
    }

    private static Map<String, String> rendered(DecisionLogEntry entry) {
        Map<String, String> values = new LinkedHashMap<>();
        entry.hashedMembers().forEach((name, value) -> values.put(name, render(value)));
        values.put("prevHash", render(entry.prevHash()));
        values.put("hash", render(entry.hash()));
        return values;
    }

    /** A value as JSON text, or its string form if it is not JSON the log would hold. */
    private static String render(Object value) {
        try {
            return CanonicalJson.text(value);
        } catch (IllegalArgumentException e) {
            return String.valueOf(value) + " (" + value.getClass().getSimpleName() + ")";
        }
    }

    private CheckpointProblem checkCheckpoint(Document doc, Map<Long, byte[]> expectedRoots, long decisions) {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.fromDocument(doc);
        } catch (RuntimeException e) {
            return new CheckpointProblem(-1, "unreadable checkpoint document " + doc.toJson());
        }
        if (keys.find(checkpoint.keyId()).isEmpty()) {
            return new CheckpointProblem(checkpoint.treeSize(), "signed with unknown key " + checkpoint.keyId());
        }
        if (!keys.verify(checkpoint)) {
            return new CheckpointProblem(checkpoint.treeSize(), "signature does not verify with key "
                    + checkpoint.keyId());
        }
        if (checkpoint.treeSize() > decisions) {
            return new CheckpointProblem(checkpoint.treeSize(), "covers " + checkpoint.treeSize()
                    + " entries but the event store holds only " + decisions + " decisions");
        }
        byte[] root = checkpoint.treeSize() == 0 ? MerkleTree.emptyRoot() : expectedRoots.get(checkpoint.treeSize());
        String expected = root == null ? "(unknown)" : Hashing.hex(root);
        if (!expected.equals(checkpoint.rootHash())) {
            return new CheckpointProblem(checkpoint.treeSize(), "rootHash: expected " + expected + ", found "
                    + checkpoint.rootHash());
        }
        return null;
    }
}
