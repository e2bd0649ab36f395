package kyodo.query.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.budget.WardBudgetViews.BudgetKey;
import kyodo.query.budget.WardBudgetViews.EnvelopeChange;
import kyodo.query.budget.WardBudgetViews.FundedProject;
import kyodo.query.budget.WardBudgetViews.Release;
import kyodo.query.budget.WardBudgetViews.Reservation;
import kyodo.query.budget.WardBudgetViews.WardBudgetSummary;
import kyodo.query.budget.WardBudgetViews.WardBudgetView;
import kyodo.query.budget.WardBudgetViews.WardBudgetYear;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.project.ProjectStory;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static kyodo.query.budget.WardBudgetProjectionTest.ENVELOPE_AT;
import static kyodo.query.budget.WardBudgetProjectionTest.REFUSED_AT;
import static kyodo.query.budget.WardBudgetProjectionTest.RESERVED_1_AT;
import static kyodo.query.budget.WardBudgetProjectionTest.RESERVED_2_AT;
import static kyodo.query.budget.WardBudgetProjectionTest.RESERVED_3_AT;
import static kyodo.query.budget.WardBudgetProjectionTest.RETURNED_AT;
import static kyodo.query.budget.WardBudgetProjectionTest.SUPPLEMENT_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class WardBudgetViewsTest {

    private static final ObjectMapper JSON = TestStores.JSON;
    private static final BudgetKey SAIWAI_2025 = new BudgetKey(Ward.SAIWAI, FiscalYear.of(2025));

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private WardBudgetViews views;
    private AnnotationEventHandlerAdapter handler;

    @BeforeEach
    void freshDatabase() {
        MongoDatabase database = stores.freshDatabase();
        handler = new AnnotationEventHandlerAdapter(new WardBudgetProjection(MongoReadStore.of(database)));
        views = new WardBudgetViews(MongoReadStore.of(database));
    }

    @Test
    void theViewShowsTheEnvelopeEveryMovementAndTheTotalsInWholeYen() {
        apply(WardBudgetProjectionTest.mixedHistory());

        WardBudgetView view = views.view(views.find(SAIWAI_2025).orElseThrow());

        assertThat(view).isEqualTo(new WardBudgetView("saiwai-2025", 6L, "saiwai", "幸区", "Saiwai Ward", 2025,
                "令和7年度", 12_000_000L, 4_833_333L, 4_833_333L, 3_100_001L, 1_733_333L, 8_266_667L,
                new BigDecimal("0.1444"),
                List.of(new EnvelopeChange(10_000_000L, "令和7年度当初予算", "ADMIN", "saiwai-2025-decision-0",
                                ENVELOPE_AT),
                        new EnvelopeChange(12_000_000L, "補正予算", "ADMIN", "saiwai-2025-decision-5", SUPPLEMENT_AT)),
                List.of(new Reservation("al-1", "proj-1", 3_333_333L, RESERVED_1_AT),
                        new Reservation("al-2", "proj-2", 2_000_001L, RESERVED_2_AT),
                        new Reservation("al-3", "proj-3", 1_500_000L, RESERVED_3_AT)),
                List.of(new Release("al-2", "proj-2", 2_000_001L, "RESERVATION", "事業が承認されなかったため。", REFUSED_AT),
                        new Release("term-proj-3", "proj-3", 1_100_000L, "RETURN", "事業の中止による未執行分",
                                RETURNED_AT)),
                List.of(new FundedProject("proj-1", 3_333_333L, 1_333_333L),
                        new FundedProject("proj-3", 1_500_000L, 400_000L))));
    }

    @Test
    void theViewAsJsonNamesEveryFieldAndCarriesNoStaffIdNorTheAppliedEvents() throws Exception {
        apply(WardBudgetProjectionTest.mixedHistory());

        String body = JSON.writeValueAsString(views.view(views.find(SAIWAI_2025).orElseThrow()));

        assertThat(body).doesNotContain(BudgetStory.ADMIN.staffId()).doesNotContain(ProjectStory.HEAD.staffId())
                .doesNotContain("staff-").doesNotContain("applied").doesNotContain("saiwai-2025#");
        JsonNode tree = JSON.readTree(body);
        assertThat(fieldNames(tree)).containsExactly("budgetId", "version", "ward", "wardNameJa", "wardNameEn",
                "fiscalYear", "fiscalYearLabel", "envelopeYen", "reservedYen", "allocatedYen", "returnedYen",
                "spentYen", "availableYen", "utilisation", "envelopeHistory", "reservations", "releases", "projects");
        assertThat(tree.get("utilisation").decimalValue()).isEqualByComparingTo("0.1444");
        assertThat(body).contains("\"utilisation\":0.1444,").contains("\"availableYen\":8266667,");
    }

    @Test
    void aBudgetIsUnknownUntilItsEnvelopeIsSet() {
        apply(WardBudgetProjectionTest.project1().messages());

        assertThat(views.find(SAIWAI_2025)).isEmpty();
        assertThat(views.year(FiscalYear.of(2025)).items()).isEmpty();

        apply(BudgetStory.of(Ward.SAIWAI, 2025).envelope(10_000_000L, "当初予算", ENVELOPE_AT).messages());

        assertThat(views.find(SAIWAI_2025)).isPresent();
        assertThat(views.view(views.find(SAIWAI_2025).orElseThrow()).spentYen()).isEqualTo(1_333_333L);
    }

    @Test
    void aYearListsEveryWardWithAnEnvelopeInTheCitysOrderOfWards() {
        apply(BudgetStory.of(Ward.ASAO, 2025).envelope(7_000_000L, "麻生区", ENVELOPE_AT).messages());
        apply(WardBudgetProjectionTest.mixedHistory());
        apply(BudgetStory.of(Ward.KAWASAKI, 2025).envelope(9_000_000L, "川崎区", ENVELOPE_AT).messages());
        apply(BudgetStory.of(Ward.TAMA, 2026).envelope(8_000_000L, "翌年度", ENVELOPE_AT).messages());

        WardBudgetYear year = views.year(FiscalYear.of(2025));

        assertThat(year.fiscalYear()).isEqualTo(2025);
        assertThat(year.fiscalYearLabel()).isEqualTo("令和7年度");
        assertThat(year.items()).containsExactly(
                new WardBudgetSummary("kawasaki-2025", "kawasaki", "川崎区", "Kawasaki Ward", 2025, "令和7年度",
                        9_000_000L, 0L, 0L, 0L, 0L, 9_000_000L, new BigDecimal("0.0000"), 0),
                new WardBudgetSummary("saiwai-2025", "saiwai", "幸区", "Saiwai Ward", 2025, "令和7年度", 12_000_000L,
                        4_833_333L, 4_833_333L, 3_100_001L, 1_733_333L, 8_266_667L, new BigDecimal("0.1444"), 2),
                new WardBudgetSummary("asao-2025", "asao", "麻生区", "Asao Ward", 2025, "令和7年度", 7_000_000L, 0L, 0L,
                        0L, 0L, 7_000_000L, new BigDecimal("0.0000"), 0));
        assertThat(views.year(FiscalYear.of(2024)).items()).isEmpty();
    }

    @Test
    void aBudgetIsNamedByAWardCodeAndAFiscalYear() {
        assertThat(WardBudgetViews.key("saiwai", "2025")).isEqualTo(SAIWAI_2025);
        assertThat(WardBudgetViews.key("SAIWAI", " 2025 ").budgetId()).isEqualTo("saiwai-2025");
        assertThat(WardBudgetViews.key("asao", "1989").budgetId()).isEqualTo("asao-1989");
    }

    @Test
    void anUnknownWardOrABadYearIsInvalidInputNamingEach() {
        assertThat(keyViolations("shibuya", "2025")).containsExactly(new FieldViolation("ward",
                "must be one of kawasaki, saiwai, nakahara, takatsu, miyamae, tama, asao"));
        FieldViolation year = new FieldViolation("fiscalYear", "must be a year from 1989 to 2200");
        assertThat(keyViolations("saiwai", "1988")).containsExactly(year);
        assertThat(keyViolations("saiwai", "２０２５")).containsExactly(year);
        assertThat(keyViolations("saiwai", "R7")).containsExactly(year);
        assertThat(keyViolations("city", "2201")).extracting(FieldViolation::field)
                .containsExactly("ward", "fiscalYear");
    }

    @Test
    void aYearListNeedsAGoodFiscalYear() {
        assertThat(WardBudgetViews.listYear(Map.of("fiscalYear", List.of("2025")))).isEqualTo(FiscalYear.of(2025));
        assertThat(listViolations(Map.of())).containsExactly(new FieldViolation("fiscalYear", "must be given"));
        assertThat(listViolations(Map.of("fiscalYear", List.of(" ")))).containsExactly(
                new FieldViolation("fiscalYear", "must be given"));
        assertThat(listViolations(Map.of("fiscalYear", List.of("next")))).containsExactly(
                new FieldViolation("fiscalYear", "must be a year from 1989 to 2200"));
        assertThat(listViolations(Map.of("fiscalYear", List.of("2025", "2026")))).containsExactly(
                new FieldViolation("fiscalYear", "give it once"));
    }

    private static List<FieldViolation> keyViolations(String ward, String year) {
        Throwable thrown = catchThrowable(() -> WardBudgetViews.key(ward, year));
        assertThat(thrown).isInstanceOf(KyodoProblemException.class);
        assertThat(((KyodoProblemException) thrown).toDetails().detail())
                .isEqualTo("The ward or the fiscal year is invalid.");
        return ((KyodoProblemException) thrown).toDetails().errors();
    }

    private static List<FieldViolation> listViolations(Map<String, List<String>> params) {
        Throwable thrown = catchThrowable(() -> WardBudgetViews.listYear(params));
        assertThat(thrown).isInstanceOf(KyodoProblemException.class);
        return ((KyodoProblemException) thrown).toDetails().errors();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void apply(List<? extends EventMessage<?>> messages) {
        for (EventMessage<?> message : messages) {
            try {
                handler.handle(message);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
