package kyodo.ops;

import kyodo.query.audit.DecisionLogEntry;
import kyodo.query.audit.Hashing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a log operator who rewrites history does to make it look intact: numbers the entries 1, 2, 3 …
 * again and recomputes every {@code prevHash} and {@code hash}, so that the chain, the Merkle root and
 * a checkpoint re-signed with the log's own key all agree with the forgery.
 */
final class ForgedLog {

    private ForgedLog() {
    }

    /** The entries in this order, renumbered from 1 and chained again. */
    static List<DecisionLogEntry> rechained(List<DecisionLogEntry> entries) {
        List<DecisionLogEntry> chained = new ArrayList<>();
        String prev = Hashing.ZERO_HASH;
        for (DecisionLogEntry e : entries) {
            DecisionLogEntry entry = rehashed(e, chained.size() + 1, prev);
            chained.add(entry);
            prev = entry.hash();
        }
        return chained;
    }

    /** The entry at that seq after an entry with that hash, with the hash its members then give. */
    static DecisionLogEntry rehashed(DecisionLogEntry e, long seq, String prevHash) {
        DecisionLogEntry unhashed = new DecisionLogEntry(seq, e.decisionId(), e.subjectType(), e.subjectId(),
                e.ward(), e.kind(), e.outcome(), e.reason(), e.decidedByRole(), e.decidedAt(), e.basis(), e.eventId(),
                prevHash, null);
        return new DecisionLogEntry(seq, e.decisionId(), e.subjectType(), e.subjectId(), e.ward(), e.kind(),
                e.outcome(), e.reason(), e.decidedByRole(), e.decidedAt(), e.basis(), e.eventId(), prevHash,
                unhashed.recomputedHash());
    }

    /** A decision never made, shaped like that entry, with that reason; not yet chained. */
    static DecisionLogEntry invented(DecisionLogEntry like, String reason) {
        return new DecisionLogEntry(like.seq(), "d-forged", like.subjectType(), "p-forged", like.ward(), like.kind(),
                like.outcome(), reason, "ADMIN", like.decidedAt(), null, "ev-forged", null, null);
    }

    /** The entry with another public reason, not yet chained. */
    static DecisionLogEntry withReason(DecisionLogEntry e, String reason) {
        return new DecisionLogEntry(e.seq(), e.decisionId(), e.subjectType(), e.subjectId(), e.ward(), e.kind(),
                e.outcome(), reason, e.decidedByRole(), e.decidedAt(), e.basis(), e.eventId(), null, null);
    }
}
