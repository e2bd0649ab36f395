package kyodo.query.budget;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.project.WardBudgetId;
import kyodo.query.listing.ListParameters;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static kyodo.query.listing.ListParameters.oneOf;
import static kyodo.query.listing.ListParameters.whole;
import static kyodo.query.platform.StoredValues.instant;

/**
 * Reads the {@code ward_budgets} read model. A budget shows once its envelope was set; before that
 * (say, while a replay has seen a project's allocation but not yet the envelope) it is unknown. A
 * budget holds no personal data and no staff ids, so staff and the public see the same view.
 */
@Component
public class WardBudgetViews {

    /** Everything but what makes applying events idempotent, which only the projection needs. */
    private static final Bson VIEW_FIELDS = Projections.exclude("sources", "changes", "applied");
    /**
     * What a year's list shows of each budget: its totals and how many projects it funds, without the
     * movements, which grow with the budget (a reservation and often a release per project).
     */
    private static final Bson SUMMARY_FIELDS = Projections.exclude("sources", "changes", "applied",
            "envelopeHistory", "reservations", "releases");
    private static final String YEARS = "a year from " + FiscalYear.MIN_YEAR + " to " + FiscalYear.MAX_YEAR;

    private final ReadCollection budgets;

    WardBudgetViews(ReadStore store) {
        this.budgets = store.collection(WardBudgetProjection.COLLECTION);
    }

