package kyodo.query.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import kyodo.query.platform.store.ReadCollection;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decision log's Merkle frontier as last kept, in collection {@value DecisionLog#FRONTIER} (one
 * document, never served), and the checks that it belongs to the stored log before a restarted process
 * continues the tree from it.
 */
final class KeptFrontier {

    private static final Logger LOGGER = LoggerFactory.getLogger(KeptFrontier.class);
    private static final String ID = DecisionLog.FRONTIER;

    private final ReadCollection log;
    private final ReadCollection frontier;

    KeptFrontier(ReadCollection log, ReadCollection frontier) {
        this.log = log;
        this.frontier = frontier;
    }

    /**
     * Keeps the Merkle frontier of the first {@code size} entries, the last of which has the hash
     * {@code headHash}, so that a restarted process continues the tree from there ({@link #upTo})
     * instead of hashing the whole log again.
     */
    void keep(long size, String headHash, List<byte[]> roots) {
        frontier.bulkWrite(List.of(new ReplaceOneModel<>(Filters.eq("_id", ID),
                new Document("_id", ID).append("size", size).append("headHash", headHash)
                        .append("roots", roots.stream().map(Hashing::hex).toList()), new ReplaceOptions().upsert(true))));
    }

    /**
     * The Merkle frontier of the log up to {@code head}: the kept one, extended by the entries after it.
     * Empty when none is kept, or when it does not belong to this log: the stored entry at its size must
     * have the hash it was kept with (an entry's hash chains every entry before it), and the entries
     * after it must continue that chain up to the head.
     */
    Optional<MerkleTree.Frontier> upTo(DecisionLog.Head head) {
        Document kept = frontier.find(Filters.eq("_id", ID)).first();
        if (kept == null) {
            return rejected("none is kept", head);
        }
        if (!(kept.get("size") instanceof Number keptSize) || keptSize.longValue() < 1) {
            return rejected("it has no size", head);
        }
        long size = keptSize.longValue();
        if (size > head.seq()) {
            return rejected("it is ahead of the log (" + size + " entries)", head);
        }
        String hash = kept.getString("headHash");
        Document at = log.find(Filters.eq("_id", size)).projection(Projections.include("hash")).first();
        if (hash == null || at == null || !hash.equals(at.getString("hash"))) {
            return rejected("the entry at its size " + size + " has another hash", head);
        }
        try {
            MerkleTree.Frontier restored = MerkleTree.Frontier.of(size,
                    kept.getList("roots", String.class, List.of()).stream().map(Hashing::unhex).toList());
            if (size < head.seq()) {
                for (Document doc : log.find(Filters.gt("_id", size)).sort(Sorts.ascending("_id"))
                        .limit((int) (head.seq() - size)).projection(Projections.include("prevHash", "hash"))
                        .into(new ArrayList<>())) {
                    if (((Number) doc.get("_id")).longValue() != restored.size() + 1
                            || !hash.equals(doc.getString("prevHash"))) {
                        return rejected("the entries after it do not continue its chain at "
                                + (restored.size() + 1), head);
                    }
                    hash = doc.getString("hash");
                    restored.append(MerkleTree.leafHash(Hashing.unhex(hash)));
                }
            }
            if (restored.size() != head.seq() || !hash.equals(head.hash())) {
                return rejected("the entries after it end at " + restored.size() + ", not at the head", head);
            }
            LOGGER.debug("Continuing the decision log's kept frontier of {} entries up to {}", size, head.seq());
            return Optional.of(restored);
        } catch (IllegalArgumentException | ClassCastException e) {
            // not a frontier of this log: the caller rebuilds it from the entries
            return rejected("it is malformed (" + e.getMessage() + ")", head);
        }
    }

    private static Optional<MerkleTree.Frontier> rejected(String why, DecisionLog.Head head) {
        LOGGER.debug("Not continuing a kept frontier of the decision log ({} entries): {}", head.seq(), why);
        return Optional.empty();
    }

    /** Forgets the kept frontier (a projection reset). */
    void clear() {
        frontier.deleteMany(new Document());
    }
}
