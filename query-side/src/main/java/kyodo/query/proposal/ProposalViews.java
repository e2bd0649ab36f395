package kyodo.query.proposal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.proposal.Proposer;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code proposals} read model and shapes it for its two audiences: staff (with the
 * proposer opened, or the erased placeholder) and the public (no proposer at all).
 */
@Component
public class ProposalViews {

    private final MongoCollection<Document> proposals;
    private final PersonalDataProtector protector;

    ProposalViews(MongoDatabase database, PersonalDataProtector protector) {
        this.proposals = database.getCollection(ProposalProjection.COLLECTION);
        this.protector = protector;
    }

    /** The stored document, if the proposal is known to the read model. Blocking. */
    public Optional<Document> find(String id) {
        return Optional.ofNullable(proposals.find(Filters.eq("_id", id)).first());
    }

    public ProposalPublicView publicView(Document doc) {
        Ward ward = Ward.fromCode(doc.getString("ward")).orElseThrow();
        FiscalYear fy = FiscalYear.of(doc.getInteger("fiscalYear"));
        return new ProposalPublicView(doc.getString("_id"), doc.getLong("version"), ward.code(), ward.nameJa(),
                ward.nameEn(), doc.getString("title"), doc.getString("body"), doc.getList("themes", String.class),
                doc.getString("programme"), doc.getString("channel"), doc.getString("status"),
                doc.getDate("submittedAt").toInstant(), fy.startYear(), fy.labelJa());
    }

    /** Staff view: opens the proposer with their key; shows the placeholder once it was erased. Blocking. */
    public ProposalStaffView staffView(Document doc) {
        Document sealedDoc = doc.get("proposer", Document.class);
        SealedPersonalData sealed = new SealedPersonalData(sealedDoc.getString("subjectId"),
                sealedDoc.getString("algorithm"), sealedDoc.getString("nonce"), sealedDoc.getString("ciphertext"));
        ProposerView proposer = protector.open(sealed, Proposer.class)
                .map(p -> new ProposerView(sealed.subjectId(), p.name(), p.contact(), false))
                .orElseGet(() -> new ProposerView(sealed.subjectId(), PersonalDataProtector.ERASED_PLACEHOLDER,
                        PersonalDataProtector.ERASED_PLACEHOLDER, true));
        return new ProposalStaffView(publicView(doc), proposer);
    }

    /** What anyone may see of a proposal. */
    public record ProposalPublicView(String id, long version, String ward, String wardNameJa, String wardNameEn,
                                     String title, String body, List<String> themes, String programme,
                                     String channel, String status, Instant submittedAt, int fiscalYear,
                                     String fiscalYearLabel) {
    }

    /** What staff see: the public view plus the proposer. */
    public record ProposalStaffView(@com.fasterxml.jackson.annotation.JsonUnwrapped ProposalPublicView proposal,
                                    ProposerView proposer) {
    }

    /** The proposer as staff see them; {@code erased} once an administrator forgot the person. */
    public record ProposerView(String subjectId, String name, String contact, boolean erased) {

        @Override
        public String toString() {
            return "ProposerView[subjectId=" + subjectId + ", erased=" + erased + "]";
        }
    }
}
