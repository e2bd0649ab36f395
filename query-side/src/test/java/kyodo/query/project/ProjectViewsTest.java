package kyodo.query.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.Ward;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.project.ProjectViews.Agreement;
import kyodo.query.project.ProjectViews.Allocation;
import kyodo.query.project.ProjectViews.Approval;
import kyodo.query.project.ProjectViews.Completion;
import kyodo.query.project.ProjectViews.Evaluation;
import kyodo.query.project.ProjectViews.Expenditure;
import kyodo.query.project.ProjectViews.Origin;
import kyodo.query.project.ProjectViews.Partner;
import kyodo.query.project.ProjectViews.Party;
import kyodo.query.project.ProjectViews.ProgressReport;
import kyodo.query.project.ProjectViews.ProjectListItem;
import kyodo.query.project.ProjectViews.ProjectPage;
import kyodo.query.project.ProjectViews.ProjectView;
import kyodo.query.project.ProjectViews.Target;
import kyodo.query.project.ProjectViews.Termination;
import kyodo.query.project.ProjectViews.TimelineEntry;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static kyodo.query.project.ProjectProjectionTest.ACTUAL_AT;
import static kyodo.query.project.ProjectProjectionTest.ALLOCATED_AT;
import static kyodo.query.project.ProjectProjectionTest.APPROVED_AT;
import static kyodo.query.project.ProjectProjectionTest.COMPLETED_AT;
import static kyodo.query.project.ProjectProjectionTest.EVALUATED_AT;
import static kyodo.query.project.ProjectProjectionTest.LAUNCHED_AT;
import static kyodo.query.project.ProjectProjectionTest.PARTNER_1_AT;
import static kyodo.query.project.ProjectProjectionTest.PARTNER_2_AT;
import static kyodo.query.project.ProjectProjectionTest.PROGRESS_AT;
import static kyodo.query.project.ProjectProjectionTest.SIGNED_AT;
import static kyodo.query.project.ProjectProjectionTest.SPENT_1_AT;
import static kyodo.query.project.ProjectProjectionTest.SPENT_2_AT;
import static kyodo.query.project.ProjectProjectionTest.TARGET_AT;
import static kyodo.query.project.ProjectProjectionTest.TERMINATED_AT;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectViewsTest {

    private static final ObjectMapper JSON = TestStores.JSON;

    private static TestStores stores;

    private ProjectViews views;
    private AnnotationEventHandlerAdapter handler;

    @BeforeAll
    static void startStores() {
        stores = new TestStores();
    }

    @AfterAll
    static void stopStores() {
        stores.close();
    }

    @BeforeEach
    void freshDatabase() {
        MongoDatabase database = stores.freshDatabase();
        handler = new AnnotationEventHandlerAdapter(new ProjectProjection(MongoReadStore.of(database)));
        views = new ProjectViews(MongoReadStore.of(database));
    }

    @Test
    void findsAProjectedProjectByItsIdWithoutItsSearchTokens() {
        apply(ProjectProjectionTest.launched("proj-1"));

        assertThat(views.find("proj-1").orElseThrow().getString("_id")).isEqualTo("proj-1");
        assertThat(views.find("proj-1").orElseThrow().containsKey("searchTokens")).isFalse();
        assertThat(views.find("proj-404")).isEmpty();
    }

    @Test
    void theViewOfACompletedProjectShowsEverythingThatHappened() {
        apply(ProjectProjectionTest.lifecycle("proj-1"));

        ProjectView view = views.view(views.find("proj-1").orElseThrow());

        assertThat(view).isEqualTo(new ProjectView("proj-1", 12L, "saiwai", "幸区", "Saiwai Ward", 2025, "令和7年度",
                "御幸公園の花壇づくり", "緑化", "COLLABORATIVE", new Origin("prop-1", null, null), "幸区役所 地域振興課",
                "COMPLETED", LAUNCHED_AT,
                List.of(new Partner("pt-1", "御幸町内会", "NEIGHBOURHOOD_ASSOCIATION", "花壇の管理"),
                        new Partner("pt-2", "NPO法人 みどりの輪", "NPO", "苗の提供")),
                List.of(new Agreement("ag-1", "御幸公園花壇協定",
                        List.of(new Party("pt-1", "御幸町内会"), new Party("pt-2", "NPO法人 みどりの輪")),
                        LocalDate.parse("2025-05-10"), "役割分担に合意したため。", "WARD_HEAD")),
                new Approval("地域の要望に応えるため。", "WARD_HEAD", APPROVED_AT),
                List.of(new Allocation("al-1", "saiwai-2025", 1_234_567L, "苗と資材の費用。", "WARD_HEAD", ALLOCATED_AT)),
                1_234_567L,
                List.of(new Expenditure("ex-1", 456_789L, "苗 120株", LocalDate.parse("2025-06-01")),
                        new Expenditure("ex-2", 100_001L, "腐葉土", LocalDate.parse("2025-06-10"))),
                556_790L, 677_777L,
                List.of(new Target("花壇の数", "箇所", 2L, Map.of(2025, 5L, 2026, 8L), Map.of(2025, 4L))),
                List.of(new ProgressReport("5月に植え付けを終えました。", PROGRESS_AT)),
                new Evaluation(4, "地域の参加が多かった。", EVALUATED_AT),
                new Completion("花壇4箇所を整備しました。", COMPLETED_AT), null,
                List.of(
                        entry(0, "LAUNCHED", LAUNCHED_AT, null, null, null, null, null, null, "STAFF"),
                        new TimelineEntry(1, "PARTNER_ADDED", PARTNER_1_AT, null, null, null, null, null, "pt-1",
                                "御幸町内会", null, null, null, null, null, null, "STAFF"),
                        new TimelineEntry(2, "PARTNER_ADDED", PARTNER_2_AT, null, null, null, null, null, "pt-2",
                                "NPO法人 みどりの輪", null, null, null, null, null, null, "STAFF"),
                        new TimelineEntry(3, "AGREEMENT_SIGNED", SIGNED_AT, "御幸公園花壇協定", null, "役割分担に合意したため。",
                                "SIGNED", "proj-1-decision-3", null, null, "ag-1", null, null, null, null, null,
                                "WARD_HEAD"),
                        entry(4, "APPROVED", APPROVED_AT, null, "地域の要望に応えるため。", "APPROVED", "proj-1-decision-4",
                                null, null, "WARD_HEAD"),
                        entry(5, "BUDGET_ALLOCATED", ALLOCATED_AT, null, "苗と資材の費用。", "ALLOCATED",
                                "proj-1-decision-5", 1_234_567L, null, "WARD_HEAD"),
                        entry(6, "EXPENDITURE_RECORDED", SPENT_1_AT, "苗 120株", null, null, null, 456_789L, null,
                                "STAFF"),
                        entry(7, "EXPENDITURE_RECORDED", SPENT_2_AT, "腐葉土", null, null, null, 100_001L, null,
                                "STAFF"),
                        new TimelineEntry(8, "TARGET_SET", TARGET_AT, null, null, null, null, null, null, null, null,
                                null, "花壇の数", null, null, null, "STAFF"),
                        entry(9, "PROGRESS_REPORTED", PROGRESS_AT, "5月に植え付けを終えました。", null, null, null, null,
                                null, "STAFF"),
                        new TimelineEntry(10, "ACTUAL_RECORDED", ACTUAL_AT, null, null, null, null, null, null, null,
                                null, null, "花壇の数", 2025, 4L, null, "STAFF"),
                        entry(11, "SELF_EVALUATED", EVALUATED_AT, "地域の参加が多かった。", null, null, null, null, 4,
                                "STAFF"),
                        entry(12, "COMPLETED", COMPLETED_AT, null, "花壇4箇所を整備しました。", "COMPLETED",
                                "proj-1-decision-12", null, null, "WARD_HEAD"))));
    }

    @Test
    void targetsAgainstActualsReadAsJsonKeyedByFiscalYearInYearOrder() throws Exception {
        apply(ProjectProjectionTest.launched("proj-1")
                .target("駐輪場の収容台数", "台", 54_092L, Map.of(2027, 60_000L, 2025, 56_000L, 2026, 58_000L), TARGET_AT)
                .actual("駐輪場の収容台数", 2026, 57_500L, ACTUAL_AT)
                .actual("駐輪場の収容台数", 2025, 55_100L, ACTUAL_AT));

        JsonNode tree = JSON.readTree(JSON.writeValueAsString(views.view(views.find("proj-1").orElseThrow())));

        assertThat(tree.get("targets").toString()).isEqualTo("[{\"name\":\"駐輪場の収容台数\",\"unit\":\"台\","
                + "\"baseline\":54092,\"targets\":{\"2025\":56000,\"2026\":58000,\"2027\":60000},"
                + "\"actuals\":{\"2025\":55100,\"2026\":57500}}]");
    }

    @Test
    void aTerminatedProjectShowsWhyAndWhatWentBackUnspent() {
        apply(ProjectProjectionTest.terminated("proj-2"));

        ProjectView view = views.view(views.find("proj-2").orElseThrow());

        assertThat(view.status()).isEqualTo("TERMINATED");
        assertThat(view.termination()).isEqualTo(new Termination("会場が使えなくなったため。", 376_544L, TERMINATED_AT));
        assertThat(view.completion()).isNull();
        assertThat(view.evaluation()).isNull();
        assertThat(view.remainingYen()).isEqualTo(376_544L);
        assertThat(view.timeline().get(4)).isEqualTo(entry(4, "TERMINATED", TERMINATED_AT, null,
                "会場が使えなくなったため。", "TERMINATED", "proj-2-decision-4", 376_544L, null, "WARD_HEAD"));
    }

    @Test
    void aCityWideProjectHasNoWardNames() {
        apply(ProjectStory.launched("proj-city", null, 2019, "市全体の事業", "協働", ProjectProgramme.MACHI_NO_HIROBA,
                "2019-06-01T00:00:00Z"));

        ProjectView view = views.view(views.find("proj-city").orElseThrow());

        assertThat(view.ward()).isNull();
        assertThat(view.wardNameJa()).isNull();
        assertThat(view.wardNameEn()).isNull();
        assertThat(view.fiscalYearLabel()).isEqualTo("令和元年度");
        assertThat(view.origin()).isEqualTo(new Origin(null, null, null));
        assertThat(view.approval()).isNull();
        assertThat(view.partners()).isEmpty();
    }

    @Test
    void theViewAsJsonNamesEveryFieldAndNeverAStaffId() throws Exception {
        apply(ProjectProjectionTest.lifecycle("proj-1"));

        String body = JSON.writeValueAsString(views.view(views.find("proj-1").orElseThrow()));

        assertThat(body).doesNotContain(ProjectStory.CLERK.staffId()).doesNotContain(ProjectStory.HEAD.staffId())
                .doesNotContain("staffId").doesNotContain("searchTokens");
        JsonNode tree = JSON.readTree(body);
        assertThat(fieldNames(tree)).containsExactly("id", "version", "ward", "wardNameJa", "wardNameEn",
                "fiscalYear", "fiscalYearLabel", "title", "theme", "programme", "origin", "leadDepartment", "status",
                "launchedAt", "partners", "agreements", "approval", "allocations", "allocatedYen", "expenditures",
                "spentYen", "remainingYen", "targets", "progressReports", "evaluation", "completion", "termination",
                "timeline");
        assertThat(tree.get("timeline").get(5)).isEqualTo(JSON.readTree("""
                {"seq":5,"kind":"BUDGET_ALLOCATED","at":"2025-05-15T02:00:00Z","reason":"苗と資材の費用。",
                 "outcome":"ALLOCATED","decisionId":"proj-1-decision-5","amountYen":1234567,"role":"WARD_HEAD"}"""));
        assertThat(tree.get("agreements").get(0).get("signedOn").asText()).isEqualTo("2025-05-10");
        assertThat(tree.get("remainingYen").asLong()).isEqualTo(677_777L);
    }

    /**
     * Five projects to list. Latest launch first: j3 (FY2026), j4 (city-wide), j2, j1 (FY2025), j5 (FY2024).
     */
    @Nested
    class Lists {

        @BeforeEach
        void fiveProjects() {
            apply(ProjectStory.launched("j1", Ward.SAIWAI, 2025, "駅前駐輪場の拡充", "交通",
                    ProjectProgramme.WARD_LOCAL_ISSUE, "2025-05-01T01:00:00Z")
                    .approved("必要性が高いため。", Instant.parse("2025-05-10T01:00:00Z"))
                    .allocated("al-j1", "saiwai-2025", 3_000_000L, "整備費", Instant.parse("2025-05-11T01:00:00Z"))
                    .spent("ex-j1", 1_000_000L, "設計", LocalDate.parse("2025-06-01"),
                            Instant.parse("2025-06-02T01:00:00Z")));
            apply(ProjectStory.launched("j2", Ward.SAIWAI, 2025, "御幸公園の花壇づくり", "緑化",
                    ProjectProgramme.COLLABORATIVE, "2025-06-01T01:00:00Z")
                    .completed("完了しました。", Instant.parse("2026-03-01T01:00:00Z")));
            apply(ProjectStory.launched("j3", Ward.TAMA, 2026, "多摩川の清掃活動", "環境",
                    ProjectProgramme.COLLABORATIVE, "2026-04-10T01:00:00Z"));
            apply(ProjectStory.launched("j4", null, 2025, "市民活動の担い手育成", "協働",
                    ProjectProgramme.MACHI_NO_HIROBA, "2025-08-01T01:00:00Z")
                    .terminated(0L, null, "応募がなかったため。", Instant.parse("2025-12-01T01:00:00Z")));
            apply(ProjectStory.launched("j5", Ward.NAKAHARA, 2024, "商店街の花壇", "緑化",
                    ProjectProgramme.MACHI_NO_HIROBA, "2024-07-01T01:00:00Z"));
        }

        @Test
        void withoutParametersListsEveryProjectLatestLaunchFirst() {
            ProjectPage page = list(Map.of());

            assertThat(ids(page)).containsExactly("j3", "j4", "j2", "j1", "j5");
            assertThat(page.page()).isZero();
            assertThat(page.size()).isEqualTo(20);
            assertThat(page.total()).isEqualTo(5L);
        }

        @Test
        void aListItemCarriesTheSummaryAndTheMoney() {
            assertThat(list(Map.of("programme", "WARD_LOCAL_ISSUE")).items()).containsExactly(new ProjectListItem(
                    "j1", 3L, "saiwai", "幸区", "Saiwai Ward", 2025, "令和7年度", "駅前駐輪場の拡充", "交通",
                    "WARD_LOCAL_ISSUE", "区政推進課", "APPROVED", Instant.parse("2025-05-01T01:00:00Z"), 3_000_000L,
                    1_000_000L, 2_000_000L));
        }

        @Test
        void aCityWideListItemHasNoWard() {
            assertThat(list(Map.of("status", "TERMINATED")).items()).containsExactly(new ProjectListItem("j4", 1L,
                    null, null, null, 2025, "令和7年度", "市民活動の担い手育成", "協働", "MACHI_NO_HIROBA", "区政推進課",
                    "TERMINATED", Instant.parse("2025-08-01T01:00:00Z"), 0L, 0L, 0L));
        }

        @Test
        void listItemsAsJsonCarryNoPartnersMoneyMovementsOrTimeline() throws Exception {
            JsonNode tree = JSON.readTree(JSON.writeValueAsString(list(Map.of())));

            assertThat(fieldNames(tree)).containsExactly("items", "page", "size", "total");
            assertThat(fieldNames(tree.get("items").get(0))).containsExactly("id", "version", "ward", "wardNameJa",
                    "wardNameEn", "fiscalYear", "fiscalYearLabel", "title", "theme", "programme", "leadDepartment",
                    "status", "launchedAt", "allocatedYen", "spentYen", "remainingYen");
        }

        @Test
        void filtersByWardLeavingCityWideProjectsOut() {
            assertThat(ids(list(Map.of("ward", "saiwai")))).containsExactly("j2", "j1");
        }

        @Test
        void filtersByFiscalYear() {
            assertThat(ids(list(Map.of("fiscalYear", "2025")))).containsExactly("j4", "j2", "j1");
            assertThat(ids(list(Map.of("fiscalYear", "2023")))).isEmpty();
        }

        @Test
        void filtersByProgrammeStatusAndTheme() {
            assertThat(ids(list(Map.of("programme", "collaborative")))).containsExactly("j3", "j2");
            assertThat(ids(list(Map.of("status", "LAUNCHED")))).containsExactly("j3", "j5");
            assertThat(ids(list(Map.of("status", "COMPLETED")))).containsExactly("j2");
            assertThat(ids(list(Map.of("theme", "緑化")))).containsExactly("j2", "j5");
        }

        @Test
        void combinedFiltersMustAllHold() {
            ProjectPage page = list(Map.of("theme", "緑化", "fiscalYear", "2024", "ward", "nakahara"));

            assertThat(ids(page)).containsExactly("j5");
            assertThat(page.total()).isEqualTo(1L);
        }

        @Test
        void textSearchFindsWordsInTitleOrTheme() {
            assertThat(ids(list(Map.of("q", "花壇")))).containsExactly("j2", "j5");
            assertThat(ids(list(Map.of("q", "環境")))).containsExactly("j3");
            assertThat(ids(list(Map.of("q", "花壇 商店街")))).containsExactly("j5");
        }

        @Test
        void pagesThroughTheMatchesCountingThemAll() {
            assertThat(ids(list(Map.of("size", "2")))).containsExactly("j3", "j4");
            assertThat(ids(list(Map.of("size", "2", "page", "1")))).containsExactly("j2", "j1");
            ProjectPage last = list(Map.of("size", "2", "page", "2"));
            assertThat(ids(last)).containsExactly("j5");
            assertThat(last.total()).isEqualTo(5L);
        }

        @Test
        void sortsByLaunchBothWays() {
            assertThat(ids(list(Map.of("sort", "launchedAt")))).containsExactly("j5", "j1", "j2", "j4", "j3");
            assertThat(ids(list(Map.of("sort", "-launchedAt")))).containsExactly("j3", "j4", "j2", "j1", "j5");
        }
    }

    private static TimelineEntry entry(long seq, String kind, Instant at, String text, String reason, String outcome,
                                       String decisionId, Long amountYen, Integer rating, String role) {
        return new TimelineEntry(seq, kind, at, null, text, reason, outcome, decisionId, null, null, null, amountYen,
                null, null, null, rating, role);
    }

    private ProjectPage list(Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return views.list(ProjectListQuery.parse(multi));
    }

    private static List<String> ids(ProjectPage page) {
        return page.items().stream().map(ProjectListItem::id).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void apply(ProjectStory story) {
        for (EventMessage<?> message : story.messages()) {
            try {
                handler.handle(message);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
