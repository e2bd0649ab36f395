package kyodo.query.meeting;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.kernel.personal.SealedPersonalData;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MeetingProjectionTest extends ProjectionTestSupport {

    static final String NAME = "幸田 花子";
    static final String AFFILIATION = "南河原町内会";
    static final String OTHER_NAME = "川崎 太郎";
    static final String NOMINATING_GROUP = "幸区町内会連合会";

    private static final String TITLE = "第7期幸区区民会議 第3回全体会議";
    private static final Instant SCHEDULED_AT = Instant.parse("2025-06-01T01:00:00Z");
    /** 2025-07-10 14:00–16:00 in Tokyo. */
    private static final Instant STARTS = Instant.parse("2025-07-10T05:00:00Z");
    private static final Instant ENDS = Instant.parse("2025-07-10T07:00:00Z");
    private static final Instant AGENDA_AT = Instant.parse("2025-06-05T02:00:00Z");
    private static final Instant RESCHEDULED_AT = Instant.parse("2025-06-20T03:00:00Z");
    /** A week later, 2025-07-17 14:00–16:00 in Tokyo. */
    private static final Instant NEW_STARTS = Instant.parse("2025-07-17T05:00:00Z");
    private static final Instant NEW_ENDS = Instant.parse("2025-07-17T07:00:00Z");
    private static final Instant REGISTERED_AT = Instant.parse("2025-06-25T04:00:00Z");
    private static final Instant FORMED_AT = Instant.parse("2025-07-17T05:10:00Z");
    private static final Instant OPINION_AT = Instant.parse("2025-07-17T05:40:00Z");
    private static final Instant VOTED_AT = Instant.parse("2025-07-17T06:30:00Z");
    private static final Instant MINUTES_AT = Instant.parse("2025-07-31T00:00:00Z");
    private static final Instant FEEDBACK_AT = Instant.parse("2025-08-10T00:00:00Z");
    private static final String OPINION = "避難所の運営訓練を町内会と合同で行ってはどうか。";
    private static final String RELATED = "要配慮者の名簿を共有する";
    private static final String MOTION = "避難所運営訓練の合同実施を区に提案する";
    private static final String MINUTES = "第3回全体会議の記録。";
    private static final String FEEDBACK = "会議の結果を役員会で報告しました。";

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private MongoCollection<Document> meetings;
    private MeetingProjection projection;

    @BeforeEach
    void freshDatabase() {
        MongoDatabase database = stores.freshDatabase();
        meetings = database.getCollection(MeetingProjection.COLLECTION);
        projection = new MeetingProjection(MongoReadStore.of(database));
        drive(projection, meetings);
    }

    @Test
    void scheduledMeetingBecomesOneDocumentWithEmptyListsAndItsFiscalYear() {
        applyAll(scheduled("meet-1"));

        assertThat(allDocuments()).containsExactly(scheduledDocument("meet-1"));
        Document stored = allDocuments().get(0);
        assertThat(stored.get("version")).isInstanceOf(Long.class);
        assertThat(stored.get("fiscalYear")).isInstanceOf(Integer.class);
        assertThat(stored.get("registrations")).isInstanceOf(Integer.class);
    }

    @Test
    void aDistrictMeetingHasNoWardAndACityWideOneNeither() {
        applyAll(MeetingStory.scheduled("meet-s", MeetingKind.WORKSHOP, null, Ward.District.SOUTH, "南部地区",
                List.of(), "2015-09-19T04:00:00Z"));
        applyAll(MeetingStory.scheduled("meet-c", MeetingKind.EXPERT_PANEL, null, null, "全市", List.of(),
                "2015-09-19T04:00:00Z"));

        List<Document> docs = allDocuments();
        assertThat(docs).extracting(d -> d.getString("_id"), d -> d.getString("ward"), d -> d.getString("district"),
                        d -> d.getBoolean("cityWide"))
                .containsExactly(tuple("meet-c", null, null, true),
                        tuple("meet-s", null, "south", false));
        assertThat(docs.get(0).containsKey("ward")).isTrue();
        assertThat(docs.get(0).containsKey("district")).isTrue();
    }

    @Test
    void fullLifecycleGivesTheExactDocument() {
        MeetingStory story = lifecycle("meet-1");

        applyAll(story);

        SealedPersonalData first = story.participants.get(0);
        SealedPersonalData second = story.participants.get(1);
        Document expected = scheduledDocument("meet-1")
                .append("version", 11L)
                .append("startsAt", Date.from(NEW_STARTS))
                .append("endsAt", Date.from(NEW_ENDS))
                .append("fiscalYear", 2025)
                .append("status", "CLOSED")
                .append("agenda", List.of(
                        new Document("title", "地域防災の取組").append("lead", "座長")
                                .append("discussionPoints", List.of("避難所運営", "要配慮者の支援"))
                                .append("preparation", List.of("資料の事前配布")),
                        new Document("title", "子育て支援").append("lead", null)
                                .append("discussionPoints", List.of()).append("preparation", List.of())))
                .append("reschedulings", List.of(new Document("from", Date.from(STARTS))
                        .append("to", Date.from(NEW_STARTS)).append("reason", "会場の都合のため")
                        .append("at", Date.from(RESCHEDULED_AT))))
                .append("registrations", 2)
                .append("participants", List.of(
                        new Document("participantId", "p-1").append("participant", sealedDocument(first))
                                .append("nominatedBy", NOMINATING_GROUP).append("registeredAt", Date.from(REGISTERED_AT)),
                        new Document("participantId", "p-2").append("participant", sealedDocument(second))
                                .append("nominatedBy", null).append("registeredAt", Date.from(REGISTERED_AT))))
                .append("attendanceMarks", List.of())
                .append("attendanceByGroup", List.of())
                .append("openedAt", Date.from(NEW_STARTS))
                .append("attendanceAtOpening", 25)
                .append("groups", List.of(new Document("number", 1).append("theme", "防災")))
                .append("opinions", List.of(new Document("opinionId", "op-1").append("group", 1)
                        .append("theme", "防災").append("text", OPINION).append("related", List.of(RELATED))
                        .append("proposalId", "prop-1").append("recordedAt", Date.from(OPINION_AT))))
                .append("resolutions", List.of(new Document("resolutionId", "res-1")
                        .append("decisionId", "meet-1-decision-8")
                        .append("motion", MOTION)
                        .append("proposalId", "prop-1")
                        .append("proposalOutcome", "ACCEPTED")
                        .append("votesFor", 20)
                        .append("votesAgainst", 3)
                        .append("abstentions", 2)
                        .append("attendance", 25)
                        .append("outcome", "ADOPTED")
                        .append("reason", "賛成多数のため")
                        .append("role", "WARD_HEAD")
                        .append("decidedAt", Date.from(VOTED_AT))))
                .append("closedAt", Date.from(NEW_ENDS))
                .append("attendanceAtClosing", 24)
                .append("minutes", new Document("text", MINUTES).append("publishedAt", Date.from(MINUTES_AT)))
                .append("feedback", List.of(new Document("group", NOMINATING_GROUP).append("text", FEEDBACK)
                        .append("at", Date.from(FEEDBACK_AT))))
                .append("searchTokens", SearchTokens.ofDocument(TITLE, "防災", "子育て", OPINION, RELATED))
                .append("timeline", List.of(
                        new Document("seq", 0L).append("kind", "SCHEDULED").append("at", Date.from(SCHEDULED_AT))
                                .append("role", "STAFF"),
                        new Document("seq", 1L).append("kind", "AGENDA_PUBLISHED").append("at", Date.from(AGENDA_AT))
                                .append("items", 2).append("role", "STAFF"),
                        new Document("seq", 2L).append("kind", "RESCHEDULED").append("at", Date.from(RESCHEDULED_AT))
                                .append("from", Date.from(STARTS)).append("to", Date.from(NEW_STARTS))
                                .append("reason", "会場の都合のため").append("role", "STAFF"),
                        new Document("seq", 5L).append("kind", "OPENED").append("at", Date.from(NEW_STARTS))
                                .append("attendance", 25).append("role", "STAFF"),
                        new Document("seq", 8L).append("kind", "RESOLUTION_VOTED").append("at", Date.from(VOTED_AT))
                                .append("resolutionId", "res-1").append("motion", MOTION).append("outcome", "ADOPTED")
                                .append("reason", "賛成多数のため").append("role", "WARD_HEAD"),
                        new Document("seq", 9L).append("kind", "CLOSED").append("at", Date.from(NEW_ENDS))
                                .append("attendance", 24).append("role", "STAFF"),
                        new Document("seq", 10L).append("kind", "MINUTES_PUBLISHED")
                                .append("at", Date.from(MINUTES_AT)).append("role", "STAFF"),
                        new Document("seq", 11L).append("kind", "FEEDBACK_RECORDED")
                                .append("at", Date.from(FEEDBACK_AT)).append("group", NOMINATING_GROUP)
                                .append("role", "STAFF")));
        assertThat(allDocuments()).containsExactly(expected);
    }

    @Test
    void cancellationRecordsTheReasonAndLeavesTheRestAsScheduled() {
        Instant cancelledAt = Instant.parse("2025-07-01T00:00:00Z");

        applyAll(scheduled("meet-1").cancelled("台風接近のため中止します。", cancelledAt));

        Document expected = scheduledDocument("meet-1")
                .append("version", 1L)
                .append("status", "CANCELLED")
                .append("cancellation", new Document("reason", "台風接近のため中止します。")
                        .append("at", Date.from(cancelledAt)))
                .append("timeline", List.of(
                        new Document("seq", 0L).append("kind", "SCHEDULED").append("at", Date.from(SCHEDULED_AT))
                                .append("role", "STAFF"),
                        new Document("seq", 1L).append("kind", "CANCELLED").append("at", Date.from(cancelledAt))
                                .append("reason", "台風接近のため中止します。").append("role", "WARD_HEAD")));
        assertThat(allDocuments()).containsExactly(expected);
    }

    @Test
    void reschedulingIntoAprilInTokyoMovesTheMeetingIntoTheNextFiscalYear() {
        Instant lastWeekOfMarch = Instant.parse("2026-03-25T05:00:00Z");
        // 2026-04-01 00:30 in Tokyo, still March 31 in UTC.
        Instant firstHourOfFy2026 = Instant.parse("2026-03-31T15:30:00Z");
        MeetingStory story = MeetingStory.scheduled("meet-1", MeetingKind.TOWN_HALL, Ward.TAMA, null, "車座集会",
                        List.of(), lastWeekOfMarch.toString())
                .rescheduled(firstHourOfFy2026, firstHourOfFy2026.plusSeconds(3600), "年度明けに延期します。",
                        Instant.parse("2026-03-01T00:00:00Z"))
                .rescheduled(Instant.parse("2026-03-31T14:59:59Z"), Instant.parse("2026-03-31T15:59:59Z"),
                        "年度内に戻します。", Instant.parse("2026-03-02T00:00:00Z"));
        List<? extends EventMessage<?>> messages = story.messages();

        apply(messages.get(0));
        assertThat(allDocuments().get(0).getInteger("fiscalYear")).isEqualTo(2025);
        apply(messages.get(1));
        assertThat(allDocuments().get(0).getInteger("fiscalYear")).isEqualTo(2026);
        apply(messages.get(2));

        Document doc = allDocuments().get(0);
        assertThat(doc.getInteger("fiscalYear")).isEqualTo(2025);
        assertThat(doc.getDate("startsAt")).isEqualTo(Date.from(Instant.parse("2026-03-31T14:59:59Z")));
        assertThat(doc.getList("reschedulings", Document.class)).extracting(r -> r.getDate("from").toInstant(),
                        r -> r.getDate("to").toInstant())
                .containsExactly(tuple(lastWeekOfMarch, firstHourOfFy2026),
                        tuple(firstHourOfFy2026,
                                Instant.parse("2026-03-31T14:59:59Z")));
    }

    @Test
    void storedDocumentKeepsParticipantsSealedAndNamesNoStaff() {
        MeetingStory story = lifecycle("meet-1");
        applyAll(story);

        Document doc = allDocuments().get(0);
        String json = doc.toJson();
        assertThat(json).doesNotContain(NAME).doesNotContain(AFFILIATION).doesNotContain(OTHER_NAME)
                .doesNotContain(MeetingStory.CLERK.staffId()).doesNotContain(MeetingStory.HEAD.staffId());
        assertThat(doc.getList("participants", Document.class)).allSatisfy(p ->
                assertThat(p.get("participant", Document.class).keySet())
                        .containsExactly("subjectId", "algorithm", "nonce", "ciphertext"));
        doc.remove("participants");
        assertThat(doc.toJson()).doesNotContain("subj-");
    }

    @Test
    void everyEventAppliedTwiceChangesNothing() {
        List<MeetingStory> stories = List.of(lifecycle("meet-1"),
                scheduled("meet-2").cancelled("中止します。", RESCHEDULED_AT),
                MeetingStory.southernDistrictWorkshop("meet-3"));
        for (MeetingStory story : stories) {
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
        List<? extends EventMessage<?>> messages = lifecycle("meet-1").messages();
        applyAll(messages);
        List<String> done = allJson();

        messages.forEach(this::apply);

        assertThat(allJson()).isEqualTo(done);
        Document doc = allDocuments().get(0);
        assertThat(doc.getInteger("registrations")).isEqualTo(2);
        assertThat(doc.getList("participants", Document.class)).hasSize(2);
        assertThat(doc.getList("reschedulings", Document.class)).hasSize(1);
    }

    @Test
    void replayedCreationCannotOverwriteTheStoredDocument() {
        applyAll(scheduled("meet-1"));
        List<String> before = allJson();
        MeetingScheduled sameIdOtherContent = new MeetingScheduled("meet-1", MeetingKind.FORUM, Ward.ASAO, null,
                "別の会議", Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-01-01T01:00:00Z"), "別の会場",
                5, false, List.of(), null, null, Instant.parse("2026-12-01T00:00:00Z"), MeetingStory.CLERK);

        projection.on(sameIdOtherContent, 0L);

        assertThat(allJson()).isEqualTo(before);
    }

    @Test
    void aReschedulingOfAMeetingTheReadModelNeverSawWritesNothing() {
        applyAll(scheduled("meet-1").rescheduled(NEW_STARTS, NEW_ENDS, "会場の都合のため", RESCHEDULED_AT)
                .messages().subList(1, 2));

        assertThat(meetings.countDocuments()).isZero();
    }

    @Test
    void resetRemovesEveryMeetingDocument() {
        applyAll(scheduled("meet-1"));
        applyAll(scheduled("meet-2"));
        assertThat(meetings.countDocuments()).isEqualTo(2L);

        projection.reset();

        assertThat(meetings.countDocuments()).isZero();
    }

    @Test
    void replayingTwiceAfterResetGivesTheSameDocumentsAsOnePass() {
        List<EventMessage<?>> history = Stream.of(lifecycle("meet-1"),
                        scheduled("meet-2").cancelled("中止します。", RESCHEDULED_AT),
                        MeetingStory.southernDistrictWorkshop("meet-3"),
                        scheduled("meet-4").rescheduled(NEW_STARTS, NEW_ENDS, "延期", RESCHEDULED_AT)
                                .rescheduled(STARTS, ENDS, "元に戻す", RESCHEDULED_AT.plusSeconds(60)))
                .flatMap(story -> story.messages().stream()).<EventMessage<?>>map(m -> m).toList();
        applyAll(history);
        List<String> onePass = allJson();

        projection.reset();
        applyAll(history);
        applyAll(history);

        assertThat(allJson()).hasSize(4).isEqualTo(onePass);
        projection.reset();
        process(history, message -> { });
        process(history, message -> { });
        assertThat(allJson()).isEqualTo(onePass);
    }

    @Test
    void opinionsAddTheirWordsAndRelatedWordsToTheSearchTokens() {
        applyAll(MeetingStory.southernDistrictWorkshop("meet-1"));

        List<String> tokens = allDocuments().get(0).getList("searchTokens", String.class);
        assertThat(tokens).contains("南部", "区役", "ひら", "wi", "挨拶").doesNotContain("運動");
    }

    @Test
    void theTimelineShowsRolesOnlyAndLeavesOutRegistrationsGroupsAndOpinions() {
        applyAll(lifecycle("meet-1"));

        assertThat(allDocuments().get(0).getList("timeline", Document.class))
                .extracting(e -> e.getString("kind"), e -> e.getString("role"))
                .containsExactly(tuple("SCHEDULED", "STAFF"),
                        tuple("AGENDA_PUBLISHED", "STAFF"),
                        tuple("RESCHEDULED", "STAFF"),
                        tuple("OPENED", "STAFF"),
                        tuple("RESOLUTION_VOTED", "WARD_HEAD"),
                        tuple("CLOSED", "STAFF"),
                        tuple("MINUTES_PUBLISHED", "STAFF"),
                        tuple("FEEDBACK_RECORDED", "STAFF"));
    }

    @Test
    void indexesForEveryFilterAndSortExistOnceTheProjectionIsCreated() {
        List<String> names = meetings.listIndexes().map(i -> i.getString("name")).into(new ArrayList<>());

        assertThat(names).containsExactlyInAnyOrder("_id_", "searchTokens_1", "startsAt_1__id_1",
                "ward_1_startsAt_1__id_1", "district_1_startsAt_1__id_1", "kind_1_startsAt_1__id_1",
                "fiscalYear_1_startsAt_1__id_1", "status_1_startsAt_1__id_1", "cityWide_1_startsAt_1__id_1");
    }

    @Test
    void aBatchIsWrittenWithOneBulkWriteWhenItsUnitOfWorkPreparesToCommit() {
        MeetingStory story = lifecycle("meet-1");
        List<EventMessage<?>> batch = new ArrayList<>(story.messages());
        batch.add(GenericEventMessage.asEventMessage("an event of another feature"));
        AtomicLong documentsBeforeLast = new AtomicLong(-1);
        stores.commands.clear();

        process(batch, message -> {
            if (message == batch.get(batch.size() - 2)) {
                documentsBeforeLast.set(meetings.countDocuments());
            }
        });

        assertThat(documentsBeforeLast).hasValue(0L);
        assertThat(stores.commands.stream().filter("update"::equals)).hasSize(1);
        // The rescheduling found the start in the batch: the creation was part of it.
        assertThat(stores.commands).doesNotContain("find");
        List<String> batched = allJson();
        projection.reset();
        applyAll(story);
        assertThat(allJson()).isEqualTo(batched);
    }

    @Test
    void aBatchContinuingAnEarlierOneReadsTheStartOnceAndWritesOnce() {
        List<? extends EventMessage<?>> messages = scheduled("meet-1")
                .rescheduled(NEW_STARTS, NEW_ENDS, "会場の都合のため", RESCHEDULED_AT)
                .rescheduled(STARTS.plusSeconds(3600), ENDS.plusSeconds(3600), "時刻を変えます", RESCHEDULED_AT)
                .messages();
        process(List.of(messages.get(0)), message -> { });
        stores.commands.clear();

        process(List.copyOf(messages.subList(1, 3)), message -> { });

        assertThat(stores.commands.stream().filter("find"::equals)).hasSize(1);
        assertThat(stores.commands.stream().filter("update"::equals)).hasSize(1);
        assertThat(allDocuments().get(0).getList("reschedulings", Document.class))
                .extracting(r -> r.getDate("from").toInstant(), r -> r.getDate("to").toInstant())
                .containsExactly(tuple(STARTS, NEW_STARTS),
                        tuple(NEW_STARTS, STARTS.plusSeconds(3600)));
    }

    @Test
    void aBatchThatFailsBeforeItsLastEventWritesNothing() {
        List<? extends EventMessage<?>> messages = lifecycle("meet-1").messages();
        stores.commands.clear();

        process(List.copyOf(messages), message -> {
            if (message == messages.get(messages.size() - 2)) {
                throw new IllegalStateException("the processor failed mid-batch");
            }
        });

        assertThat(meetings.countDocuments()).isZero();
        assertThat(stores.commands).doesNotContain("update");
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    /**
     * Mongo is not in the processor's transaction: a batch is written while its last event is
     * handled, before the token is stored. If the batch then fails, the retried batch must give
     * exactly the documents a clean run gives, reschedulings included.
     */
    @Test
    void aBatchThatFailsAfterWritingIsRetriedToTheSameDocuments() {
        List<? extends EventMessage<?>> messages = lifecycle("meet-1").messages();
        process(List.copyOf(messages), message -> { });
        List<String> clean = allJson();
        meetings.deleteMany(new Document());

        process(List.copyOf(messages), message -> {
            if (message == messages.get(messages.size() - 1)) {
                throw new IllegalStateException("the token could not be stored");
            }
        });
        process(List.copyOf(messages), message -> { });
        // A retry that starts after the creation reads the stored document, already ahead of it.
        process(List.copyOf(messages.subList(1, messages.size())), message -> { });

        assertThat(allJson()).isEqualTo(clean);
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    /** A Saiwai ward assembly (term 7, session 3) scheduled for 2025-07-10 14:00 in Tokyo. */
    private static MeetingStory scheduled(String id) {
        return MeetingStory.scheduled(id, MeetingKind.WARD_ASSEMBLY, Ward.SAIWAI, null, TITLE, STARTS, ENDS,
                "幸区役所 4階第1会議室", 30, true, List.of("防災", "子育て"), 7, 3, SCHEDULED_AT);
    }

    /** Every step from scheduling to feedback: twelve events, sequence 0..11. */
    private static MeetingStory lifecycle(String id) {
        return scheduled(id)
                .agenda(List.of(new AgendaItem("地域防災の取組", "座長", List.of("避難所運営", "要配慮者の支援"),
                                List.of("資料の事前配布")),
                        new AgendaItem("子育て支援", null, null, null)), AGENDA_AT)
                .rescheduled(NEW_STARTS, NEW_ENDS, "会場の都合のため", RESCHEDULED_AT)
                .registered(stores.protector, "p-1", NAME, AFFILIATION, NOMINATING_GROUP, REGISTERED_AT)
                .registered(stores.protector, "p-2", OTHER_NAME, null, null, REGISTERED_AT)
                .opened(25, NEW_STARTS)
                .group(1, "防災", FORMED_AT)
                .opinion("op-1", 1, "防災", OPINION, List.of(RELATED), "prop-1", OPINION_AT)
                .resolution("res-1", MOTION, "prop-1", DecisionOutcome.ACCEPTED, 20, 3, 2, 25,
                        DecisionOutcome.ADOPTED, "賛成多数のため", VOTED_AT)
                .closed(24, NEW_ENDS)
                .minutes(MINUTES, MINUTES_AT)
                .feedback(NOMINATING_GROUP, FEEDBACK, FEEDBACK_AT);
    }

    /** The document {@link #scheduled} gives. */
    private static Document scheduledDocument(String id) {
        return new Document("_id", id)
                .append("version", 0L)
                .append("kind", "WARD_ASSEMBLY")
                .append("ward", "saiwai")
                .append("district", null)
                .append("cityWide", false)
                .append("title", TITLE)
                .append("startsAt", Date.from(STARTS))
                .append("endsAt", Date.from(ENDS))
                .append("venue", "幸区役所 4階第1会議室")
                .append("capacity", 30)
                .append("publicObservation", true)
                .append("themes", List.of("防災", "子育て"))
                .append("term", 7)
                .append("session", 3)
                .append("fiscalYear", 2025)
                .append("status", "SCHEDULED")
                .append("scheduledAt", Date.from(SCHEDULED_AT))
                .append("agenda", List.of())
                .append("reschedulings", List.of())
                .append("registrations", 0)
                .append("participants", List.of())
                .append("attendanceMarks", List.of())
                .append("attendanceByGroup", List.of())
                .append("groups", List.of())
                .append("opinions", List.of())
                .append("resolutions", List.of())
                .append("feedback", List.of())
                .append("searchTokens", SearchTokens.ofDocument(TITLE, "防災", "子育て"))
                .append("timeline", List.of(new Document("seq", 0L).append("kind", "SCHEDULED")
                        .append("at", Date.from(SCHEDULED_AT)).append("role", "STAFF")));
    }

    private static Document sealedDocument(SealedPersonalData sealed) {
        return new Document("subjectId", sealed.subjectId()).append("algorithm", sealed.algorithm())
                .append("nonce", sealed.nonce()).append("ciphertext", sealed.ciphertext());
    }

    private void applyAll(MeetingStory story) {
        applyAll(story.messages());
    }
}
