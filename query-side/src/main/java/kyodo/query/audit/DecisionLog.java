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
 * (never served publicly). Reads entries, and builds Merkle roots, proofs and tiles over the entries'
 * hashes from the interior hashes it keeps ({@link SubtreeHashes}): O(log n) hashes and at most a block of
 * entries read per answer. They are dropped when the log is reset, and rebuilt whenever the stored log no
 * longer has the chain they were built from (a rebuild elsewhere).
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
    private final SubtreeHashes subtrees;
    private final RecentEventIds recent;
    private volatile KnownRoot knownRoot;

    public DecisionLog(ReadStore store) {
        this.log = store.collection(LOG);
        this.staff = store.collection(STAFF);
        this.kept = new KeptFrontier(log, store.collection(FRONTIER));
        this.recent = new RecentEventIds(log);
        this.subtrees = new SubtreeHashes(log);
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
     * with, else from the kept subtree hashes.
     */
    public byte[] root(long treeSize) {
        KnownRoot known = knownRoot;
        if (known != null && known.size() == treeSize) {
            Optional<SizedRoot> checked = knownRoot();
            if (checked.isPresent() && checked.get().size() == treeSize) {
                return checked.get().root();
            }
        }
        LOGGER.debug("Root of {} entries from the subtree hashes (known root: {})", treeSize,
                known == null ? "none" : "of " + known.size() + " entries");
        return subtrees.over(treeSize, nodes -> treeSize == 0 ? MerkleTree.emptyRoot() : nodes.root(0, treeSize));
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
        return subtrees.over(treeSize, nodes -> new InclusionProof(seq, seq - 1, treeSize,
                Hashing.hex(nodes.root(seq - 1, seq)), Hashing.hex(nodes.root(0, treeSize)),
                MerkleProofs.inclusion(nodes, seq - 1, treeSize).stream().map(Hashing::hex).toList()));
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
        return subtrees.over(to, nodes -> new ConsistencyProof(from, to, Hashing.hex(nodes.root(0, from)),
                Hashing.hex(nodes.root(0, to)),
                MerkleProofs.consistency(nodes, from, to).stream().map(Hashing::hex).toList()));
    }

    /**
     * A hash tile of the tree of the first {@code treeSize} entries ({@link LogTiles#hashes}).
     *
     * @throws IllegalArgumentException if the log is shorter, or the tree has not all of the tile
     */
    public byte[] tileHashes(LogTiles.Tile tile, long treeSize) {
        if (tile.entries() || !LogTiles.available(tile, treeSize)) {
            throw new IllegalArgumentException("the tree of " + treeSize + " entries has no hash tile " + tile.path());
        }
        return subtrees.over(treeSize, nodes -> LogTiles.hashes(tile, nodes));
    }

    /**
     * The Merkle frontier of the first {@code size} entries, from the kept subtree hashes.
     *
     * @throws IllegalArgumentException if the log is shorter
     * @throws IllegalStateException    if the stored log has a gap
     */
    MerkleTree.Frontier frontier(long size) {
        return subtrees.over(size, nodes -> MerkleProofs.frontier(nodes, size));
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
        subtrees.clear();
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
