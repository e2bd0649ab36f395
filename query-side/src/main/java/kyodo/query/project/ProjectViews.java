package kyodo.query.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.query.listing.ListPage;
import kyodo.query.listing.SubjectViews;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static kyodo.query.platform.StoredValues.date;
import static kyodo.query.platform.StoredValues.instant;
import static kyodo.query.platform.StoredValues.number;
import static kyodo.query.platform.StoredValues.optionalLong;

/**
 * Reads the {@code projects} read model and shapes it. A project holds no personal data (partners
 * are organisations, actors appear by role only), so staff and the public see the same view; the
 * staff read adds only read-after-write ({@code ?minVersion}).
 */
@Component
public class ProjectViews extends SubjectViews {

    /** What a list item needs; never the partners, money movements, targets, timeline or search tokens. */
    private static final Bson LIST_FIELDS = Projections.include("version", "ward", "fiscalYear", "title", "theme",
            "programme", "leadDepartment", "status", "launchedAt", "allocatedYen", "spentYen", "remainingYen");

    ProjectViews(ReadStore store) {
        super(store.collection(ProjectProjection.COLLECTION), null);
    }

    /** One page of projects matching the query, and how many match in all. Blocking. */
    public ProjectPage list(ProjectListQuery query) {
        return query.readPage(documents, query.filter(), LIST_FIELDS, ProjectViews::listItem, ProjectPage::new);
    }

