package kyodo.query.audit;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;
import kyodo.query.platform.BatchedWrites;
import kyodo.query.platform.GlobalOrder;
import kyodo.query.platform.PendingWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends every decision (any event implementing {@link DecisionEvent}) to the decision log, in the
 * event store's global order: its processing group runs with a single segment
 * ({@link GlobalOrder}), and a failed write fails the batch (no event is ever skipped, see
 * {@link AuditConfiguration}).
 * <p>
 * Within a processor batch the decisions are collected ({@link BatchedWrites}) and appended together
 * just before the processor stores the batch's position ({@link PendingWrites}), never after it; outside
 * a unit of work each decision is appended at once. A kill leaves a position that the stored log
 * covers. An event already in the log (same event id) is skipped, so a re-delivered batch continues
 * the chain exactly where it stopped (one ordered insert may have stored a prefix of it) and
 * replaying from scratch after a reset gives byte-identical entries (ADR 13).
 * <p>
 * When the log reaches a multiple of {@code kyodo.audit.checkpoint-every} (1000), a signed
 * checkpoint of that size is issued from an in-memory Merkle frontier that follows the log.
 */
@Component
@ProcessingGroup(DecisionLog.GROUP)
@GlobalOrder
class DecisionLogProjection {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionLogProjection.class);

    private final DecisionLog log;
    private final Checkpoints checkpoints;
    private final DecisionFeed feed;
    private final long checkpointEvery;
    private final BatchedWrites<Batch> batches =
            new BatchedWrites<>(DecisionLogProjection.class.getName() + "/batch", Batch::new);

    /** The Merkle frontier of the stored log, valid while its size and last hash match the log's head. */
    private MerkleTree.Frontier frontier;
    private String frontierHeadHash;

    DecisionLogProjection(DecisionLog log, Checkpoints checkpoints, DecisionFeed feed, AuditSettings settings) {
        long checkpointEvery = settings.checkpointEvery();
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("kyodo.audit.checkpoint-every must be at least 1");
        }
        this.log = log;
        this.checkpoints = checkpoints;
        this.feed = feed;
        this.checkpointEvery = checkpointEvery;
    }

    @EventHandler
    void on(DecisionEvent event, @MessageIdentifier String eventId) {
        Recorded recorded = new Recorded(eventId, event.decision());
        batches.write(batch -> batch.pending.add(recorded));
    }

    @ResetHandler
    synchronized void reset() {
        log.clear();
        frontier = null;
        frontierHeadHash = null;
    }

    /**
     * Makes ready what the first decision after a start would otherwise pay for inside its batch: the
     * Merkle frontier of the stored log (the kept one continued to the head, or, for a log kept before
     * there was one, rebuilt from every entry and kept at the last multiple of the checkpoint interval),
     * the root the checkpoint schedule signs,
     * and the event ids of the last entries ({@link DecisionLog#recorded}). Called once at start, on the
     * checkpoint schedule's thread; the next append checks the frontier against the log's head again.
     */
    synchronized void prepare() {
        DecisionLog.Head head = log.head();
        MerkleTree.Frontier ready = frontierAt(head);
        frontier = ready;
        frontierHeadHash = head.hash();
        if (head.seq() > 0) {
            log.knowRoot(head.seq(), head.hash(), ready.root());
        }
        log.readRecentEventIds();
    }

    /** Appends the decisions not in the log yet, in the given order, and issues checkpoints that fell due. */
    synchronized void append(List<Recorded> recorded) {
        Map<String, Decision> fresh = new LinkedHashMap<>();
        recorded.forEach(r -> fresh.putIfAbsent(r.eventId(), r.decision()));
        Set<String> known = log.recorded(fresh.keySet());
        known.forEach(fresh::remove);

        DecisionLog.Head head = log.head();
        issueMissedCheckpoint(head.seq());
        if (fresh.isEmpty()) {
            return;
        }
        long alreadyCheckpointed = checkpoints.latestTreeSize();
        MerkleTree.Frontier growing = frontierAt(head);
        frontier = null; // until the entries are stored
        List<DecisionLogEntry> entries = new ArrayList<>();
        List<String> staffIds = new ArrayList<>();
        Map<Long, byte[]> dueRoots = new LinkedHashMap<>();
        long seq = head.seq();
        String prevHash = head.hash();
        Runnable keepFrontier = null;
        for (Map.Entry<String, Decision> next : fresh.entrySet()) {
            DecisionLogEntry entry = DecisionLogEntry.of(++seq, prevHash, next.getKey(), next.getValue());
            entries.add(entry);
            staffIds.add(next.getValue().decidedBy().staffId());
            growing.append(MerkleTree.leafHash(entry.leafData()));
            prevHash = entry.hash();
            if (seq % checkpointEvery == 0) {
                if (seq > alreadyCheckpointed) {
                    dueRoots.put(seq, growing.root());
                }
                long size = seq;
                String hash = prevHash;
                List<byte[]> roots = growing.roots();
                keepFrontier = () -> log.keepFrontier(size, hash, roots);
            }
        }
        log.append(entries, staffIds);
        if (keepFrontier != null) {
            keepFrontier.run(); // after the entries it covers
        }
        frontier = growing;
        frontierHeadHash = prevHash;
        log.knowRoot(seq, prevHash, growing.root());
        dueRoots.forEach(checkpoints::issue);
        feed.appended(seq);
    }

    /**
     * After a failure between appending and signing, the largest multiple of the checkpoint interval
     * the log has reached may lack its checkpoint: issue it from the stored log.
     */
    private void issueMissedCheckpoint(long size) {
        long lastMultiple = size - size % checkpointEvery;
        if (lastMultiple > 0 && lastMultiple > checkpoints.latestTreeSize()) {
            LOG.debug("Issuing the missed checkpoint of {} entries", lastMultiple);
            checkpoints.issue(lastMultiple, log.root(lastMultiple));
        }
    }

    /**
     * The frontier in memory; after a restart the one the log kept at its last checkpoint interval,
     * extended by the entries since; only without one (a log of an older version, or one that does
     * not match) from the log's subtree hashes ({@link DecisionLog#frontier}, built from every entry once per
     * process), and then kept at the last multiple of the interval.
     */
    private MerkleTree.Frontier frontierAt(DecisionLog.Head head) {
        if (frontier != null && frontier.size() == head.seq() && head.hash().equals(frontierHeadHash)) {
            return frontier;
        }
        return log.keptFrontier(head).orElseGet(() -> {
            LOG.debug("Rebuilding the decision log's Merkle frontier of {} entries from its subtree hashes",
                    head.seq());
            // kept where an append keeps it, at the last multiple of the checkpoint interval: what the store
            // holds follows from the log, not from when the process started (a replay converges to it)
            long keepAt = head.seq() - head.seq() % checkpointEvery;
            MerkleTree.Frontier rebuilt = log.frontier(head.seq());
            if (keepAt > 0) {
                log.keepFrontier(keepAt, log.entry(keepAt).orElseThrow().hash(), log.frontier(keepAt).roots());
            }
            return rebuilt;
        });
    }

    /** A decision event as handled: the event's id and its decision. */
    record Recorded(String eventId, Decision decision) {
    }

    /** Decisions of one processor batch waiting to be appended together. */
    private final class Batch implements BatchedWrites.Batch {

        private final List<Recorded> pending = new ArrayList<>();

        @Override
        public void flush() {
            if (!pending.isEmpty()) {
                List<Recorded> taken = List.copyOf(pending);
                pending.clear();
                append(taken);
            }
        }
    }
}
