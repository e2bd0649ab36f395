package kyodo.query.analytics;

import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.query.listing.ListParameters;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every analyst read model, its dimensions and its measures, in one place. The schema endpoint
 * publishes it, request validation checks against it, the rows are built from it, and the ops
 * export writes its field descriptions from it: what is documented cannot drift from what is served.
 */
public final class AnalyticsCatalogue {

    /** Partner types in declaration order; each has its own measure in {@code projects/counts}. */
    static final List<String> PARTNER_TYPES = ListParameters.names(PartnerType.class);

    private static final List<String> WARDS = Arrays.stream(Ward.values()).map(Ward::code).toList();
    private static final List<String> DISTRICTS = Arrays.stream(Ward.District.values()).map(Ward.District::code)
            .toList();

    private static final Dimension WARD = Dimension.code("ward", "ward code",
            "the ward; null for a city-wide subject (or a meeting of a district or of the whole city)", WARDS, true);

    public static final ReadModelSchema PROPOSALS = new ReadModelSchema("proposals/summary",
            "Proposals received, how they were answered and how long answers took, per group. A proposal with "
                    + "several themes counts once under each theme when grouped or filtered by theme, and once "
                    + "otherwise.",
            ProposalFactsProjection.GROUP, "analytics_proposal_facts",
            List.of(WARD.withNullable(false, "the ward whose office received the proposal"),
                    Dimension.fiscalYear("fiscal year of submission (Asia/Tokyo)"),
                    Dimension.text("theme", "themes", "a theme of the proposal", true, true),
                    Dimension.code("programme", "programme code", "the programme the proposal came through",
                            ListParameters.names(ProposalProgramme.class), false),
                    Dimension.code("channel", "channel code", "how the proposal reached the ward office",
                            ListParameters.names(ProposalChannel.class), false),
                    Dimension.code("supportBand", "support band", "how many verified residents support the proposal "
                            + "now, in bands: 0, 1-9, 10-49, 50+", SupportBands.BANDS, false)),
            List.of(Measure.count("received", "proposals submitted"),
                    Measure.count("acknowledged", "proposals acknowledged by the ward office (the response clock "
                            + "started), whatever happened next"),
                    Measure.count("decided", "proposals answered: accepted + rejected (directly or by a meeting's "
                            + "resolution)"),
                    Measure.count("accepted", "proposals accepted"),
                    Measure.count("rejected", "proposals rejected"),
                    Measure.count("withdrawn", "proposals withdrawn before an answer"),
                    Measure.count("open", "proposals neither answered nor withdrawn: received − decided − withdrawn"),
                    Measure.count("overdue", "open proposals whose response deadline has passed"),
                    Measure.count("answeredLate", "answered proposals whose answer came after the due date"),
                    Measure.count("supports", "supports verified residents give the proposals now (a withdrawn "
                            + "support no longer counts; a deleted account's still does); never who"),
                    Measure.days("medianDaysToAnswer", "number", "median of the days to answer of the decided "
                            + "proposals (days to answer = calendar days in Asia/Tokyo from the day of submission to "
                            + "the day of the decision); the mean of the two middle values for an even count, one "
                            + "decimal place; null when none was decided"),
                    Measure.days("p90DaysToAnswer", "integer", "90th percentile of the days to answer by nearest "
                            + "rank: the value at position ceil(0.9 × n) of the sorted days; null when none was "
                            + "decided")),
            List.of("ward", "fiscalYear"), Accumulators.ProposalSummary::new, "analytics_proposal_cells",
            Accumulators.ProposalSummary::share);

    static final List<String> PROJECT_MEASURES;

    public static final ReadModelSchema PROJECTS;

    static {
        List<Measure> measures = Stream.of(
                Stream.of(Measure.count("count", "projects"),
                        Measure.count("active", "projects launched or approved and not yet completed or terminated"),
                        Measure.count("approved", "projects approved (whatever happened next)"),
                        Measure.count("completed", "projects completed"),
                        Measure.count("terminated", "projects terminated early"),
                        Measure.count("partners", "partner organisations, all types")),
                PARTNER_TYPES.stream().map(type -> Measure.count(partnerMeasure(type),
                        "partner organisations of type " + type)),
                Stream.of(Measure.count("agreements", "agreements signed (覚書, 協定)"),
                        Measure.yen("allocatedYen", "money allocated to the projects from ward budgets"),
                        Measure.yen("spentYen", "money the projects spent"),
                        Measure.yen("remainingYen", "allocatedYen − spentYen"),
                        Measure.count("targets", "action-plan targets set"),
                        Measure.count("targetValues", "(target, fiscal year) values aimed at"),
                        Measure.count("actualsRecorded", "(target, fiscal year) values with an actual recorded"),
                        Measure.count("targetsMet", "actuals that met their value: at or above it when the target "
                                + "is at or above its baseline, at or below it for a reduction"))
        ).flatMap(s -> s).toList();
        PROJECT_MEASURES = measures.stream().map(Measure::name).toList();
        PROJECTS = new ReadModelSchema("projects/counts",
                "Collaborative projects per group: how many, their state, partners by type, agreements, money "
                        + "(whole yen) and targets against actuals.",
                ProjectFactsProjection.GROUP, "analytics_project_facts",
                List.of(Dimension.fiscalYear("fiscal year the project runs in"),
                        Dimension.code("programme", "programme code", "how the project is run",
                                ListParameters.names(ProjectProgramme.class), false),
                        WARD,
                        Dimension.text("theme", "theme", "the project's theme", false, true),
                        Dimension.code("status", "status code", "the project's current status",
                                List.of("LAUNCHED", "APPROVED", "COMPLETED", "TERMINATED"), false)),
                measures, List.of("fiscalYear"), Accumulators.ProjectCounts::new, "analytics_project_cells",
                Accumulators.ProjectCounts::share);
    }