    /**
     * The titles of the known projects among these ids (e.g. those a ward budget funds), in one read;
     * an id the read model does not know is left out. Blocking.
     */
    public Map<String, String> titles(Collection<String> ids) {
        Map<String, String> titles = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            documents.find(Filters.in("_id", ids)).projection(Projections.include("title"))
                    .forEach(doc -> titles.put(doc.getString("_id"), doc.getString("title")));
        }
        return titles;
    }

    /** The project as anyone (and staff) may see it. */
    public ProjectView view(Document doc) {
        Optional<Ward> ward = Ward.fromCode(doc.getString("ward"));
        FiscalYear fy = FiscalYear.of(doc.getInteger("fiscalYear"));
        Document origin = doc.get("origin", Document.class);
        Document approval = doc.get("approval", Document.class);
        Document evaluation = doc.get("evaluation", Document.class);
        Document completion = doc.get("completion", Document.class);
        Document termination = doc.get("termination", Document.class);
        return new ProjectView(doc.getString("_id"), doc.getLong("version"), ward.map(Ward::code).orElse(null),
                ward.map(Ward::nameJa).orElse(null), ward.map(Ward::nameEn).orElse(null), fy.startYear(),
                fy.labelJa(), doc.getString("title"), doc.getString("theme"), doc.getString("programme"),
                origin == null ? new Origin(null, null, null)
                        : new Origin(origin.getString("proposalId"), origin.getString("meetingId"),
                                origin.getString("resolutionId")),
                doc.getString("leadDepartment"), doc.getString("status"), instant(doc, "launchedAt"),
                list(doc, "partners").stream().map(p -> new Partner(p.getString("partnerId"), p.getString("name"),
                        p.getString("type"), p.getString("role"))).toList(),
                list(doc, "agreements").stream().map(ProjectViews::agreement).toList(),
                approval == null ? null
                        : new Approval(approval.getString("reason"), approval.getString("role"),
                                instant(approval, "at")),
                list(doc, "allocations").stream().map(a -> new Allocation(a.getString("allocationId"),
                        a.getString("budgetId"), number(a, "amountYen"), a.getString("reason"), a.getString("role"),
                        instant(a, "at"))).toList(),
                number(doc, "allocatedYen"),
                list(doc, "expenditures").stream().map(e -> new Expenditure(e.getString("expenditureId"),
                        number(e, "amountYen"), e.getString("description"), date(e, "spentOn"))).toList(),
                number(doc, "spentYen"), number(doc, "remainingYen"),
                list(doc, "targets").stream().map(t -> new Target(t.getString("name"), t.getString("unit"),
                        number(t, "baseline"), years(t.get("targets", Document.class)),
                        years(t.get("actuals", Document.class)))).toList(),
                list(doc, "progressReports").stream()
                        .map(r -> new ProgressReport(r.getString("text"), instant(r, "at"))).toList(),
                evaluation == null ? null
                        : new Evaluation(evaluation.getInteger("rating"), evaluation.getString("text"),
                                instant(evaluation, "at")),
                completion == null ? null : new Completion(completion.getString("summary"), instant(completion, "at")),
                termination == null ? null
                        : new Termination(termination.getString("reason"), number(termination, "unspentYen"),
                                instant(termination, "at")),
                list(doc, "timeline").stream().map(ProjectViews::timelineEntry).toList());
    }

    private static ProjectListItem listItem(Document doc) {
        Optional<Ward> ward = Ward.fromCode(doc.getString("ward"));
        FiscalYear fy = FiscalYear.of(doc.getInteger("fiscalYear"));
        return new ProjectListItem(doc.getString("_id"), doc.getLong("version"), ward.map(Ward::code).orElse(null),
                ward.map(Ward::nameJa).orElse(null), ward.map(Ward::nameEn).orElse(null), fy.startYear(),
                fy.labelJa(), doc.getString("title"), doc.getString("theme"), doc.getString("programme"),
                doc.getString("leadDepartment"), doc.getString("status"), instant(doc, "launchedAt"),
                number(doc, "allocatedYen"), number(doc, "spentYen"), number(doc, "remainingYen"));
    }

    private static Agreement agreement(Document a) {
        return new Agreement(a.getString("agreementId"), a.getString("title"),
                a.getList("parties", Document.class, List.of()).stream()
                        .map(p -> new Party(p.getString("partnerId"), p.getString("name"))).toList(),
                date(a, "signedOn"), a.getString("reason"), a.getString("role"));
    }

    private static TimelineEntry timelineEntry(Document e) {
        return new TimelineEntry(e.getLong("seq"), e.getString("kind"), instant(e, "at"), e.getString("title"),
                e.getString("text"), e.getString("reason"), e.getString("outcome"), e.getString("decisionId"),
                e.getString("partnerId"), e.getString("partner"), e.getString("agreementId"),
                optionalLong(e, "amountYen"), e.getString("target"), e.getInteger("fiscalYear"),
                optionalLong(e, "value"), e.getInteger("rating"), e.getString("role"));
    }

    private static List<Document> list(Document doc, String key) {
        return doc.getList(key, Document.class, List.of());
    }

    /** Values by fiscal year, in year order as stored. */
    private static Map<Integer, Long> years(Document values) {
        Map<Integer, Long> byYear = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((year, value) -> byYear.put(Integer.valueOf(year), ((Number) value).longValue()));
        }
        return byYear;
    }

    /**
     * A collaborative project: where it comes from, who takes part, what was decided (with reasons
     * and the deciding role), the money allocated and spent, its targets against what was reached,
     * how it ended, and the public timeline. Facts that have not happened are null (e.g.
     * {@code approval} before the approval). Money is whole yen.
     *
     * @param ward         the ward, or null for a city-wide project
     * @param remainingYen {@code allocatedYen − spentYen}
     */
    public record ProjectView(String id, long version, String ward, String wardNameJa, String wardNameEn,
                              int fiscalYear, String fiscalYearLabel, String title, String theme, String programme,
                              Origin origin, String leadDepartment, String status, Instant launchedAt,
                              List<Partner> partners, List<Agreement> agreements, Approval approval,
                              List<Allocation> allocations, long allocatedYen, List<Expenditure> expenditures,
                              long spentYen, long remainingYen, List<Target> targets,
                              List<ProgressReport> progressReports, Evaluation evaluation, Completion completion,
                              Termination termination, List<TimelineEntry> timeline) {
    }

    /** Where the project comes from: an accepted proposal, a meeting's resolution, or neither (the department's own). */
    public record Origin(String proposalId, String meetingId, String resolutionId) {
    }

    /** A partner organisation and its role in the project. */
    public record Partner(String partnerId, String name, String type, String role) {
    }

    /** A signed agreement, its parties named, with the reason and the role that decided it. */
    public record Agreement(String agreementId, String title, List<Party> parties, LocalDate signedOn, String reason,
                            String role) {
    }

    /** A party to an agreement. */
    public record Party(String partnerId, String name) {
    }

    /** The approval: its reason, the role that approved, when. */
    public record Approval(String reason, String role, Instant at) {
    }

    /** Money allocated from a ward budget, with the reason and the role that decided it. */
    public record Allocation(String allocationId, String budgetId, long amountYen, String reason, String role,
                             Instant at) {
    }

    /** Money spent, what for and on which day. */
    public record Expenditure(String expenditureId, long amountYen, String description, LocalDate spentOn) {
    }

    /**
     * A target of the action plan: the baseline, the value aimed at and the value reached, per fiscal
     * year (by starting year, in year order).
     */
    public record Target(String name, String unit, long baseline, Map<Integer, Long> targets,
                         Map<Integer, Long> actuals) {
    }

    /** A public progress report. */
    public record ProgressReport(String text, Instant at) {
    }

    /** The project's self-evaluation: 1 (poor) to 5 (excellent). */
    public record Evaluation(int rating, String text, Instant at) {
    }

    /** The completion and its summary. */
    public record Completion(String summary, Instant at) {
    }

    /** The early end: why, and how much of the allocation went back to the ward budget unspent. */
    public record Termination(String reason, long unspentYen, Instant at) {
    }

    /**
     * One public step in a project's life, in order. Shows the role that acted, never who; fields
     * that do not apply to the kind are left out.
     *
     * @param partner    the partner's name (PARTNER_ADDED)
     * @param decisionId finds a decision in the public decision log
     * @param amountYen  allocated, spent, or returned unspent (TERMINATED)
     * @param text       a progress report, an expenditure's purpose, or an evaluation
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineEntry(long seq, String kind, Instant at, String title, String text, String reason,
                                String outcome, String decisionId, String partnerId, String partner,
                                String agreementId, Long amountYen, String target, Integer fiscalYear, Long value,
                                Integer rating, String role) {
    }

    /** A project in a list, for staff and public alike: no partners, money movements, targets or timeline. */
    public record ProjectListItem(String id, long version, String ward, String wardNameJa, String wardNameEn,
                                  int fiscalYear, String fiscalYearLabel, String title, String theme,
                                  String programme, String leadDepartment, String status, Instant launchedAt,
                                  long allocatedYen, long spentYen, long remainingYen) {
    }

    /**
     * One page of a list.
     *
     * @param total how many projects match the filters, over all pages
     */
    public record ProjectPage(List<ProjectListItem> items, int page, int size, long total)
            implements ListPage<ProjectListItem> {
    }
}
