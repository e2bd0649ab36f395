package kyodo.query.project;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.Ward;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.query.platform.ProjectionTestSupport;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import kyodo.query.search.SearchTokens;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectProjectionTest extends ProjectionTestSupport {

    static final Instant LAUNCHED_AT = Instant.parse("2025-05-01T01:00:00Z");
    static final Instant PARTNER_1_AT = Instant.parse("2025-05-02T01:00:00Z");
    static final Instant PARTNER_2_AT = Instant.parse("2025-05-03T01:00:00Z");
    static final Instant SIGNED_AT = Instant.parse("2025-05-10T03:00:00Z");
    static final Instant APPROVED_AT = Instant.parse("2025-05-12T02:00:00Z");
    static final Instant ALLOCATED_AT = Instant.parse("2025-05-15T02:00:00Z");
    static final Instant SPENT_1_AT = Instant.parse("2025-06-02T02:00:00Z");
    static final Instant SPENT_2_AT = Instant.parse("2025-06-11T02:00:00Z");
    static final Instant TARGET_AT = Instant.parse("2025-06-15T02:00:00Z");
    static final Instant PROGRESS_AT = Instant.parse("2025-06-20T02:00:00Z");
    static final Instant ACTUAL_AT = Instant.parse("2026-03-20T02:00:00Z");
    static final Instant EVALUATED_AT = Instant.parse("2026-03-25T02:00:00Z");
    static final Instant COMPLETED_AT = Instant.parse("2026-03-30T02:00:00Z");
    static final Instant TERMINATED_AT = Instant.parse("2025-09-01T02:00:00Z");

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private MongoCollection<Document> projects;
    private ProjectProjection projection;

    @BeforeEach
    void freshDatabase() {
        MongoDatabase database = stores.freshDatabase();
        projects = database.getCollection(ProjectProjection.COLLECTION);
        projection = new ProjectProjection(MongoReadStore.of(database));
        drive(projection, projects);
    }

    /** Launched in Saiwai for FY2025 from proposal prop-1. */
    static ProjectStory launched(String id) {
        return ProjectStory.launched(id, Ward.SAIWAI, 2025, "御幸公園の花壇づくり", "緑化",
                ProjectProgramme.COLLABORATIVE, new ProjectOrigin("prop-1", null, null), "幸区役所 地域振興課",
                LAUNCHED_AT);
    }

    /** Every step from launch to completion: thirteen events, sequence 0..12. */
    static ProjectStory lifecycle(String id) {
        return launched(id)
                .partner("pt-1", "御幸町内会", PartnerType.NEIGHBOURHOOD_ASSOCIATION, "花壇の管理", PARTNER_1_AT)
                .partner("pt-2", "NPO法人 みどりの輪", PartnerType.NPO, "苗の提供", PARTNER_2_AT)
                .agreement("ag-1", "御幸公園花壇協定", List.of("pt-1", "pt-2"), LocalDate.parse("2025-05-10"),
                        "役割分担に合意したため。", SIGNED_AT)
                .approved("地域の要望に応えるため。", APPROVED_AT)
                .allocated("al-1", "saiwai-2025", 1_234_567L, "苗と資材の費用。", ALLOCATED_AT)
                .spent("ex-1", 456_789L, "苗 120株", LocalDate.parse("2025-06-01"), SPENT_1_AT)
                .spent("ex-2", 100_001L, "腐葉土", LocalDate.parse("2025-06-10"), SPENT_2_AT)
                .target("花壇の数", "箇所", 2L, Map.of(2026, 8L, 2025, 5L), TARGET_AT)
                .progress("5月に植え付けを終えました。", PROGRESS_AT)
                .actual("花壇の数", 2025, 4L, ACTUAL_AT)
                .evaluated(4, "地域の参加が多かった。", EVALUATED_AT)
                .completed("花壇4箇所を整備しました。", COMPLETED_AT);
    }

    @Test
    void launchedProjectBecomesOneDocument() {
        applyAll(launched("proj-1"));

        assertThat(allDocuments()).containsExactly(new Document("_id", "proj-1")
                .append("version", 0L)
                .append("ward", "saiwai")
                .append("fiscalYear", 2025)
                .append("title", "御幸公園の花壇づくり")
                .append("theme", "緑化")
                .append("programme", "COLLABORATIVE")
                .append("origin", new Document("proposalId", "prop-1").append("meetingId", null)
                        .append("resolutionId", null))
                .append("leadDepartment", "幸区役所 地域振興課")
                .append("status", "LAUNCHED")
                .append("launchedAt", Date.from(LAUNCHED_AT))
                .append("partners", List.of())
                .append("agreements", List.of())
                .append("allocations", List.of())
                .append("allocatedYen", 0L)
                .append("expenditures", List.of())
                .append("spentYen", 0L)
                .append("remainingYen", 0L)
                .append("targets", List.of())
                .append("progressReports", List.of())
                .append("searchTokens", SearchTokens.ofDocument("御幸公園の花壇づくり", "緑化"))
                .append("timeline", List.of(new Document("seq", 0L).append("kind", "LAUNCHED")
                        .append("at", Date.from(LAUNCHED_AT)).append("role", "STAFF"))));
    }

    @Test
    void aCityWideProjectHasNoWardAndADepartmentInitiativeNoOrigin() {
        applyAll(ProjectStory.launched("proj-city", null, 2026, "市民活動センターの連携", "協働",
                ProjectProgramme.MACHI_NO_HIROBA, null, "市民文化局", LAUNCHED_AT));

        Document doc = allDocuments().get(0);
        assertThat(doc.containsKey("ward")).isTrue();
        assertThat(doc.get("ward")).isNull();
        assertThat(doc.getInteger("fiscalYear")).isEqualTo(2026);
        assertThat(doc.get("origin", Document.class)).isEqualTo(new Document("proposalId", null)
                .append("meetingId", null).append("resolutionId", null));
    }

    @Test
    void fullLifecycleGivesTheExactDocumentAndTimeline() {
        ProjectStory story = lifecycle("proj-1");

        applyAll(story);

        Document expected = new Document("_id", "proj-1")
                .append("version", 12L)
                .append("ward", "saiwai")
                .append("fiscalYear", 2025)
                .append("title", "御幸公園の花壇づくり")
                .append("theme", "緑化")
                .append("programme", "COLLABORATIVE")
                .append("origin", new Document("proposalId", "prop-1").append("meetingId", null)
                        .append("resolutionId", null))
                .append("leadDepartment", "幸区役所 地域振興課")
                .append("status", "COMPLETED")
                .append("launchedAt", Date.from(LAUNCHED_AT))
                .append("partners", List.of(
                        new Document("partnerId", "pt-1").append("name", "御幸町内会")
                                .append("type", "NEIGHBOURHOOD_ASSOCIATION").append("role", "花壇の管理"),
                        new Document("partnerId", "pt-2").append("name", "NPO法人 みどりの輪").append("type", "NPO")
                                .append("role", "苗の提供")))
                .append("agreements", List.of(new Document("agreementId", "ag-1").append("title", "御幸公園花壇協定")
                        .append("parties", List.of(new Document("partnerId", "pt-1").append("name", "御幸町内会"),
                                new Document("partnerId", "pt-2").append("name", "NPO法人 みどりの輪")))
                        .append("signedOn", "2025-05-10").append("reason", "役割分担に合意したため。")
                        .append("role", "WARD_HEAD")))
                .append("allocations", List.of(new Document("allocationId", "al-1").append("budgetId", "saiwai-2025")
                        .append("amountYen", 1_234_567L).append("reason", "苗と資材の費用。").append("role", "WARD_HEAD")
                        .append("at", Date.from(ALLOCATED_AT))))
                .append("allocatedYen", 1_234_567L)
                .append("expenditures", List.of(
                        new Document("expenditureId", "ex-1").append("amountYen", 456_789L)
                                .append("description", "苗 120株").append("spentOn", "2025-06-01"),
                        new Document("expenditureId", "ex-2").append("amountYen", 100_001L)
                                .append("description", "腐葉土").append("spentOn", "2025-06-10")))
                .append("spentYen", 556_790L)
                .append("remainingYen", 677_777L)
                .append("targets", List.of(new Document("name", "花壇の数").append("unit", "箇所").append("baseline", 2L)
                        .append("targets", new Document("2025", 5L).append("2026", 8L))
                        .append("actuals", new Document("2025", 4L))))
                .append("progressReports", List.of(new Document("text", "5月に植え付けを終えました。")
                        .append("at", Date.from(PROGRESS_AT))))
                .append("searchTokens", SearchTokens.ofDocument("御幸公園の花壇づくり", "緑化"))
                .append("timeline", List.of(
                        entry(0, "LAUNCHED", LAUNCHED_AT).append("role", "STAFF"),
                        entry(1, "PARTNER_ADDED", PARTNER_1_AT).append("partnerId", "pt-1")
                                .append("partner", "御幸町内会").append("role", "STAFF"),
                        entry(2, "PARTNER_ADDED", PARTNER_2_AT).append("partnerId", "pt-2")
                                .append("partner", "NPO法人 みどりの輪").append("role", "STAFF"),
                        entry(3, "AGREEMENT_SIGNED", SIGNED_AT).append("reason", "役割分担に合意したため。")
                                .append("outcome", "SIGNED").append("decisionId", "proj-1-decision-3")
                                .append("agreementId", "ag-1").append("title", "御幸公園花壇協定")
                                .append("role", "WARD_HEAD"),
                        entry(4, "APPROVED", APPROVED_AT).append("reason", "地域の要望に応えるため。")
                                .append("outcome", "APPROVED").append("decisionId", "proj-1-decision-4")
                                .append("role", "WARD_HEAD"),
                        entry(5, "BUDGET_ALLOCATED", ALLOCATED_AT).append("reason", "苗と資材の費用。")
                                .append("outcome", "ALLOCATED").append("decisionId", "proj-1-decision-5")
                                .append("amountYen", 1_234_567L).append("role", "WARD_HEAD"),
                        entry(6, "EXPENDITURE_RECORDED", SPENT_1_AT).append("amountYen", 456_789L)
                                .append("text", "苗 120株").append("role", "STAFF"),
                        entry(7, "EXPENDITURE_RECORDED", SPENT_2_AT).append("amountYen", 100_001L)
                                .append("text", "腐葉土").append("role", "STAFF"),
                        entry(8, "TARGET_SET", TARGET_AT).append("target", "花壇の数").append("role", "STAFF"),
                        entry(9, "PROGRESS_REPORTED", PROGRESS_AT).append("text", "5月に植え付けを終えました。")
                                .append("role", "STAFF"),
                        entry(10, "ACTUAL_RECORDED", ACTUAL_AT).append("target", "花壇の数").append("fiscalYear", 2025)
                                .append("value", 4L).append("role", "STAFF"),
                        entry(11, "SELF_EVALUATED", EVALUATED_AT).append("rating", 4).append("text", "地域の参加が多かった。")
                                .append("role", "STAFF"),
                        entry(12, "COMPLETED", COMPLETED_AT).append("reason", "花壇4箇所を整備しました。")
                                .append("outcome", "COMPLETED").append("decisionId", "proj-1-decision-12")
                                .append("role", "WARD_HEAD")))
                .append("approval", new Document("reason", "地域の要望に応えるため。").append("role", "WARD_HEAD")
                        .append("at", Date.from(APPROVED_AT)))
                .append("evaluation", new Document("rating", 4).append("text", "地域の参加が多かった。")
                        .append("at", Date.from(EVALUATED_AT)))
                .append("completion", new Document("summary", "花壇4箇所を整備しました。")
                        .append("at", Date.from(COMPLETED_AT)));
        assertThat(allDocuments()).containsExactly(expected);
        Document stored = allDocuments().get(0);
        assertThat(stored.get("allocatedYen")).isInstanceOf(Long.class);
        assertThat(stored.get("remainingYen")).isInstanceOf(Long.class);
    }

    @Test
    void remainingIsAllocatedMinusSpentToTheYen() {
        applyAll(launched("proj-1")
                .allocated("al-1", "saiwai-2025", 9_876_543_211L, "第1期", ALLOCATED_AT)
                .spent("ex-1", 1L, "切手", LocalDate.parse("2025-06-01"), SPENT_1_AT)
                .allocated("al-2", "saiwai-2025", 3L, "端数", ALLOCATED_AT.plusSeconds(60))
                .spent("ex-2", 9_876_543_210L, "工事", LocalDate.parse("2025-06-10"), SPENT_2_AT)
                .spent("ex-3", 2L, "封筒", LocalDate.parse("2025-06-11"), SPENT_2_AT.plusSeconds(60)));

        Document doc = allDocuments().get(0);
        assertThat(doc.getLong("allocatedYen")).isEqualTo(9_876_543_214L);
        assertThat(doc.getLong("spentYen")).isEqualTo(9_876_543_213L);
        assertThat(doc.getLong("remainingYen")).isEqualTo(1L);
        assertThat(doc.getList("allocations", Document.class)).extracting(a -> a.getLong("amountYen"))
                .containsExactly(9_876_543_211L, 3L);
        assertThat(doc.getList("expenditures", Document.class)).extracting(e -> e.getString("expenditureId"))
                .containsExactly("ex-1", "ex-2", "ex-3");
    }

    @Test
    void targetsShowTheValueAimedAtAndTheValueReachedForEachFiscalYear() {
        applyAll(launched("proj-1")
                .target("駐輪場の収容台数", "台", 54_092L, Map.of(2025, 56_000L, 2026, 58_000L, 2027, 60_000L), TARGET_AT)
                .target("放置自転車", "台", 1_200L, Map.of(2025, 800L), TARGET_AT)
                .actual("駐輪場の収容台数", 2026, 57_500L, ACTUAL_AT)
                .actual("駐輪場の収容台数", 2025, 55_100L, ACTUAL_AT)
                .actual("放置自転車", 2025, 950L, ACTUAL_AT)
                .actual("放置自転車", 2025, 780L, ACTUAL_AT.plusSeconds(60)));

        assertThat(allDocuments().get(0).getList("targets", Document.class)).containsExactly(
                new Document("name", "駐輪場の収容台数").append("unit", "台").append("baseline", 54_092L)
                        .append("targets", new Document("2025", 56_000L).append("2026", 58_000L).append("2027", 60_000L))
                        .append("actuals", new Document("2025", 55_100L).append("2026", 57_500L)),
                new Document("name", "放置自転車").append("unit", "台").append("baseline", 1_200L)
                        .append("targets", new Document("2025", 800L))
                        .append("actuals", new Document("2025", 780L)));
    }

    @Test
    void aTargetSetAgainKeepsItsPlaceAndItsActuals() {
        applyAll(launched("proj-1")
                .target("花壇の数", "箇所", 2L, Map.of(2025, 5L), TARGET_AT)
                .target("参加者", "人", 0L, Map.of(2025, 100L), TARGET_AT)
                .actual("花壇の数", 2025, 3L, ACTUAL_AT)
                .target("花壇の数", "箇所", 2L, Map.of(2025, 4L, 2026, 6L), ACTUAL_AT.plusSeconds(60)));

        assertThat(allDocuments().get(0).getList("targets", Document.class)).containsExactly(
                new Document("name", "花壇の数").append("unit", "箇所").append("baseline", 2L)
                        .append("targets", new Document("2025", 4L).append("2026", 6L))
                        .append("actuals", new Document("2025", 3L)),
                new Document("name", "参加者").append("unit", "人").append("baseline", 0L)
                        .append("targets", new Document("2025", 100L)).append("actuals", new Document()));
    }

    @Test
    void anActualForATargetNeverSetIsOnTheTimelineOnly() {
        applyAll(launched("proj-1").actual("植樹", 2025, 10L, ACTUAL_AT));

        Document doc = allDocuments().get(0);
        assertThat(doc.getLong("version")).isEqualTo(1L);
        assertThat(doc.getList("targets", Document.class)).isEmpty();
        assertThat(last(doc)).isEqualTo(entry(1, "ACTUAL_RECORDED", ACTUAL_AT).append("target", "植樹")
                .append("fiscalYear", 2025).append("value", 10L).append("role", "STAFF"));
    }

    @Test
    void terminationRecordsTheReasonAndTheUnspentMoneyReturned() {
        applyAll(launched("proj-1")
                .approved("承認します。", APPROVED_AT)
                .allocated("al-1", "saiwai-2025", 500_000L, "資材費", ALLOCATED_AT)
                .spent("ex-1", 123_456L, "資材", LocalDate.parse("2025-06-01"), SPENT_1_AT)
                .terminated(376_544L, "saiwai-2025", "会場が使えなくなったため。", TERMINATED_AT));

        Document doc = allDocuments().get(0);
        assertThat(doc.getString("status")).isEqualTo("TERMINATED");
        assertThat(doc.get("termination", Document.class)).isEqualTo(new Document("reason", "会場が使えなくなったため。")
                .append("unspentYen", 376_544L).append("at", Date.from(TERMINATED_AT)));
        assertThat(doc.getLong("allocatedYen")).isEqualTo(500_000L);
        assertThat(doc.getLong("spentYen")).isEqualTo(123_456L);
        assertThat(doc.getLong("remainingYen")).isEqualTo(376_544L);
        assertThat(doc.containsKey("completion")).isFalse();
        assertThat(last(doc)).isEqualTo(entry(4, "TERMINATED", TERMINATED_AT).append("reason", "会場が使えなくなったため。")
                .append("outcome", "TERMINATED").append("decisionId", "proj-1-decision-4")
                .append("amountYen", 376_544L).append("role", "WARD_HEAD"));
    }

    @Test
    void everyEventAppliedTwiceChangesNothing() {
        for (ProjectStory story : List.of(lifecycle("proj-1"), terminated("proj-2"))) {
            for (EventMessage<?> message : story.messages()) {
                apply(message);
                List<String> once = allJson();

                apply(message);

                assertThat(allJson()).as("after %s twice", message.getPayloadType().getSimpleName())
                        .isEqualTo(once);
            }
        }
    }

    @Test
    void anOlderEventArrivingAfterANewerOneChangesNothing() {
        List<? extends EventMessage<?>> messages = lifecycle("proj-1").messages();
        applyAll(messages);
        List<String> done = allJson();

        messages.forEach(this::apply);

        assertThat(allJson()).isEqualTo(done);
        assertThat(allDocuments().get(0).getList("timeline", Document.class)).hasSize(13);
    }

    @Test
    void aReplayedLaunchCannotOverwriteTheStoredDocument() {
        applyAll(launched("proj-1"));
        List<String> before = allJson();

        applyAll(ProjectStory.launched("proj-1", Ward.TAMA, 2030, "別の題", "別", ProjectProgramme.WARD_LOCAL_ISSUE,
                "2030-05-01T00:00:00Z"));

        assertThat(allJson()).isEqualTo(before);
    }

    @Test
    void resetRemovesEveryProjectDocument() {
        applyAll(launched("proj-1"));
        applyAll(launched("proj-2"));
        assertThat(projects.countDocuments()).isEqualTo(2L);

        projection.reset();

        assertThat(projects.countDocuments()).isZero();
    }

    @Test
    void replayingTwiceAfterResetGivesTheSameDocumentsAsOnePass() {
        List<EventMessage<?>> history = Stream.of(lifecycle("proj-1"), terminated("proj-2"),
                        ProjectStory.launched("proj-3", null, 2026, "市全体の事業", "協働", ProjectProgramme.MACHI_NO_HIROBA,
                                "2026-04-01T00:00:00Z"))
                .flatMap(story -> story.messages().stream()).<EventMessage<?>>map(m -> m).toList();
        applyAll(history);
        List<String> onePass = allJson();

        projection.reset();
        applyAll(history);
        applyAll(history);

        assertThat(allJson()).hasSize(3).isEqualTo(onePass);
    }

    @Test
    void noStaffIdIsStoredOnlyRoles() {
        applyAll(lifecycle("proj-1"));
        applyAll(terminated("proj-2"));

        for (Document doc : allDocuments()) {
            assertThat(doc.toJson()).doesNotContain(ProjectStory.CLERK.staffId())
                    .doesNotContain(ProjectStory.HEAD.staffId()).doesNotContain("staff-");
        }
        assertThat(allDocuments().get(0).getList("timeline", Document.class)).extracting(e -> e.getString("role"))
                .containsExactly("STAFF", "STAFF", "STAFF", "WARD_HEAD", "WARD_HEAD", "WARD_HEAD", "STAFF", "STAFF",
                        "STAFF", "STAFF", "STAFF", "STAFF", "WARD_HEAD");
    }

    @Test
    void indexesForEveryFilterAndSortExistOnceTheProjectionIsCreated() {
        List<String> names = projects.listIndexes().map(i -> i.getString("name")).into(new ArrayList<>());

        assertThat(names).containsExactlyInAnyOrder("_id_", "searchTokens_1", "launchedAt_1__id_1",
                "ward_1_launchedAt_1__id_1", "fiscalYear_1_launchedAt_1__id_1", "programme_1_launchedAt_1__id_1",
                "status_1_launchedAt_1__id_1", "theme_1_launchedAt_1__id_1");
    }

    @Test
    void aBatchIsWrittenWithOneBulkWriteWhenItsUnitOfWorkPreparesToCommit() {
        ProjectStory story = lifecycle("proj-1");
        List<EventMessage<?>> batch = new ArrayList<>(story.messages());
        batch.add(GenericEventMessage.asEventMessage("an event of another feature"));
        long[] documentsBeforeLast = {-1};
        stores.commands.clear();

        process(batch, message -> {
            if (message == batch.get(batch.size() - 1)) {
                documentsBeforeLast[0] = projects.countDocuments();
            }
        });

        assertThat(documentsBeforeLast[0]).isZero();
        assertThat(stores.commands.stream().filter("update"::equals)).hasSize(1);
        assertThat(stores.commands).doesNotContain("find");
        List<String> batched = allJson();
        projection.reset();
        applyAll(story);
        assertThat(allJson()).isEqualTo(batched);
    }

    @Test
    void aBatchContinuingAnEarlierOneReadsTheProjectOnceAndWritesOnce() {
        List<? extends EventMessage<?>> messages = lifecycle("proj-1").messages();
        process(List.copyOf(messages.subList(0, 3)), message -> { });
        stores.commands.clear();

        process(List.copyOf(messages.subList(3, 13)), message -> { });

        assertThat(stores.commands.stream().filter("find"::equals)).hasSize(1);
        assertThat(stores.commands.stream().filter("update"::equals)).hasSize(1);
        List<String> batched = allJson();
        projection.reset();
        applyAll(messages);
        assertThat(allJson()).isEqualTo(batched);
    }

    @Test
    void aBatchThatFailsBeforeItsLastEventWritesNothing() {
        List<? extends EventMessage<?>> messages = lifecycle("proj-1").messages();
        stores.commands.clear();

        process(List.copyOf(messages), message -> {
            if (message == messages.get(messages.size() - 2)) {
                throw new IllegalStateException("the processor failed mid-batch");
            }
        });

        assertThat(projects.countDocuments()).isZero();
        assertThat(stores.commands).doesNotContain("update");
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void aBatchThatFailsAfterWritingIsRetriedToTheSameDocuments() {
        List<? extends EventMessage<?>> messages = lifecycle("proj-1").messages();
        process(List.copyOf(messages), message -> { });
        List<String> clean = allJson();
        projects.deleteMany(new Document());

        process(List.copyOf(messages), message -> {
            if (message == messages.get(messages.size() - 1)) {
                throw new IllegalStateException("the token could not be stored");
            }
        });
        process(List.copyOf(messages), message -> { });

        assertThat(allJson()).isEqualTo(clean);
    }

    /** Approved, allocated ¥500,000, spent ¥123,456, terminated with ¥376,544 unspent: five events. */
    static ProjectStory terminated(String id) {
        return launched(id)
                .approved("承認します。", APPROVED_AT)
                .allocated("al-" + id, "saiwai-2025", 500_000L, "資材費", ALLOCATED_AT)
                .spent("ex-" + id, 123_456L, "資材", LocalDate.parse("2025-06-01"), SPENT_1_AT)
                .terminated(376_544L, "saiwai-2025", "会場が使えなくなったため。", TERMINATED_AT);
    }

    private static Document entry(long seq, String kind, Instant at) {
        return new Document("seq", seq).append("kind", kind).append("at", Date.from(at));
    }

    private static Document last(Document doc) {
        List<Document> timeline = doc.getList("timeline", Document.class);
        return timeline.get(timeline.size() - 1);
    }

    private void applyAll(ProjectStory story) {
        applyAll(story.messages());
    }
}