    public static final ReadModelSchema BUDGETS = new ReadModelSchema("budgets",
            "Ward budgets (地域課題対応事業 money) per ward and fiscal year: the envelope and what was reserved, "
                    + "allocated, returned and spent from it, in whole yen. Ratios are taken of the group's sums.",
            BudgetFactsProjection.GROUP, "analytics_budget_facts",
            List.of(WARD.withNullable(false, "the ward whose budget it is"),
                    Dimension.fiscalYear("the budget's fiscal year")),
            List.of(Measure.yen("envelopeYen", "the envelope set for the year (0 when none was set)"),
                    Measure.yen("reservedYen", "money reserved for allocations, less reservations released "
                            + "unallocated"),
                    Measure.yen("allocatedYen", "money allocated to projects (the ward head's decisions)"),
                    Measure.yen("returnedYen", "money released back to the budget: reservations released "
                            + "unallocated and the unspent part of terminated projects"),
                    Measure.yen("spentYen", "money the funded projects spent"),
                    Measure.yen("availableYen", "envelopeYen − (reservations − returnedYen): what can still be "
                            + "reserved"),
                    Measure.ratio("utilisation", "spentYen ÷ envelopeYen, four decimal places (half up); null "
                            + "without an envelope"),
                    Measure.ratio("allocationRate", "allocatedYen ÷ envelopeYen, four decimal places (half up); "
                            + "null without an envelope"),
                    Measure.count("projects", "projects funded from the budget")),
            List.of("ward", "fiscalYear"), Accumulators.BudgetFigures::new, "analytics_budget_cells",
            Accumulators.BudgetFigures::share);

    public static final ReadModelSchema MEETINGS = new ReadModelSchema("meetings/participation",
            "Meetings per group: held, cancelled, participation, opinions and resolutions. Grouped or filtered "
                    + "by theme, a meeting counts under each of its themes (its own and those its opinions were "
                    + "voiced under) and opinions count only those of that theme.",
            MeetingFactsProjection.GROUP, "analytics_meeting_facts",
            List.of(Dimension.code("kind", "meeting kind code", "the kind of meeting",
                            ListParameters.names(MeetingKind.class), false),
                    WARD,
                    Dimension.code("district", "district code", "the district of the meeting (of its ward for a "
                            + "ward meeting); null for a city-wide meeting", DISTRICTS, true),
                    Dimension.fiscalYear("fiscal year of the meeting's start (Asia/Tokyo), as rescheduled"),
                    Dimension.text("theme", "themes", "a theme of the meeting or of its opinions", true, true)),
            List.of(Measure.count("meetings", "meetings scheduled"),
                    Measure.count("held", "meetings that opened"),
                    Measure.count("cancelled", "meetings cancelled"),
                    Measure.count("registrations", "participants registered"),
                    Measure.count("attendance", "people attending held meetings: the attendance at the close, "
                            + "else at the opening"),
                    Measure.count("opinions", "opinions recorded"),
                    Measure.count("resolutions", "motions voted: resolutionsPassed + resolutionsFailed"),
                    Measure.count("resolutionsPassed", "motions adopted"),
                    Measure.count("resolutionsFailed", "motions that failed")),
            List.of("kind", "ward", "fiscalYear"), Accumulators.MeetingParticipation::new,
            "analytics_meeting_cells", Accumulators.MeetingParticipation::share);

    public static final ReadModelSchema DECISIONS = new ReadModelSchema("decisions",
            "Decisions recorded in the public decision log, counted per group.",
            DecisionFactsProjection.GROUP, "analytics_decision_facts",
            List.of(Dimension.code("kind", "decision kind code", "the kind of decision",
                            ListParameters.names(DecisionKind.class), false),
                    Dimension.code("outcome", "outcome code", "what was decided",
                            ListParameters.names(DecisionOutcome.class), false),
                    Dimension.code("subjectType", "subject type code", "what the decision is about",
                            Arrays.stream(SubjectType.values()).map(SubjectType::code).toList(), false),
                    WARD,
                    Dimension.fiscalYear("fiscal year the decision was taken in (Asia/Tokyo)"),
                    Dimension.month("month the decision was taken in")),
            List.of(Measure.count("count", "decisions")),
            List.of("kind", "outcome", "ward", "month"), Accumulators.DecisionCounts::new,
            "analytics_decision_cells", Accumulators.DecisionCounts::share);

    private static final List<ReadModelSchema> ALL = List.of(PROPOSALS, PROJECTS, BUDGETS, MEETINGS, DECISIONS);

    private AnalyticsCatalogue() {
    }

    /** Every read model, in a stable order. */
    public static List<ReadModelSchema> all() {
        return ALL;
    }

    public static Optional<ReadModelSchema> find(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** {@code NEIGHBOURHOOD_ASSOCIATION} → {@code partnersNeighbourhoodAssociation}. */
    static String partnerMeasure(String type) {
        return "partners" + Arrays.stream(type.split("_"))
                .map(w -> w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining());
    }
}