    /**
     * The ward and fiscal year of a budget, from the two path segments that name it.
     *
     * @throws KyodoProblemException invalid-input naming the ward, the year, or both
     */
    public static BudgetKey key(String ward, String fiscalYear) {
        List<FieldViolation> errors = new ArrayList<>();
        Optional<Ward> parsedWard = Ward.fromCode(ward);
        if (parsedWard.isEmpty()) {
            errors.add(new FieldViolation("ward", "must be " + oneOf(Arrays.stream(Ward.values()).map(Ward::code)
                    .toList())));
        }
        Optional<Long> year = whole(fiscalYear == null ? "" : fiscalYear.strip())
                .filter(y -> y >= FiscalYear.MIN_YEAR && y <= FiscalYear.MAX_YEAR);
        if (year.isEmpty()) {
            errors.add(new FieldViolation("fiscalYear", "must be " + YEARS));
        }
        if (!errors.isEmpty()) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "The ward or the fiscal year is invalid.",
                    List.copyOf(errors), Map.of());
        }
        return new BudgetKey(parsedWard.get(), FiscalYear.of(year.get().intValue()));
    }

    /**
     * The fiscal year of a list of every ward's budget: required.
     *
     * @throws KyodoProblemException invalid-input naming fiscalYear
     */
    public static FiscalYear listYear(Map<String, List<String>> params) {
        ListParameters in = new ListParameters(params);
        Long year = in.read("fiscalYear", v -> whole(v)
                .filter(y -> y >= FiscalYear.MIN_YEAR && y <= FiscalYear.MAX_YEAR), YEARS);
        if (year == null && !in.refused("fiscalYear")) {
            in.refuse("fiscalYear", "must be given");
        }
        in.done();
        return FiscalYear.of(year.intValue());
    }

    /** The budget, once its envelope was set. Blocking. */
    public Optional<Document> find(BudgetKey key) {
        return Optional.ofNullable(budgets.find(Filters.eq("_id", key.budgetId())).projection(VIEW_FIELDS).first())
                .filter(doc -> doc.get("envelopeYen") != null);
    }

    /** Every ward's budget of the year whose envelope was set, in the city's order of wards. Blocking. */
    public WardBudgetYear year(FiscalYear fiscalYear) {
        List<WardBudgetSummary> items = budgets.find(Filters.eq("fiscalYear", fiscalYear.startYear()))
                .projection(SUMMARY_FIELDS).into(new ArrayList<>()).stream()
                .filter(doc -> doc.get("envelopeYen") != null)
                .filter(doc -> Ward.fromCode(doc.getString("ward")).isPresent())
                .sorted(Comparator.comparing((Document doc) -> Ward.fromCode(doc.getString("ward")).orElseThrow()))
                .map(WardBudgetViews::summary)
                .toList();
        return new WardBudgetYear(fiscalYear.startYear(), fiscalYear.labelJa(), items);
    }

    public WardBudgetView view(Document doc) {
        Ward ward = Ward.fromCode(doc.getString("ward")).orElseThrow();
        FiscalYear fy = FiscalYear.of(doc.getInteger("fiscalYear"));
        return new WardBudgetView(doc.getString("_id"), doc.getLong("version"), ward.code(), ward.nameJa(),
                ward.nameEn(), fy.startYear(), fy.labelJa(), doc.getLong("envelopeYen"), doc.getLong("reservedYen"),
                doc.getLong("allocatedYen"), doc.getLong("returnedYen"), doc.getLong("spentYen"),
                doc.getLong("availableYen"), utilisation(doc),
                list(doc, "envelopeHistory").stream().map(e -> new EnvelopeChange(e.getLong("envelopeYen"),
                        e.getString("reason"), e.getString("role"), e.getString("decisionId"), instant(e, "at")))
                        .toList(),
                list(doc, "reservations").stream().map(r -> new Reservation(r.getString("allocationId"),
                        r.getString("projectId"), r.getLong("amountYen"), instant(r, "at"))).toList(),
                list(doc, "releases").stream().map(r -> new Release(r.getString("releaseId"),
                        r.getString("projectId"), r.getLong("amountYen"), r.getString("kind"), r.getString("reason"),
                        instant(r, "at"))).toList(),
                list(doc, "projects").stream().map(p -> new FundedProject(p.getString("projectId"),
                        p.getLong("allocatedYen"), p.getLong("spentYen"))).toList());
    }

    private static WardBudgetSummary summary(Document doc) {
        Ward ward = Ward.fromCode(doc.getString("ward")).orElseThrow();
        FiscalYear fy = FiscalYear.of(doc.getInteger("fiscalYear"));
        return new WardBudgetSummary(doc.getString("_id"), ward.code(), ward.nameJa(), ward.nameEn(), fy.startYear(),
                fy.labelJa(), doc.getLong("envelopeYen"), doc.getLong("reservedYen"), doc.getLong("allocatedYen"),
                doc.getLong("returnedYen"), doc.getLong("spentYen"), doc.getLong("availableYen"), utilisation(doc),
                list(doc, "projects").size());
    }

    private static BigDecimal utilisation(Document doc) {
        Decimal128 value = doc.get("utilisation", Decimal128.class);
        return value == null ? null : value.bigDecimalValue();
    }

    private static List<Document> list(Document doc, String key) {
        return doc.getList(key, Document.class, List.of());
    }

    /** A ward and a fiscal year: the name of a ward budget. */
    public record BudgetKey(Ward ward, FiscalYear fiscalYear) {

        public String budgetId() {
            return WardBudgetId.of(ward, fiscalYear);
        }
    }

    /**
     * A ward's budget for a fiscal year, in whole yen.
     *
     * @param version      the budget's own version (its envelope, reservation and release events)
     * @param envelopeYen  the envelope as last set
     * @param reservedYen  set aside for allocations, less reservations released before they became allocations
     * @param allocatedYen confirmed allocations to projects
     * @param returnedYen  every release: reservations let go and unspent money returned
     * @param spentYen     what the funded projects spent
     * @param availableYen what can still be promised: the envelope less what was set aside and not returned
     * @param utilisation  spentYen / envelopeYen, four decimal places (0 for a zero envelope)
     * @param projects     the funded projects, by id
     */
    public record WardBudgetView(String budgetId, long version, String ward, String wardNameJa, String wardNameEn,
                                 int fiscalYear, String fiscalYearLabel, long envelopeYen, long reservedYen,
                                 long allocatedYen, long returnedYen, long spentYen, long availableYen,
                                 BigDecimal utilisation, List<EnvelopeChange> envelopeHistory,
                                 List<Reservation> reservations, List<Release> releases,
                                 List<FundedProject> projects) {
    }

    /** The envelope as set by a decision: the reason, the deciding role, the decision's id in the public log. */
    public record EnvelopeChange(long envelopeYen, String reason, String role, String decisionId, Instant at) {
    }

    /** Money set aside for a project's allocation. */
    public record Reservation(String allocationId, String projectId, long amountYen, Instant at) {
    }

    /**
     * Money given back to the budget.
     *
     * @param kind {@code RESERVATION}: a reservation let go before it became an allocation;
     *             {@code RETURN}: allocated money returned unspent (a terminated project)
     */
    public record Release(String releaseId, String projectId, long amountYen, String kind, String reason, Instant at) {
    }

    /** A project funded from the budget: how much it was allocated and how much it spent. */
    public record FundedProject(String projectId, long allocatedYen, long spentYen) {
    }

    /** One ward's budget in the list of a year: the totals, without the movements. */
    public record WardBudgetSummary(String budgetId, String ward, String wardNameJa, String wardNameEn,
                                    int fiscalYear, String fiscalYearLabel, long envelopeYen, long reservedYen,
                                    long allocatedYen, long returnedYen, long spentYen, long availableYen,
                                    BigDecimal utilisation, int projectCount) {
    }

    /** Every ward's budget of one fiscal year whose envelope was set, in the city's order of wards. */
    public record WardBudgetYear(int fiscalYear, String fiscalYearLabel, List<WardBudgetSummary> items) {
    }
}
