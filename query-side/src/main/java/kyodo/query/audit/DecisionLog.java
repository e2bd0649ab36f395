package kyodo.query.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadCursor;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decision log as stored: collection {@value #LOG} (one document per entry, {@code _id} = seq,
 * unique {@code eventId}) and, apart from it, {@value #STAFF} with the staff id behind each entry
 * (never served publicly). Reads entries, and builds Merkle roots and proofs over the entries'
 * hashes.
 * <p>
 * Leaf hashes are kept in memory once read: entries never change once appended, so the cache only
 * grows; it is dropped when the log is reset, and reloaded whenever the next stored entry does not
 * continue the cached chain (a rebuild elsewhere).
 */
@Component
public class DecisionLog {

    /** Processing group of the projection that appends to the log. */
    public static final String GROUP = "decision-log";
    /** The public log. */
    public static final String LOG = "decision_log";
    /** Who decided (staff ids), by event id: for staff views only. */
    public static final String STAFF = "decision_log_staff";
    /** The log's Merkle frontier as last kept (one document): never served. */
    public static final String FRONTIER = "decision_log_frontier";
    /** Most entries one page may hold. */
    public static final int MAX_PAGE = 1000;

    private static final Logger LOGGER = LoggerFactory.getLogger(DecisionLog.class);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final ReadCollection log;
    private final ReadCollection staff;
    private final KeptFrontier kept;
    private final List<byte[]> leafHashes = new ArrayList<>();
    private final RecentEventIds recent;
    private String lastCachedHash = Hashing.ZERO_HASH;
    private volatile KnownRoot knownRoot;

    public DecisionLog(ReadStore store) {
        this.log = store.collection(LOG);
        this.staff = store.collection(STAFF);
        this.kept = new KeptFrontier(log, store.collection(FRONTIER));
        this.recent = new RecentEventIds(log);
        log.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true));
    }

    /** Number of entries, i.e. the seq of the last one (the log has no gaps). Blocking. */
    public long size() {
        return head().seq();
    }

    /** The last entry's seq and hash; seq 0 and the zero hash for an empty log. */
    Head head() {
        Document last = log.find().sort(Sorts.descending("_id")).projection(Projections.include("hash"))
                .limit(1).first();
        return last == null ? new Head(0, Hashing.ZERO_HASH)
                : new Head(((Number) last.get("_id")).longValue(), last.getString("hash"));
    }

    /** Up to {@code limit} entries with seq greater than {@code after}, in order. Blocking. */
    public List<DecisionLogEntry> after(long after, int limit) {
        return log.find(Filters.gt("_id", after)).sort(Sorts.ascending("_id")).limit(limit)
                .map(DecisionLogEntry::fromDocument);
    }

    /** The entry at {@code seq}, if the log has one. Blocking. */
    public Optional<DecisionLogEntry> entry(long seq) {
        return Optional.ofNullable(log.find(Filters.eq("_id", seq)).first()).map(DecisionLogEntry::fromDocument);
    }

    /**
     * The RFC 6962 root over the first {@code treeSize} entries: the one the projection last grew the
     * log to when that is the size asked and the stored entry there still has the hash it was grown
     * with, else from every leaf (read into the cache).
     */
    public byte[] root(long treeSize) {
        KnownRoot known = knownRoot;
        if (known != null && known.size() == treeSize) {
            Optional<SizedRoot> checked = knownRoot();
            if (checked.isPresent() && checked.get().size() == treeSize) {
                return checked.get().root();
            }
        }
        LOGGER.debug("Root of {} entries from their leaves (known root: {})", treeSize,
                known == null ? "none" : "of " + known.size() + " entries");
        return MerkleTree.root(leafHashes(treeSize));
    }

    /**
     * The root of the first {@code size} entries, the last of which has the hash {@code headHash}, as the
     * projection's frontier has it after an append: the checkpoint schedule signs the whole log with it
     * instead of reading every entry's hash after a start.
     */
    void knowRoot(long size, String headHash, byte[] root) {
        knownRoot = new KnownRoot(size, headHash, root.clone());
    }

    /**
     * The root the projection last grew the log to ({@link #knowRoot}), if the stored entry at its size
     * still has the hash it was grown with; empty before the first append or {@link DecisionLogProjection#prepare}
     * of this process, or when the log was changed under it.
     */
    Optional<SizedRoot> knownRoot() {
        KnownRoot known = knownRoot;
        if (known == null) {
            return Optional.empty();
        }
        Document at = log.find(Filters.eq("_id", known.size())).projection(Projections.include("hash")).first();
        return at != null && known.headHash().equals(at.getString("hash"))
                ? Optional.of(new SizedRoot(known.size(), known.root().clone())) : Optional.empty();
    }

    /**
     * The audit path of entry {@code seq} in the tree of the first {@code treeSize} entries.
     *
     * @throws IllegalArgumentException unless 1 &le; seq &le; treeSize &le; {@link #size()}
     */
    public InclusionProof inclusionProof(long seq, long treeSize) {
        if (seq < 1 || seq > treeSize) {
            throw new IllegalArgumentException("seq must lie in 1.." + treeSize);
        }
        List<byte[]> leaves = leafHashes(treeSize);
        return new InclusionProof(seq, seq - 1, treeSize, Hashing.hex(leaves.get((int) (seq - 1))),
                Hashing.hex(MerkleTree.root(leaves)),
                MerkleTree.inclusionProof(leaves, (int) (seq - 1)).stream().map(Hashing::hex).toList());
    }

    /**
     * The consistency proof between the trees of the first {@code from} and {@code to} entries.
     *
     * @throws IllegalArgumentException unless 1 &le; from &le; to &le; {@link #size()}
     */
    public ConsistencyProof consistencyProof(long from, long to) {
        if (from < 1 || from > to) {
            throw new IllegalArgumentException("from must lie in 1.." + to);
        }
        List<byte[]> leaves = leafHashes(to);
        return new ConsistencyProof(from, to, Hashing.hex(MerkleTree.root(leaves.subList(0, (int) from))),
                Hashing.hex(MerkleTree.root(leaves)),
                MerkleTree.consistencyProof(leaves, (int) from).stream().map(Hashing::hex).toList());
    }

    /**
     * The leaf hashes ({@code SHA-256(0x00 ‖ bytes(hash))}) of the first {@code treeSize} entries.
     *
     * @throws IllegalArgumentException if the log is shorter
     * @throws IllegalStateException    if the stored log has a gap
     */
    public synchronized List<byte[]> leafHashes(long treeSize) {
        if (treeSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tree too large: " + treeSize);
        }
        if (leafHashes.size() < treeSize) {
            LOGGER.debug("Reading the leaf hashes of entries {}..{} into the cache", leafHashes.size() + 1, treeSize);
        }
        if (leafHashes.size() < treeSize && !extendCache(treeSize)) {
            LOGGER.debug("The stored log does not continue the cached leaves: reading all {} again", treeSize);
            leafHashes.clear();
            lastCachedHash = Hashing.ZERO_HASH;
            extendCache(treeSize);
        }
        if (leafHashes.size() < treeSize) {
            throw new IllegalArgumentException("the log has only " + leafHashes.size() + " entries");
        }
        return List.copyOf(leafHashes.subList(0, (int) treeSize));
    }

    /**
     * Reads the entries after the cached ones, one at a time from a cursor (at 10⁶ events the log has over
     * 10⁵ entries: read into one list first, they were a transient of tens of MB on the heap); false if they
     * do not continue the cached chain.
     */
    private boolean extendCache(long treeSize) {
        boolean boundary = !leafHashes.isEmpty();
        try (ReadCursor entries = log.find(Filters.gt("_id", (long) leafHashes.size())).sort(Sorts.ascending("_id"))
                .limit((int) (treeSize - leafHashes.size())).projection(Projections.include("prevHash", "hash"))
                .cursor()) {
            while (entries.hasNext()) {
                Document doc = entries.next();
                long seq = ((Number) doc.get("_id")).longValue();
                if (seq != leafHashes.size() + 1) {
                    throw new IllegalStateException("the decision log has no entry " + (leafHashes.size() + 1));
                }
                // Only where the cache ends: a stored entry that does not continue it means the log was rebuilt.
                if (boundary && !lastCachedHash.equals(doc.getString("prevHash"))) {
                    return false;
                }
                boundary = false;
                String hash = doc.getString("hash");
                leafHashes.add(MerkleTree.leafHash(Hashing.unhex(hash)));
                lastCachedHash = hash;
            }
        }
        return true;
    }

    /**
     * Which of these event ids the log already holds. Besides the unique index, the ids of the log's
     * last {@value RecentEventIds#RECENT} entries are read by a scan of the entries themselves once per process
     * and kept: a batch re-delivered after a crash can only repeat recent entries, and after a
     * {@code kill -9} the embedded store was seen to keep an entry whose index entry it had lost
     * (the same event appended twice, CrashLoopIT).
     */
    synchronized Set<String> recorded(Collection<String> eventIds) {
        readRecentEventIds();
        Set<String> found = new HashSet<>();
        eventIds.stream().filter(recent::contains).forEach(found::add);
        log.find(Filters.in("eventId", eventIds)).projection(Projections.include("eventId"))
                .forEach(doc -> found.add(doc.getString("eventId")));
        return found;
    }

    /** Reads the event ids of the last entries, once per process (and after a reset). */
    void readRecentEventIds() {
        recent.read(this::size);
    }

    /**
     * Appends entries: first the staff ids (idempotent upserts by event id), then the entries in one
     * ordered insert, so that an entry never exists without its staff record.
     */
    void append(List<DecisionLogEntry> entries, List<String> staffIds) {
        List<WriteModel<Document>> staffWrites = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            DecisionLogEntry entry = entries.get(i);
            staffWrites.add(new ReplaceOneModel<>(Filters.eq("_id", entry.eventId()),
                    new Document("_id", entry.eventId()).append("seq", entry.seq())
                            .append("decisionId", entry.decisionId()).append("staffId", staffIds.get(i)), UPSERT));
        }
        staff.bulkWrite(staffWrites);
        log.insertMany(entries.stream().map(DecisionLogEntry::toDocument).toList());
        recent.remember(entries);
    }

    /** Keeps the Merkle frontier of the first {@code size} entries ({@link KeptFrontier#keep}). */
    void keepFrontier(long size, String headHash, List<byte[]> roots) {
        kept.keep(size, headHash, roots);
    }

    /** The kept Merkle frontier continued up to {@code head}, if it belongs to this log ({@link KeptFrontier#upTo}). */
    Optional<MerkleTree.Frontier> keptFrontier(Head head) {
        return kept.upTo(head);
    }

    /** Empties the log, its staff records and its kept frontier (a projection reset). */
    synchronized void clear() {
        recent.clear();
        knownRoot = null;
        log.deleteMany(new Document());
        staff.deleteMany(new Document());
        kept.clear();
        leafHashes.clear();
        lastCachedHash = Hashing.ZERO_HASH;
    }

    /** The stored log, for the verifier. */
    ReadCollection collection() {
        return log;
    }

    /** The last entry: its seq and hash. */
    record Head(long seq, String hash) {
    }

    /** The Merkle root of the first {@code size} entries. */
    record SizedRoot(long size, byte[] root) {
    }

    /** The Merkle root of the first {@code size} entries, the last of which has the hash {@code headHash}. */
    private record KnownRoot(long size, String headHash, byte[] root) {
    }
}
