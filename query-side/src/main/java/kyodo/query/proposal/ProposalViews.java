package kyodo.query.proposal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.proposal.Proposer;
import kyodo.query.listing.ListPage;
import kyodo.query.listing.SubjectViews;
import kyodo.query.listing.Viewer;
import kyodo.query.platform.StoredSealedData;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static kyodo.query.platform.StoredValues.date;
import static kyodo.query.platform.StoredValues.instant;

/**
 * Reads the {@code proposals} read model and shapes it for its two audiences: staff (with the
 * proposer opened, or the erased placeholder) and the public (no proposer at all). Lists never
 * carry the proposer, for either audience.
 */
@Component
public class ProposalViews extends SubjectViews {

    /** What a list item needs; never the proposer, the body, the timeline or the search tokens. */
    private static final Bson LIST_FIELDS = Projections.include("version", "ward", "title", "themes", "programme",
            "channel", "status", "submittedAt", "fiscalYear", "department", "dueOn", "overdue", "decidedAt",
            "outcome", "daysToAnswer", "supports");

    /** A document a project link created before the proposal's submission was projected is no proposal yet. */
    /** Submitted proposals (not a document that only a project link created, see ProposalProjection). */
    private static final Bson SUBMITTED = Filters.eq(ProposalProjection.LISTED, true);

    private final PersonalDataProtector protector;

    ProposalViews(ReadStore store, PersonalDataProtector protector) {
        super(store.collection(ProposalProjection.COLLECTION), SUBMITTED);
        this.protector = protector;
    }

    /** The first proposals matching the query, without counting them all (the home's "due soon"). Blocking. */
    public List<ProposalListItem> first(ProposalListQuery query) {
        return query.readItems(documents, Filters.and(query.filter(), SUBMITTED), LIST_FIELDS, ProposalViews::listItem);
    }

    /** One page of proposals matching the query, and how many match in all. Blocking. */
    public ProposalPage list(ProposalListQuery query) {
        return query.readPage(documents, Filters.and(query.filter(), SUBMITTED), LIST_FIELDS, ProposalViews::listItem,
                ProposalPage::new);
    }

    public ProposalPublicView publicView(Document doc) {
        Ward ward = Ward.fromCode(doc.getString("ward")).orElseThrow();
        FiscalYear fy = FiscalYear.of(doc.getInteger("fiscalYear"));
        List<TimelineEntry> timeline = doc.getList("timeline", Document.class, List.of()).stream()
                .map(ProposalViews::timelineEntry).toList();
        return new ProposalPublicView(doc.getString("_id"), doc.getLong("version"), ward.code(), ward.nameJa(),
                ward.nameEn(), doc.getString("title"), doc.getString("body"), doc.getList("themes", String.class),
                doc.getString("programme"), doc.getString("channel"), doc.getString("status"),
                instant(doc, "submittedAt"), fy.startYear(), fy.labelJa(), doc.getString("department"),
                instant(doc, "acknowledgedAt"), date(doc, "dueOn"), doc.getBoolean("overdue", false),
                doc.getBoolean("answeredLate", false), instant(doc, "decidedAt"), doc.getString("outcome"),
                doc.getString("reason"), doc.getString("conditions"), doc.getInteger("daysLate"),
                doc.getInteger("daysToAnswer"), doc.getString("meetingId"), instant(doc, "withdrawnAt"),
                doc.getInteger("supports", 0), timeline, doc.getList("projects", Document.class, List.of())
                        .stream().map(p -> new ProjectLink(p.getString("projectId"), p.getString("title"))).toList());
    }

    /**
     * Staff view: opens the proposer with their key; shows the placeholder once it was erased, and
     * {@link Viewer#WITHHELD_PLACEHOLDER} to a reader whose ward scope does not cover the proposal's ward
     * (docs/api.md: personal data is for staff of the same ward). Blocking.
     */
    public ProposalStaffView staffView(Document doc, Viewer viewer) {
        SealedPersonalData sealed = StoredSealedData.read(doc.get("proposer", Document.class));
        ProposerView proposer = viewer.show(Ward.fromCode(doc.getString("ward")).orElse(null), sealed, protector,
                Proposer.class, p -> new ProposerView(sealed.subjectId(), p.name(), p.contact(), false),
                (text, erased) -> new ProposerView(sealed.subjectId(), text, text, erased));
        return new ProposalStaffView(publicView(doc), proposer);
    }

