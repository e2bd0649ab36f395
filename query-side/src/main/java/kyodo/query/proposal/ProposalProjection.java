package kyodo.query.proposal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.kernel.proposal.ProposalSubmitted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * Projects proposal events into the {@code proposals} collection: one document per proposal,
 * its proposer kept sealed. Writes are idempotent: a creation only inserts ({@code $setOnInsert}),
 * and each document keeps the aggregate sequence number it reflects as {@code version}, so
 * replaying the same events gives the same documents.
 */
@Component
@ProcessingGroup(ProposalProjection.GROUP)
class ProposalProjection {

    static final String GROUP = "proposal-views";
    static final String COLLECTION = "proposals";

    private final MongoCollection<Document> proposals;

    ProposalProjection(MongoDatabase database) {
        this.proposals = database.getCollection(COLLECTION);
    }

    @EventHandler
    void on(ProposalSubmitted event, @SequenceNumber long sequence) {
        Document doc = new Document("version", sequence)
                .append("ward", event.ward().code())
                .append("title", event.title())
                .append("body", event.body())
                .append("themes", event.themes())
                .append("programme", event.programme().name())
                .append("channel", event.channel().name())
                .append("status", ProposalStatus.SUBMITTED.name())
                .append("submittedAt", Date.from(event.submittedAt()))
                .append("fiscalYear", FiscalYear.containing(event.submittedAt()).startYear())
                .append("proposer", new Document("subjectId", event.proposer().subjectId())
                        .append("algorithm", event.proposer().algorithm())
                        .append("nonce", event.proposer().nonce())
                        .append("ciphertext", event.proposer().ciphertext()));
        // Insert-only: a replayed creation finds the document there and cannot roll it back.
        proposals.updateOne(Filters.eq("_id", event.proposalId()), new Document("$setOnInsert", doc),
                new UpdateOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        proposals.deleteMany(new Document());
    }
}
