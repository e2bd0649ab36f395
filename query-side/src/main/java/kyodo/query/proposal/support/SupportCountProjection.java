package kyodo.query.proposal.support;

import kyodo.kernel.proposal.ProposalSupportCount;
import kyodo.query.platform.DocumentChange;
import kyodo.query.platform.DocumentProjection;
import kyodo.query.platform.WriteBatch;
import kyodo.query.platform.store.ReadStore;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * How many residents support each proposal (issue 17), in {@code proposal_supports}: one document per
 * supported proposal, {@code {_id: proposalId, supports, version}}, never who supports it (the events'
 * pseudonyms stay in the event store). Each event carries the count after it, so the figure is set,
 * not added: replay-safe by the proposal's sequence number ({@link DocumentProjection}); the first
 * support creates the document.
 */
@Component
@ProcessingGroup(SupportCountProjection.GROUP)
class SupportCountProjection extends DocumentProjection<WriteBatch> {

    static final String GROUP = "proposal-supports";
    static final String COLLECTION = "proposal_supports";

    SupportCountProjection(ReadStore store) {
        super(store, COLLECTION, WriteBatch::new);
    }

    @EventHandler
    void on(ProposalSupportCount event, @SequenceNumber long sequence) {
        write(batch -> {
            batch.add(created(event.proposalId(), new Document("version", -1L).append("supports", 0)));
            batch.add(updated(event.proposalId(), sequence, new DocumentChange().set("supports", event.supports())));
        });
    }
}
