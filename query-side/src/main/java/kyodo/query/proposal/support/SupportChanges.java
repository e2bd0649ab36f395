package kyodo.query.proposal.support;

import kyodo.kernel.StaffRef;
import kyodo.kernel.proposal.ProposalSupportCount;
import kyodo.kernel.proposal.ProposalSupportThresholdReached;
import kyodo.query.platform.DocumentChange;

import static kyodo.query.platform.TimelineEntries.entry;

/**
 * What residents' supports change in a proposal's read model (issue 17): the count each event carries
 * (set, not added, so a replayed event changes nothing), never who; when the supports reached the
 * programme's threshold, also the due date it set and a timeline entry (an automatic record).
 */
public final class SupportChanges {

    private SupportChanges() {
    }

    /** The change of the proposal's document for that event at that sequence number. */
    public static DocumentChange of(ProposalSupportCount event, long sequence) {
        DocumentChange change = new DocumentChange().set("supports", event.supports());
        if (event instanceof ProposalSupportThresholdReached reached) {
            String dueOn = reached.dueOn().toString();
            change.set("dueOn", dueOn).push("timeline", entry(sequence, "SUPPORT_THRESHOLD", reached.reachedAt(),
                    StaffRef.SYSTEM.role(), "dueOn", dueOn));
        }
        return change;
    }
}
