package kyodo.query.analytics;

import com.mongodb.client.MongoDatabase;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.query.budget.BudgetStory;
import kyodo.query.meeting.MeetingStory;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.project.ProjectStory;
import kyodo.query.proposal.ProposalStory;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small city's history for the analytics tests: proposals through every state with known days
 * to answer, projects with partners, money and targets, two ward budgets, the 2015 workshop and a
 * ward assembly, and the decisions they all recorded. Also drives all five fact projections, as
 * processors would, through Axon's adapter.
 */
public final class AnalyticsFixture {

    /** A planted proposer name and contact every proposal carries (sealed): must never show. */
    public static final String NAME = ProposalStory.NAME;
    public static final String CONTACT = ProposalStory.CONTACT;
    public static final String GREEN = "緑化";
    public static final String SAFETY = "防災";
    /** A theme that needs quoting and defusing in CSV. */
    public static final String AWKWARD = "=みどり, \"花\"\n計画";

    public final List<AnnotationEventHandlerAdapter> projections;
    /** The facts and the cells of every grain, of every read model. */
    public final List<String> collections = AnalyticsCatalogue.all().stream()
            .flatMap(m -> java.util.stream.Stream.concat(java.util.stream.Stream.of(m.collection()),
                    Grain.of(m).stream().map(Grain::collection)))
            .toList();
    private final MongoDatabase database;

    public AnalyticsFixture(MongoDatabase database) {
        this(database, MongoReadStore.of(database));
    }

    /** The projections on that store of the database (a {@link ReadStore#rebuild()} of it reaches them). */
    public AnalyticsFixture(MongoDatabase database, ReadStore store) {
        this.database = database;
        this.projections = List.of(new ProposalFactsProjection(store), new ProjectFactsProjection(store),
                        new BudgetFactsProjection(store), new MeetingFactsProjection(store),
                        new DecisionFactsProjection(store)).stream()
                .map(AnnotationEventHandlerAdapter::new).toList();
    }

