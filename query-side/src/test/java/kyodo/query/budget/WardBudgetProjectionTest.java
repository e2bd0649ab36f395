package kyodo.query.budget;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.Ward;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.query.platform.ProjectionTestSupport;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.project.ProjectStory;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class WardBudgetProjectionTest extends ProjectionTestSupport {

    static final Instant ENVELOPE_AT = Instant.parse("2025-04-01T00:00:00Z");
    static final Instant RESERVED_1_AT = Instant.parse("2025-05-15T01:00:00Z");
    static final Instant RESERVED_2_AT = Instant.parse("2025-05-16T01:00:00Z");
    static final Instant REFUSED_AT = Instant.parse("2025-05-16T01:00:01Z");
    static final Instant RESERVED_3_AT = Instant.parse("2025-06-01T01:00:00Z");
    static final Instant SUPPLEMENT_AT = Instant.parse("2025-09-20T00:00:00Z");
    static final Instant RETURNED_AT = Instant.parse("2025-10-01T02:00:01Z");
    static final Instant TERMINATED_AT = Instant.parse("2025-10-01T02:00:00Z");

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private MongoDatabase database;
    private MongoCollection<Document> budgets;
    private WardBudgetProjection projection;

    @BeforeEach
    void freshDatabase() {
        database = stores.freshDatabase();
        budgets = database.getCollection(WardBudgetProjection.COLLECTION);
        projection = new WardBudgetProjection(MongoReadStore.of(database));
        drive(projection, budgets);
    }

    /**
     * Saiwai FY2025: an envelope of ¥10,000,000; three reservations, the second refused and released;
     * a supplementary envelope of ¥12,000,000; the unspent ¥1,100,000 of the terminated proj-3
     * returned. Seven events, sequence 0..6.
     */
    static BudgetStory saiwai() {
        return BudgetStory.of(Ward.SAIWAI, 2025)
                .envelope(10_000_000L, "令和7年度当初予算", ENVELOPE_AT)
                .reserved("al-1", "proj-1", 3_333_333L, RESERVED_1_AT)
                .reserved("al-2", "proj-2", 2_000_001L, RESERVED_2_AT)
                .released("al-2", "proj-2", 2_000_001L, "事業が承認されなかったため。", REFUSED_AT)
                .reserved("al-3", "proj-3", 1_500_000L, RESERVED_3_AT)
                .envelope(12_000_000L, "補正予算", SUPPLEMENT_AT)
                .released("term-proj-3", "proj-3", 1_100_000L, "事業の中止による未執行分", RETURNED_AT);
    }

    /** Allocated al-1 (¥3,333,333), spent ¥1,111,111 and ¥222,222. */
    static ProjectStory project1() {
        return ProjectStory.launched("proj-1", Ward.SAIWAI, 2025, "御幸公園の花壇づくり", "緑化",
                        ProjectProgramme.COLLABORATIVE, "2025-05-01T01:00:00Z")
                .allocated("al-1", "saiwai-2025", 3_333_333L, "苗と資材", Instant.parse("2025-05-15T01:00:01Z"))
                .spent("ex-1", 1_111_111L, "苗", LocalDate.parse("2025-06-01"), Instant.parse("2025-06-02T01:00:00Z"))
                .spent("ex-2", 222_222L, "腐葉土", LocalDate.parse("2025-06-10"), Instant.parse("2025-06-11T01:00:00Z"));
    }

    /** Allocated al-3 (¥1,500,000), spent ¥400,000, terminated with ¥1,100,000 unspent. */
    static ProjectStory project3() {
        return ProjectStory.launched("proj-3", Ward.SAIWAI, 2025, "商店街の見守り", "防犯",
                        ProjectProgramme.WARD_LOCAL_ISSUE, "2025-05-20T01:00:00Z")
                .allocated("al-3", "saiwai-2025", 1_500_000L, "機材", Instant.parse("2025-06-01T01:00:01Z"))
                .spent("ex-3", 400_000L, "カメラ", LocalDate.parse("2025-07-01"), Instant.parse("2025-07-02T01:00:00Z"))
                .terminated(1_100_000L, "saiwai-2025", "担い手がいなくなったため。", TERMINATED_AT);
    }

    @Test
    void settingTheEnvelopeCreatesTheBudgetDocument() {
        applyAll(BudgetStory.of(Ward.SAIWAI, 2025).envelope(10_000_000L, "令和7年度当初予算", ENVELOPE_AT).messages());

        assertThat(allDocuments()).containsExactly(new Document("_id", "saiwai-2025")
                .append("ward", "saiwai")
                .append("fiscalYear", 2025)
                .append("version", 0L)
                .append("envelopeYen", 10_000_000L)
                .append("envelopeHistory", List.of(envelope(10_000_000L, "令和7年度当初予算", "saiwai-2025-decision-0",
                        ENVELOPE_AT)))
                .append("reservations", List.of())
                .append("releases", List.of())
                .append("reservedYen", 0L)
                .append("allocatedYen", 0L)
                .append("returnedYen", 0L)
                .append("spentYen", 0L)
                .append("availableYen", 10_000_000L)
                .append("utilisation", decimal("0.0000"))
                .append("projects", List.of())
                .append("sources", List.of(source("saiwai-2025", 0)))
                .append("changes", 1L));
    }

    @Test
    void aNewEnvelopeReplacesTheOldOneAndJoinsTheHistory() {
        applyAll(BudgetStory.of(Ward.SAIWAI, 2025)
                .envelope(10_000_000L, "当初予算", ENVELOPE_AT)
                .envelope(9_500_000L, "減額補正", SUPPLEMENT_AT).messages());

        Document doc = allDocuments().get(0);
        assertThat(doc.getLong("envelopeYen")).isEqualTo(9_500_000L);
        assertThat(doc.getLong("availableYen")).isEqualTo(9_500_000L);
        assertThat(doc.getLong("version")).isEqualTo(1L);
        assertThat(doc.getList("envelopeHistory", Document.class)).containsExactly(
                envelope(10_000_000L, "当初予算", "saiwai-2025-decision-0", ENVELOPE_AT),
                envelope(9_500_000L, "減額補正", "saiwai-2025-decision-1", SUPPLEMENT_AT));
    }

    @Test
    void aReservationSetsMoneyAsideAndReleasingItBeforeAllocationFreesIt() {
        List<? extends EventMessage<?>> messages = saiwai().messages();
        applyAll(messages.subList(0, 3));

        Document reserved = allDocuments().get(0);
        assertThat(totals(reserved)).containsExactly(5_333_334L, 0L, 0L, 0L, 4_666_666L);

        apply(messages.get(3));

        Document released = allDocuments().get(0);
        assertThat(totals(released)).containsExactly(3_333_333L, 0L, 2_000_001L, 0L, 6_666_667L);
        assertThat(released.getList("releases", Document.class)).containsExactly(new Document("releaseId", "al-2")
                .append("projectId", "proj-2").append("amountYen", 2_000_001L).append("kind", "RESERVATION")
                .append("reason", "事業が承認されなかったため。").append("at", Date.from(REFUSED_AT)));
    }

    @Test
    void allocationsAreConfirmedPerProjectAndSpendingCountsAgainstTheBudgetTheyCameFrom() {
        applyAll(saiwai().messages().subList(0, 2));
        applyAll(project1().messages());

        Document doc = allDocuments().get(0);
        assertThat(totals(doc)).containsExactly(3_333_333L, 3_333_333L, 0L, 1_333_333L, 6_666_667L);
        assertThat(doc.getList("projects", Document.class)).containsExactly(new Document("projectId", "proj-1")
                .append("allocatedYen", 3_333_333L).append("spentYen", 1_333_333L));
        assertThat(doc.get("utilisation")).isEqualTo(decimal("0.1333"));
    }

    @Test
    void spendingInALaterBatchFindsItsBudgetThroughTheStoredAllocation() {
        List<? extends EventMessage<?>> project = project1().messages();
        process(List.of(saiwai().messages().get(0), project.get(0), project.get(1)), m -> { });
        stores.commands.clear();

        process(List.copyOf(project.subList(2, 4)), m -> { });

        assertThat(stores.commands.stream().filter("find"::equals)).hasSize(2); // the link, then the budget
        assertThat(stores.commands.stream().filter("update"::equals)).hasSize(1);
        assertThat(allDocuments().get(0).getLong("spentYen")).isEqualTo(1_333_333L);
    }

    @Test
    void theUnspentMoneyOfATerminatedProjectReturnsToTheBudget() {
        applyAll(saiwai().messages().subList(0, 5));
        applyAll(project3().messages());
        Document before = allDocuments().get(0);
        assertThat(before.getLong("availableYen")).isEqualTo(10_000_000L - 3_333_333L - 1_500_000L);

        apply(saiwai().messages().get(6));

        Document after = allDocuments().get(0);
        assertThat(after.getLong("availableYen")).isEqualTo(10_000_000L - 3_333_333L - 400_000L);
        assertThat(after.getLong("returnedYen")).isEqualTo(2_000_001L + 1_100_000L);
        assertThat(after.getLong("reservedYen")).isEqualTo(3_333_333L + 1_500_000L);
        assertThat(last(after, "releases")).isEqualTo(new Document("releaseId", "term-proj-3")
                .append("projectId", "proj-3").append("amountYen", 1_100_000L).append("kind", "RETURN")
                .append("reason", "事業の中止による未執行分").append("at", Date.from(RETURNED_AT)));
    }

    @Test
    void aMixedSequenceGivesTheExactDocumentToTheYen() {
        applyAll(mixedHistory());

        assertThat(allDocuments()).containsExactly(new Document("_id", "saiwai-2025")
                .append("ward", "saiwai")
                .append("fiscalYear", 2025)
                .append("version", 6L)
                .append("envelopeYen", 12_000_000L)
                .append("envelopeHistory", List.of(
                        envelope(10_000_000L, "令和7年度当初予算", "saiwai-2025-decision-0", ENVELOPE_AT),
                        envelope(12_000_000L, "補正予算", "saiwai-2025-decision-5", SUPPLEMENT_AT)))
                .append("reservations", List.of(
                        reservation("al-1", "proj-1", 3_333_333L, RESERVED_1_AT),
                        reservation("al-2", "proj-2", 2_000_001L, RESERVED_2_AT),
                        reservation("al-3", "proj-3", 1_500_000L, RESERVED_3_AT)))
                .append("releases", List.of(
                        new Document("releaseId", "al-2").append("projectId", "proj-2").append("amountYen", 2_000_001L)
                                .append("kind", "RESERVATION").append("reason", "事業が承認されなかったため。")
                                .append("at", Date.from(REFUSED_AT)),
                        new Document("releaseId", "term-proj-3").append("projectId", "proj-3")
                                .append("amountYen", 1_100_000L).append("kind", "RETURN")
                                .append("reason", "事業の中止による未執行分").append("at", Date.from(RETURNED_AT))))
                .append("reservedYen", 4_833_333L)
                .append("allocatedYen", 4_833_333L)
                .append("returnedYen", 3_100_001L)
                .append("spentYen", 1_733_333L)
                .append("availableYen", 8_266_667L)
                .append("utilisation", decimal("0.1444"))
                .append("projects", List.of(
                        new Document("projectId", "proj-1").append("allocatedYen", 3_333_333L)
                                .append("spentYen", 1_333_333L),
                        new Document("projectId", "proj-3").append("allocatedYen", 1_500_000L)
                                .append("spentYen", 400_000L)))
                .append("sources", List.of(source("proj-1", 3), source("proj-3", 2), source("saiwai-2025", 6)))
                .append("changes", 12L));
    }

    @Test
    void theOrderInWhichTheBudgetAndItsProjectsAreHandledDoesNotMatter() {
        applyAll(mixedHistory());
        List<String> budgetFirst = allJson();
        projection.reset();

        // As segments may deliver them in a replay: the projects' events all before the budget's.
        applyAll(Stream.of(project3().messages(), project1().messages(), saiwai().messages())
                .flatMap(List::stream).<EventMessage<?>>map(m -> m).toList());

        assertThat(allJson()).isEqualTo(budgetFirst);
    }

    @Test
    void aProjectAllocatedBeforeTheEnvelopeIsHandledLeavesABudgetWithoutEnvelope() {
        applyAll(project1().messages());

        Document doc = allDocuments().get(0);
        assertThat(doc.getString("ward")).isEqualTo("saiwai");
        assertThat(doc.getInteger("fiscalYear")).isEqualTo(2025);
        assertThat(doc.get("envelopeYen")).isNull();
        assertThat(doc.get("version")).isNull();
        assertThat(doc.getLong("availableYen")).isZero();
        assertThat(doc.getLong("spentYen")).isEqualTo(1_333_333L);
        assertThat(doc.get("utilisation")).isEqualTo(decimal("0.0000"));
    }

    @Test
    void utilisationIsSpentOverEnvelopeToFourPlacesRoundedHalfUp() {
        assertThat(WardBudget.utilisation(1, 3)).isEqualTo(new BigDecimal("0.3333"));
        assertThat(WardBudget.utilisation(2, 3)).isEqualTo(new BigDecimal("0.6667"));
        assertThat(WardBudget.utilisation(5, 100_000)).isEqualTo(new BigDecimal("0.0001"));
        assertThat(WardBudget.utilisation(4, 100_000)).isEqualTo(new BigDecimal("0.0000"));
        assertThat(WardBudget.utilisation(15_000_000, 12_000_000)).isEqualTo(new BigDecimal("1.2500"));
        assertThat(WardBudget.utilisation(0, 0)).isEqualTo(new BigDecimal("0.0000"));
        assertThat(WardBudget.utilisation(500, 0)).isEqualTo(new BigDecimal("0.0000"));
        assertThat(WardBudget.utilisation(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(new BigDecimal("1.0000"));
    }

    @Test
    void aZeroEnvelopeHasZeroUtilisation() {
        applyAll(BudgetStory.of(Ward.ASAO, 2025).envelope(0L, "予算なし", ENVELOPE_AT).messages());

        assertThat(allDocuments().get(0).get("utilisation")).isEqualTo(decimal("0.0000"));
    }

    @Test
    void spendingOfAProjectWithoutAllocationIsCountedNowhere() {
        applyAll(saiwai().messages().subList(0, 1));
        List<String> before = allJson();

        applyAll(ProjectStory.launched("proj-9", Ward.SAIWAI, 2025, "題", "テーマ", ProjectProgramme.COLLABORATIVE,
                        "2025-05-01T00:00:00Z")
                .spent("ex-9", 1_000L, "何か", LocalDate.parse("2025-06-01"), Instant.parse("2025-06-01T00:00:00Z"))
                .messages());

        assertThat(allJson()).isEqualTo(before);
    }

    @Test
    void budgetsOfOtherWardsAndYearsAreKeptApart() {
        applyAll(mixedHistory());
        applyAll(BudgetStory.of(Ward.TAMA, 2025).envelope(8_000_000L, "多摩区", ENVELOPE_AT).messages());
        applyAll(BudgetStory.of(Ward.SAIWAI, 2026).envelope(11_000_000L, "翌年度", ENVELOPE_AT).messages());
        applyAll(ProjectStory.launched("proj-t", Ward.TAMA, 2025, "多摩川", "環境", ProjectProgramme.COLLABORATIVE,
                        "2025-05-01T00:00:00Z")
                .allocated("al-t", "tama-2025", 700_000L, "清掃用具", Instant.parse("2025-05-02T00:00:00Z"))
                .spent("ex-t", 70_000L, "軍手", LocalDate.parse("2025-05-03"), Instant.parse("2025-05-03T00:00:00Z"))
                .messages());

        assertThat(allDocuments()).extracting(d -> d.getString("_id"))
                .containsExactly("saiwai-2025", "saiwai-2026", "tama-2025");
        assertThat(allDocuments()).extracting(d -> d.getLong("spentYen")).containsExactly(1_733_333L, 0L, 70_000L);
        assertThat(allDocuments()).extracting(d -> d.get("utilisation"))
                .containsExactly(decimal("0.1444"), decimal("0.0000"), decimal("0.0088"));
    }

    @Test
    void everyEventAppliedTwiceChangesNothing() {
        for (EventMessage<?> message : mixedHistory()) {
            apply(message);
            List<String> once = allJson();

            apply(message);

            assertThat(allJson()).as("after %s twice", message.getIdentifier()).isEqualTo(once);
        }
    }

    @Test
    void replayingTwiceAfterResetGivesTheSameDocumentsAsOnePass() {
        List<EventMessage<?>> history = new ArrayList<>(mixedHistory());
        history.addAll(BudgetStory.of(Ward.TAMA, 2025).envelope(8_000_000L, "多摩区", ENVELOPE_AT).messages());
        applyAll(history);
        List<String> onePass = allJson();

        projection.reset();
        applyAll(history);
        applyAll(history);

        assertThat(allJson()).hasSize(2).isEqualTo(onePass);
    }

    @Test
    void aBatchReadsEachBudgetOnceAndWritesOnce() {
        List<EventMessage<?>> batch = new ArrayList<>(mixedHistory());
        batch.add(GenericEventMessage.asEventMessage("an event of another feature"));
        long[] documentsBeforeLast = {-1};
        stores.commands.clear();

        process(batch, message -> {
            if (message == batch.get(batch.size() - 1)) {
                documentsBeforeLast[0] = budgets.countDocuments();
            }
        });

        assertThat(documentsBeforeLast[0]).isZero();
        assertThat(stores.commands.stream().filter("find"::equals)).hasSize(1);
        assertThat(stores.commands.stream().filter("update"::equals)).hasSize(1);
        List<String> batched = allJson();
        projection.reset();
        applyAll(mixedHistory());
        assertThat(allJson()).isEqualTo(batched);
    }

    @Test
    void aBatchThatFailsBeforeItsLastEventWritesNothing() {
        List<EventMessage<?>> messages = mixedHistory();
        stores.commands.clear();

        process(messages, message -> {
            if (message == messages.get(messages.size() - 2)) {
                throw new IllegalStateException("the processor failed mid-batch");
            }
        });

        assertThat(budgets.countDocuments()).isZero();
        assertThat(stores.commands).doesNotContain("update");
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    /**
     * Another segment (here: another projection instance on the same store) writes the budget
     * between this batch's read and its write. The batch must notice, read again and apply its own
     * events on top, losing neither side's.
     */
    @Test
    void aBudgetAnotherSegmentWroteMeanwhileIsReadAgainAndNothingIsLost() {
        List<? extends EventMessage<?>> budget = saiwai().messages();
        List<? extends EventMessage<?>> project = project1().messages();
        AnnotationEventHandlerAdapter otherSegment = new AnnotationEventHandlerAdapter(
                new WardBudgetProjection(MongoReadStore.of(database)));
        stores.commands.clear();

        process(List.copyOf(budget.subList(0, 2)), message -> {
            if (message == budget.get(0)) {
                // On a thread of its own, as another segment's worker: outside this batch's unit of work.
                AtomicReference<Exception> failure = new AtomicReference<>();
                Thread worker = new Thread(() -> {
                    try {
                        otherSegment.handle(project.get(1));
                    } catch (Exception e) {
                        failure.set(e);
                    }
                });
                worker.start();
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                assertThat(failure).hasNullValue();
            }
        });

        // The other segment's write, this batch's refused write, and its write after reading again.
        assertThat(stores.commands.stream().filter("update"::equals)).hasSize(3);
        List<String> interleaved = allJson();
        projection.reset();
        applyAll(List.of(budget.get(0), budget.get(1), project.get(1)));
        assertThat(interleaved).isEqualTo(allJson());
        assertThat(allDocuments().get(0).getList("sources", Document.class))
                .containsExactly(source("proj-1", 1), source("saiwai-2025", 1));
        assertThat(allDocuments().get(0).getLong("changes")).isEqualTo(3);
    }

    @Test
    void aBatchRetriedAfterAnotherSegmentAppliedPartOfItChangesNothingTwice() {
        List<EventMessage<?>> history = mixedHistory();
        applyAll(history.subList(0, 5));

        process(history, m -> { });

        List<String> batched = allJson();
        projection.reset();
        applyAll(history);
        assertThat(batched).isEqualTo(allJson());
    }

    /**
     * A document of the first shape kept the identifier of every event it applied and no count. Its events
     * delivered again after the upgrade change nothing; later events apply on top and are counted from its
     * identifiers on; its identifiers stay as they were, and every figure is the one a single pass gives.
     */
    @Test
    void aDocumentOfTheFirstShapeKeepsItsEventsAppliedOnceAndTakesLaterOnes() {
        List<EventMessage<?>> history = mixedHistory();
        applyAll(history);
        Document onePass = figures(allDocuments().get(0));
        projection.reset();
        List<EventMessage<?>> before = history.subList(0, 6);
        applyAll(before);
        List<String> appliedBefore = before.stream().filter(m -> BUDGET_EVENTS.contains(m.getPayloadType()))
                .map(EventMessage::getIdentifier).sorted().toList();
        Document firstShape = allDocuments().get(0);
        firstShape.remove("sources");
        firstShape.remove("changes");
        firstShape.append("applied", appliedBefore);
        budgets.replaceOne(new Document("_id", "saiwai-2025"), firstShape);

        applyAll(history);

        Document upgraded = allDocuments().get(0);
        assertThat(figures(upgraded)).isEqualTo(onePass);
        assertThat(upgraded.getList("applied", String.class)).isEqualTo(appliedBefore).hasSize(5);
        assertThat(upgraded.getLong("changes")).isEqualTo(12);
        assertThat(upgraded.getList("sources", Document.class))
                .containsExactly(source("proj-3", 2), source("saiwai-2025", 6));
        applyAll(history);
        assertThat(allDocuments().get(0)).isEqualTo(upgraded);
    }

    @Test
    void resetRemovesEveryBudgetDocument() {
        applyAll(mixedHistory());
        applyAll(BudgetStory.of(Ward.TAMA, 2025).envelope(8_000_000L, "多摩区", ENVELOPE_AT).messages());
        assertThat(budgets.countDocuments()).isEqualTo(2L);

        projection.reset();

        assertThat(budgets.countDocuments()).isZero();
    }

    @Test
    void noStaffIdIsStoredOnlyTheDecidingRole() {
        applyAll(mixedHistory());

        assertThat(allJson().get(0)).doesNotContain(BudgetStory.ADMIN.staffId())
                .doesNotContain(ProjectStory.HEAD.staffId()).doesNotContain(ProjectStory.CLERK.staffId())
                .doesNotContain("staff-");
        assertThat(allDocuments().get(0).getList("envelopeHistory", Document.class))
                .extracting(e -> e.getString("role")).containsExactly("ADMIN", "ADMIN");
    }

    @Test
    void indexesForTheListsAndTheProjectLinkExistOnceTheProjectionIsCreated() {
        List<String> names = budgets.listIndexes().map(i -> i.getString("name")).into(new ArrayList<>());

        assertThat(names).containsExactlyInAnyOrder("_id_", "fiscalYear_1", "ward_1", "projects.projectId_1");
    }

    /** The budget's events, then proj-1's, then proj-3's: as a single segment would deliver them live. */
    static List<EventMessage<?>> mixedHistory() {
        List<EventMessage<?>> history = new ArrayList<>();
        List<? extends EventMessage<?>> budget = saiwai().messages();
        List<? extends EventMessage<?>> p1 = project1().messages();
        List<? extends EventMessage<?>> p3 = project3().messages();
        history.addAll(budget.subList(0, 2));
        history.addAll(p1);
        history.addAll(budget.subList(2, 5));
        history.addAll(p3);
        history.addAll(budget.subList(5, 7));
        return history;
    }

    private static List<Long> totals(Document doc) {
        return List.of(doc.getLong("reservedYen"), doc.getLong("allocatedYen"), doc.getLong("returnedYen"),
                doc.getLong("spentYen"), doc.getLong("availableYen"));
    }

    private static Document envelope(long amount, String reason, String decisionId, Instant at) {
        return new Document("envelopeYen", amount).append("reason", reason).append("role", "ADMIN")
                .append("decisionId", decisionId).append("at", Date.from(at));
    }

    private static Document reservation(String allocationId, String projectId, long amount, Instant at) {
        return new Document("allocationId", allocationId).append("projectId", projectId).append("amountYen", amount)
                .append("at", Date.from(at));
    }

    private static final Set<Class<?>> BUDGET_EVENTS = Set.of(BudgetEnvelopeSet.class, FundsReserved.class,
            FundsReleased.class, BudgetAllocated.class, ExpenditureRecorded.class);

    /** The document without what makes applying idempotent. */
    private static Document figures(Document doc) {
        Document figures = new Document(doc);
        List.of("sources", "changes", "applied").forEach(figures::remove);
        return figures;
    }

    private static Document source(String aggregate, long sequence) {
        return new Document("source", aggregate).append("sequence", sequence);
    }

    private static Decimal128 decimal(String value) {
        return new Decimal128(new BigDecimal(value));
    }

    private static Document last(Document doc, String list) {
        List<Document> entries = doc.getList(list, Document.class);
        return entries.get(entries.size() - 1);
    }
}