    private static ProposalListItem listItem(Document doc) {
        Ward ward = Ward.fromCode(doc.getString("ward")).orElseThrow();
        FiscalYear fy = FiscalYear.of(doc.getInteger("fiscalYear"));
        return new ProposalListItem(doc.getString("_id"), doc.getLong("version"), ward.code(), ward.nameJa(),
                ward.nameEn(), doc.getString("title"), doc.getList("themes", String.class),
                doc.getString("programme"), doc.getString("channel"), doc.getString("status"),
                instant(doc, "submittedAt"), fy.startYear(), fy.labelJa(), doc.getString("department"),
                date(doc, "dueOn"), doc.getBoolean("overdue", false), instant(doc, "decidedAt"),
                doc.getString("outcome"), doc.getInteger("daysToAnswer"), doc.getInteger("supports", 0));
    }

    private static TimelineEntry timelineEntry(Document entry) {
        return new TimelineEntry(entry.getLong("seq"), entry.getString("kind"), instant(entry, "at"),
                entry.getString("text"), entry.getString("reason"), entry.getString("outcome"),
                entry.getString("conditions"), entry.getString("meetingId"), date(entry, "dueOn"),
                entry.getString("department"), entry.getString("role"));
    }

    /**
     * What anyone may see of a proposal: its state, the answer with its reason, how long it took,
     * and the public timeline. Absent facts are null (e.g. {@code decidedAt} before an answer).
     *
     * @param overdue      the answer is past due and has not come yet
     * @param answeredLate the answer came after the due date ({@code daysLate} days)
     * @param reason       the reason given with the answer (accepted or rejected)
     * @param daysToAnswer whole days (Asia/Tokyo) from the day of submission to the day of the answer
     * @param supports     how many verified residents support it (never who)
     * @param projects     the collaborative projects launched from this proposal; left out while there are none
     */
    public record ProposalPublicView(String id, long version, String ward, String wardNameJa, String wardNameEn,
                                     String title, String body, List<String> themes, String programme,
                                     String channel, String status, Instant submittedAt, int fiscalYear,
                                     String fiscalYearLabel, String department, Instant acknowledgedAt,
                                     LocalDate dueOn, boolean overdue, boolean answeredLate, Instant decidedAt,
                                     String outcome, String reason, String conditions, Integer daysLate,
                                     Integer daysToAnswer, String meetingId, Instant withdrawnAt, int supports,
                                     List<TimelineEntry> timeline,
                                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProjectLink> projects) {
    }

    /** A collaborative project launched from the proposal: its public page is {@code /public/projects/{projectId}}. */
    public record ProjectLink(String projectId, String title) {
    }

    /**
     * One public step in a proposal's life, in order. Shows the role that acted, never who; fields
     * that do not apply to the kind are left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineEntry(long seq, String kind, Instant at, String text, String reason, String outcome,
                                String conditions, String meetingId, LocalDate dueOn, String department,
                                String role) {
    }

    /** What staff see: the public view plus the proposer. */
    public record ProposalStaffView(@JsonUnwrapped ProposalPublicView proposal, ProposerView proposer) {
    }

    /** The proposer as staff see them; {@code erased} once an administrator forgot the person. */
    public record ProposerView(String subjectId, String name, String contact, boolean erased) {

        @Override
        public String toString() {
            return "ProposerView[subjectId=" + subjectId + ", erased=" + erased + "]";
        }
    }

    /**
     * A proposal in a list, for staff and public alike: no proposer, no body, no timeline.
     *
     * @param supports how many verified residents support it (never who)
     */
    public record ProposalListItem(String id, long version, String ward, String wardNameJa, String wardNameEn,
                                   String title, List<String> themes, String programme, String channel,
                                   String status, Instant submittedAt, int fiscalYear, String fiscalYearLabel,
                                   String department, LocalDate dueOn, boolean overdue, Instant decidedAt,
                                   String outcome, Integer daysToAnswer, int supports) {
    }

    /**
     * One page of a list.
     *
     * @param total how many proposals match the filters, over all pages
     */
    public record ProposalPage(List<ProposalListItem> items, int page, int size, long total)
            implements ListPage<ProposalListItem> {
    }
}