    /** Every event to every projection, as each processor would see the ones it handles. */
    public void feed(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            for (AnnotationEventHandlerAdapter projection : projections) {
                try {
                    projection.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** What each reset handler would do before a replay. */
    public void reset() {
        projections.forEach(AnnotationEventHandlerAdapter::prepareReset);
    }

    /** Every analytics document, by collection, in id order. */
    public Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> all = new LinkedHashMap<>();
        collections.forEach(c -> all.put(c, database.getCollection(c).find()
                .sort(new Document("_id", 1)).into(new ArrayList<>())));
        return all;
    }

    static Instant at(String text) {
        return Instant.parse(text);
    }

    /** Submitted at {@code at}, answered {@code days} later (same clock time). */
    static ProposalStory answered(PersonalDataProtector protector, String id, Ward ward, List<String> themes,
                                  String at, int days, boolean accept, int daysLate) {
        Instant submitted = at(at);
        Instant decided = submitted.plus(days, ChronoUnit.DAYS);
        ProposalStory story = ProposalStory.submitted(protector, id, ward, "提案 " + id, "本文", themes,
                ProposalProgramme.CITIZEN_PROPOSAL, submitted);
        return accept ? story.accepted("実施します。", null, daysLate, decided)
                : story.rejected("予算がありません。", daysLate, decided);
    }

    /**
     * Saiwai FY2025: five answered after 1 (across midnight in Tokyo), 3, 5, 10 (late) and 30 days,
     * one withdrawn after falling overdue, one open and overdue, one open. Tama FY2025: four accepted
     * after 2, 4, 7 and 8 days.
     */
    public static List<EventMessage<?>> proposals(PersonalDataProtector protector) {
        List<ProposalStory> stories = new ArrayList<>();
        // 23:30 in Tokyo on 10 April, answered 00:30 on 11 April: one calendar day.
        stories.add(ProposalStory.submitted(protector, "p1", Ward.SAIWAI, "提案 p1", "本文", List.of(GREEN, SAFETY),
                        ProposalProgramme.CITIZEN_PROPOSAL, at("2025-04-10T14:30:00Z"))
                .accepted("実施します。", null, 0, at("2025-04-10T15:30:00Z")));
        stories.add(answered(protector, "p2", Ward.SAIWAI, List.of(GREEN), "2025-05-01T01:00:00Z", 3, false, 0));
        stories.add(answered(protector, "p3", Ward.SAIWAI, List.of(GREEN), "2025-05-02T01:00:00Z", 5, true, 0));
        stories.add(ProposalStory.submitted(protector, "p4", Ward.SAIWAI, "提案 p4", "本文", List.of(GREEN),
                        ProposalProgramme.SUGGESTION_BOX, at("2025-05-03T01:00:00Z"))
                .acknowledged("地域振興課", LocalDate.parse("2025-05-11"), at("2025-05-04T01:00:00Z"))
                .overdue(LocalDate.parse("2025-05-11"), at("2025-05-11T15:00:00Z"))
                .accepted("実施します。", null, 2, at("2025-05-13T01:00:00Z")));
        stories.add(answered(protector, "p5", Ward.SAIWAI, List.of(GREEN), "2025-06-01T01:00:00Z", 30, false, 0));
        stories.add(ProposalStory.submitted(protector, "p6", Ward.SAIWAI, "提案 p6", "本文", List.of(SAFETY),
                        ProposalProgramme.CITIZEN_PROPOSAL, at("2025-06-02T01:00:00Z"))
                .acknowledged("危機管理課", LocalDate.parse("2025-06-20"), at("2025-06-03T01:00:00Z"))
                .overdue(LocalDate.parse("2025-06-20"), at("2025-06-20T15:00:00Z"))
                .withdrawn("解決しました。", at("2025-06-25T01:00:00Z")));
        stories.add(ProposalStory.submitted(protector, "p7", Ward.SAIWAI, "提案 p7", "本文", List.of(SAFETY),
                        ProposalProgramme.CITIZEN_PROPOSAL, at("2025-06-03T01:00:00Z"))
                .acknowledged("危機管理課", LocalDate.parse("2025-06-20"), at("2025-06-04T01:00:00Z"))
                .overdue(LocalDate.parse("2025-06-20"), at("2025-06-20T15:00:00Z")));
        stories.add(ProposalStory.submitted(protector, "p8", Ward.SAIWAI, "提案 p8", "本文", List.of(SAFETY),
                ProposalProgramme.CITIZEN_PROPOSAL, at("2025-07-01T01:00:00Z")));
        stories.add(answered(protector, "q1", Ward.TAMA, List.of(GREEN), "2025-05-01T01:00:00Z", 2, true, 0));
        stories.add(answered(protector, "q2", Ward.TAMA, List.of(GREEN), "2025-05-01T01:00:00Z", 4, true, 0));
        stories.add(answered(protector, "q3", Ward.TAMA, List.of(GREEN), "2025-05-01T01:00:00Z", 7, true, 0));
        stories.add(answered(protector, "q4", Ward.TAMA, List.of(GREEN), "2025-05-01T01:00:00Z", 8, true, 0));
        return stories.stream().flatMap(s -> s.messages().stream()).<EventMessage<?>>map(m -> m).toList();
    }

    /**
     * Saiwai FY2025: a collaborative project with two partners, an agreement, ¥3,000,000 allocated
     * and ¥1,000,000 spent, two target values (one met); a second collaborative one terminated after
     * ¥500,000 allocated and ¥200,000 spent (¥300,000 returned). Tama FY2025: a ward local-issue
     * project with the awkward theme. The Saiwai budget of ¥10,000,000 and the Tama one of
     * ¥8,000,000 fund them.
     */
    public static List<EventMessage<?>> moneyAndProjects() {
        BudgetStory saiwai = BudgetStory.of(Ward.SAIWAI, 2025)
                .envelope(10_000_000L, "令和7年度当初予算", at("2025-04-01T00:00:00Z"))
                .reserved("al-1", "proj-1", 3_000_000L, at("2025-05-15T01:00:00Z"))
                .reserved("al-2", "proj-2", 500_000L, at("2025-05-16T01:00:00Z"))
                .reserved("al-x", "proj-1", 700_000L, at("2025-05-17T01:00:00Z"))
                .released("al-x", "proj-1", 700_000L, "配分されなかった", at("2025-05-17T02:00:00Z"));
        ProjectStory one = ProjectStory.launched("proj-1", Ward.SAIWAI, 2025, "御幸公園の花壇づくり", GREEN,
                        ProjectProgramme.COLLABORATIVE, new ProjectOrigin("p1", null, null), "地域振興課",
                        at("2025-05-01T01:00:00Z"))
                .partner("pt-1", "御幸町内会", PartnerType.NEIGHBOURHOOD_ASSOCIATION, "管理", at("2025-05-02T01:00:00Z"))
                .partner("pt-2", "NPO法人 みどりの輪", PartnerType.NPO, "苗", at("2025-05-03T01:00:00Z"))
                .agreement("ag-1", "花壇協定", List.of("pt-1", "pt-2"), LocalDate.parse("2025-05-10"), "合意",
                        at("2025-05-10T03:00:00Z"))
                .approved("要望に応える", at("2025-05-12T02:00:00Z"))
                .allocated("al-1", "saiwai-2025", 3_000_000L, "資材", at("2025-05-15T01:00:01Z"))
                .spent("ex-1", 1_000_000L, "苗", LocalDate.parse("2025-06-01"), at("2025-06-02T01:00:00Z"))
                .target("花壇の数", "箇所", 2L, Map.of(2025, 5L, 2026, 8L), at("2025-06-15T02:00:00Z"))
                .target("放置自転車", "台", 100L, Map.of(2025, 50L), at("2025-06-15T02:00:01Z"))
                .actual("花壇の数", 2025, 4L, at("2026-03-20T02:00:00Z"))
                .actual("放置自転車", 2025, 40L, at("2026-03-20T02:00:01Z"));
        ProjectStory two = ProjectStory.launched("proj-2", Ward.SAIWAI, 2025, "防災マップ", SAFETY,
                        ProjectProgramme.COLLABORATIVE, ProjectOrigin.DEPARTMENT_INITIATIVE, "危機管理課",
                        at("2025-05-02T01:00:00Z"))
                .partner("pt-1", "川崎大学", PartnerType.UNIVERSITY, "調査", at("2025-05-03T01:00:00Z"))
                .approved("必要", at("2025-05-12T02:00:00Z"))
                .allocated("al-2", "saiwai-2025", 500_000L, "印刷", at("2025-05-16T01:00:01Z"))
                .spent("ex-1", 200_000L, "調査", LocalDate.parse("2025-07-01"), at("2025-07-02T01:00:00Z"))
                .terminated(300_000L, "saiwai-2025", "中止", at("2025-09-01T02:00:00Z"));
        List<EventMessage<?>> all = new ArrayList<>();
        all.addAll(saiwai.messages());
        all.addAll(one.messages());
        all.addAll(two.messages());
        // The budget's own release of the terminated project's unspent money comes after its termination.
        all.add(new org.axonframework.eventhandling.GenericDomainEventMessage<>("WardBudget", "saiwai-2025", 5,
                new kyodo.kernel.project.FundsReleased("saiwai-2025", "termination-proj-2", "proj-2",
                        kyodo.kernel.Yen.of(300_000L), "事業中止", at("2025-09-01T02:00:01Z")), Map.of(),
                "saiwai-2025#5", at("2025-09-01T02:00:01Z")));
        all.addAll(BudgetStory.of(Ward.TAMA, 2025)
                .envelope(8_000_000L, "令和7年度当初予算", at("2025-04-01T00:00:00Z")).messages());
        all.addAll(ProjectStory.launched("proj-3", Ward.TAMA, 2025, "二ヶ領用水", AWKWARD,
                ProjectProgramme.WARD_LOCAL_ISSUE, "2025-06-01T01:00:00Z").messages());
        return all;
    }

    /** The seed's 2015 southern-district workshop and a Saiwai ward assembly with two resolutions. */
    public static List<EventMessage<?>> meetings(PersonalDataProtector protector) {
        MeetingStory workshop = MeetingStory.southernDistrictWorkshop("m-ws");
        MeetingStory assembly = MeetingStory.scheduled("m-as", MeetingKind.WARD_ASSEMBLY, Ward.SAIWAI, null,
                        "幸区区民会議", List.of(GREEN), "2025-07-10T05:00:00Z")
                .registered(protector, "r1", NAME, "町内会", "御幸町内会", at("2025-07-01T00:00:00Z"))
                .registered(protector, "r2", "川崎 太郎", null, null, at("2025-07-01T00:00:01Z"))
                .opened(18, at("2025-07-10T05:00:00Z"))
                .opinion("o1", null, GREEN, "花を増やす", List.of(), null, at("2025-07-10T05:30:00Z"))
                .resolution("res-1", "花壇を増やす", null, null, 15, 2, 1, 18, DecisionOutcome.ADOPTED, "賛成多数",
                        at("2025-07-10T06:00:00Z"))
                .resolution("res-2", "予算を倍にする", null, null, 3, 14, 1, 18, DecisionOutcome.REJECTED, "反対多数",
                        at("2025-07-10T06:10:00Z"))
                .closed(17, at("2025-07-10T07:00:00Z"));
        MeetingStory cancelled = MeetingStory.scheduled("m-cx", MeetingKind.TOWN_HALL, Ward.SAIWAI, null,
                        "車座集会", List.of(SAFETY), "2025-08-01T05:00:00Z")
                .cancelled("台風のため", at("2025-07-31T00:00:00Z"));
        List<EventMessage<?>> all = new ArrayList<>();
        all.addAll(workshop.messages());
        all.addAll(assembly.messages());
        all.addAll(cancelled.messages());
        return all;
    }

    /** Everything above. */
    public static List<EventMessage<?>> history(PersonalDataProtector protector) {
        List<EventMessage<?>> all = new ArrayList<>(proposals(protector));
        all.addAll(moneyAndProjects());
        all.addAll(meetings(protector));
        return all;
    }
}
