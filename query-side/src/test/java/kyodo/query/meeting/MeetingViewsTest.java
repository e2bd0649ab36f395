package kyodo.query.meeting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.AttendanceStatus;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.meeting.MeetingViews.Cancellation;
import kyodo.query.meeting.MeetingViews.Feedback;
import kyodo.query.meeting.MeetingViews.Group;
import kyodo.query.meeting.MeetingViews.MeetingListItem;
import kyodo.query.meeting.MeetingViews.MeetingPage;
import kyodo.query.meeting.MeetingViews.MeetingPublicView;
import kyodo.query.meeting.MeetingViews.MeetingStaffView;
import kyodo.query.meeting.MeetingViews.Minutes;
import kyodo.query.meeting.MeetingViews.Opinion;
import kyodo.query.meeting.MeetingViews.ParticipantView;
import kyodo.query.meeting.MeetingViews.Rescheduling;
import kyodo.query.meeting.MeetingViews.Resolution;
import kyodo.query.meeting.MeetingViews.TimelineEntry;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static kyodo.query.meeting.MeetingStory.THEME_ROLE;
import static kyodo.query.meeting.MeetingStory.THEME_SKILLS;
import static kyodo.query.meeting.MeetingStory.THEME_WARD_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

class MeetingViewsTest {

    private static final kyodo.query.listing.Viewer SAIWAI_STAFF = kyodo.query.listing.Viewer.of(
            new kyodo.kernel.access.Actor("s-1", kyodo.kernel.access.Role.STAFF, kyodo.kernel.Ward.SAIWAI));

    private static final String NAME = "幸田 花子";
    private static final String AFFILIATION = "南河原町内会";
    private static final String OTHER_NAME = "川崎 太郎";
    private static final String NOMINATING_GROUP = "幸区町内会連合会";
    private static final String TITLE = "第7期幸区区民会議 第3回全体会議";
    private static final String VENUE = "幸区役所 4階第1会議室";
    private static final Instant SCHEDULED_AT = Instant.parse("2025-06-01T01:00:00Z");
    /** 2025-07-17 14:00–16:00 in Tokyo: FY2025, 令和7年度. */
    private static final Instant STARTS = Instant.parse("2025-07-17T05:00:00Z");
    private static final Instant ENDS = Instant.parse("2025-07-17T07:00:00Z");
    private static final Instant EARLIER_STARTS = Instant.parse("2025-07-10T05:00:00Z");
    private static final Instant AGENDA_AT = Instant.parse("2025-06-05T02:00:00Z");
    private static final Instant RESCHEDULED_AT = Instant.parse("2025-06-20T03:00:00Z");
    private static final Instant REGISTERED_AT = Instant.parse("2025-06-25T04:00:00Z");
    private static final Instant OPINION_AT = Instant.parse("2025-07-17T05:40:00Z");
    private static final Instant VOTED_AT = Instant.parse("2025-07-17T06:30:00Z");
    private static final Instant MINUTES_AT = Instant.parse("2025-07-31T00:00:00Z");
    private static final Instant FEEDBACK_AT = Instant.parse("2025-08-10T00:00:00Z");
    private static final AgendaItem AGENDA_ITEM = new AgendaItem("地域防災の取組", "座長",
            List.of("避難所運営"), List.of("資料の事前配布"));
    private static final ObjectMapper JSON = TestStores.JSON;

    private static TestStores stores;

    private MongoDatabase database;
    private MeetingViews views;
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
        database = stores.freshDatabase();
        handler = new AnnotationEventHandlerAdapter(new MeetingProjection(MongoReadStore.of(database)));
        views = new MeetingViews(MongoReadStore.of(database), stores.protector);
    }

    @Test
    void findsAProjectedMeetingByItsIdWithoutItsSearchTokens() {
        apply(scheduled("meet-1"));

        Document found = views.find("meet-1").orElseThrow();

        assertThat(found.getString("_id")).isEqualTo("meet-1");
        assertThat(found.containsKey("searchTokens")).isFalse();
        assertThat(found.containsKey("participants")).isTrue();
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(views.find("meet-404")).isEmpty();
        assertThat(views.findPublic("meet-404")).isEmpty();
    }

    @Test
    void thePublicLookupLeavesTheParticipantsInTheStore() {
        apply(lifecycle("meet-1"));

        Document found = views.findPublic("meet-1").orElseThrow();

        assertThat(found.containsKey("participants")).isFalse();
        assertThat(found.containsKey("searchTokens")).isFalse();
        assertThat(views.publicView(found)).isEqualTo(views.publicView(views.find("meet-1").orElseThrow()));
    }

    @Test
    void publicViewOfAScheduledMeetingShowsWardAndFiscalYearNamesForPeople() {
        apply(scheduled("meet-1"));

        assertThat(views.publicView(stored("meet-1"))).isEqualTo(new MeetingPublicView("meet-1", 0L,
                "WARD_ASSEMBLY", "saiwai", "幸区", "Saiwai Ward", null, null, null, TITLE, EARLIER_STARTS,
                EARLIER_STARTS.plusSeconds(7200), VENUE, 30, true, List.of("防災", "子育て"), 7, 3, 2025, "令和7年度",
                "SCHEDULED", SCHEDULED_AT, List.of(), List.of(), null, 0, null, null, List.of(), List.of(), List.of(),
                null, null, List.of(), null, List.of(),
                List.of(new TimelineEntry(0L, "SCHEDULED", SCHEDULED_AT, null, null, null, null, null, null, null,
                        null, null, "STAFF"))));
    }

    @Test
    void publicViewOfAHeldMeetingShowsAgendaAttendanceOpinionsVotesMinutesAndFeedback() {
        MeetingStory story = lifecycle("meet-1");
        apply(story);

        MeetingPublicView view = views.publicView(stored("meet-1"));

        Opinion grouped = new Opinion("op-1", "防災", "避難所の運営訓練を町内会と合同で行ってはどうか。",
                List.of("要配慮者の名簿を共有する"), "prop-1", OPINION_AT);
        Opinion plenary = new Opinion("op-2", "子育て", "子育てサロンを増やしてほしい。", List.of(), null, OPINION_AT);
        assertThat(view).isEqualTo(new MeetingPublicView("meet-1", 12L, "WARD_ASSEMBLY", "saiwai", "幸区",
                "Saiwai Ward", null, null, null, TITLE, STARTS, ENDS, VENUE, 30, true, List.of("防災", "子育て"), 7, 3,
                2025, "令和7年度", "CLOSED", SCHEDULED_AT, List.of(AGENDA_ITEM),
                List.of(new Rescheduling(EARLIER_STARTS, STARTS, "会場の都合のため", RESCHEDULED_AT)), null, 2, STARTS,
                25, List.of(new Group(1, "防災", List.of(grouped))), List.of(plenary),
                List.of(new Resolution("res-1", "meet-1-decision-9", "避難所運営訓練の合同実施を区に提案する", "prop-1",
                        "ACCEPTED", 20, 3, 2, 25, "ADOPTED", "賛成多数のため", "WARD_HEAD", VOTED_AT)),
                ENDS, 24, List.of(), new Minutes("第3回全体会議の記録。", MINUTES_AT),
                List.of(new Feedback(NOMINATING_GROUP, "会議の結果を役員会で報告しました。", 0, FEEDBACK_AT)),
                List.of(new TimelineEntry(0L, "SCHEDULED", SCHEDULED_AT, null, null, null, null, null, null, null,
                                null, null, "STAFF"),
                        new TimelineEntry(1L, "AGENDA_PUBLISHED", AGENDA_AT, null, null, null, null, 1, null, null,
                                null, null, "STAFF"),
                        new TimelineEntry(2L, "RESCHEDULED", RESCHEDULED_AT, EARLIER_STARTS, STARTS, "会場の都合のため",
                                null, null, null, null, null, null, "STAFF"),
                        new TimelineEntry(5L, "OPENED", STARTS, null, null, null, 25, null, null, null, null, null,
                                "STAFF"),
                        new TimelineEntry(9L, "RESOLUTION_VOTED", VOTED_AT, null, null, "賛成多数のため", null, null,
                                "res-1", "避難所運営訓練の合同実施を区に提案する", "ADOPTED", null, "WARD_HEAD"),
                        new TimelineEntry(10L, "CLOSED", ENDS, null, null, null, 24, null, null, null, null, null,
                                "STAFF"),
                        new TimelineEntry(11L, "MINUTES_PUBLISHED", MINUTES_AT, null, null, null, null, null, null,
                                null, null, null, "STAFF"),
                        new TimelineEntry(12L, "FEEDBACK_RECORDED", FEEDBACK_AT, null, null, null, null, null, null,
                                null, null, NOMINATING_GROUP, "STAFF"))));
    }

    @Test
    void publicViewOfACancelledMeetingShowsWhy() {
        Instant cancelledAt = Instant.parse("2025-07-01T00:00:00Z");
        apply(scheduled("meet-1").cancelled("台風接近のため中止します。", cancelledAt));

        MeetingPublicView view = views.publicView(stored("meet-1"));

        assertThat(view.status()).isEqualTo("CANCELLED");
        assertThat(view.cancellation()).isEqualTo(new Cancellation("台風接近のため中止します。", cancelledAt));
        assertThat(view.timeline()).last().isEqualTo(new TimelineEntry(1L, "CANCELLED", cancelledAt, null, null,
                "台風接近のため中止します。", null, null, null, null, null, null, "WARD_HEAD"));
    }

    @Test
    void publicViewHasNoParticipantsField() {
        assertThat(Arrays.stream(MeetingPublicView.class.getRecordComponents()).map(RecordComponent::getName))
                .doesNotContain("participants").contains("registrations");
    }

    @Test
    void publicViewAsJsonCarriesNoParticipantAndNoStaffId() throws Exception {
        MeetingStory story = lifecycle("meet-1");
        apply(story);

        String body = JSON.writeValueAsString(views.publicView(stored("meet-1")));

        assertThat(body).doesNotContain(NAME).doesNotContain(AFFILIATION).doesNotContain(OTHER_NAME)
                .doesNotContain("participant").doesNotContain("subj-")
                .doesNotContain(MeetingStory.CLERK.staffId()).doesNotContain(MeetingStory.HEAD.staffId());
        for (SealedPersonalData sealed : story.participants) {
            assertThat(body).doesNotContain(sealed.subjectId()).doesNotContain(sealed.ciphertext());
        }
        JsonNode tree = JSON.readTree(body);
        assertThat(fieldNames(tree)).containsExactly("id", "version", "kind", "ward", "wardNameJa", "wardNameEn",
                "district", "districtNameJa", "districtNameEn", "title", "startsAt", "endsAt", "venue", "capacity",
                "publicObservation", "themes", "term", "session", "fiscalYear", "fiscalYearLabel", "status",
                "scheduledAt", "agenda", "reschedulings", "cancellation", "registrations", "openedAt",
                "attendanceAtOpening", "groups", "plenaryOpinions", "resolutions", "closedAt", "attendanceAtClosing",
                "attendanceByGroup", "minutes", "feedback", "timeline");
        assertThat(tree.get("registrations").asInt()).isEqualTo(2);
    }

    @Test
    void publicTimelineAsJsonShowsRolesAndLeavesOutWhatDoesNotApply() throws Exception {
        apply(lifecycle("meet-1"));

        JsonNode tree = JSON.readTree(JSON.writeValueAsString(views.publicView(stored("meet-1"))));

        assertThat(tree.get("timeline")).isEqualTo(JSON.readTree("""
                [{"seq":0,"kind":"SCHEDULED","at":"2025-06-01T01:00:00Z","role":"STAFF"},
                 {"seq":1,"kind":"AGENDA_PUBLISHED","at":"2025-06-05T02:00:00Z","items":1,"role":"STAFF"},
                 {"seq":2,"kind":"RESCHEDULED","at":"2025-06-20T03:00:00Z","from":"2025-07-10T05:00:00Z",
                  "to":"2025-07-17T05:00:00Z","reason":"会場の都合のため","role":"STAFF"},
                 {"seq":5,"kind":"OPENED","at":"2025-07-17T05:00:00Z","attendance":25,"role":"STAFF"},
                 {"seq":9,"kind":"RESOLUTION_VOTED","at":"2025-07-17T06:30:00Z","reason":"賛成多数のため",
                  "resolutionId":"res-1","motion":"避難所運営訓練の合同実施を区に提案する","outcome":"ADOPTED",
                  "role":"WARD_HEAD"},
                 {"seq":10,"kind":"CLOSED","at":"2025-07-17T07:00:00Z","attendance":24,"role":"STAFF"},
                 {"seq":11,"kind":"MINUTES_PUBLISHED","at":"2025-07-31T00:00:00Z","role":"STAFF"},
                 {"seq":12,"kind":"FEEDBACK_RECORDED","at":"2025-08-10T00:00:00Z","group":"幸区町内会連合会",
                  "role":"STAFF"}]"""));
        assertThat(tree.get("resolutions").get(0)).isEqualTo(JSON.readTree("""
                {"resolutionId":"res-1","decisionId":"meet-1-decision-9",
                 "motion":"避難所運営訓練の合同実施を区に提案する","proposalId":"prop-1","proposalOutcome":"ACCEPTED",
                 "votesFor":20,"votesAgainst":3,"abstentions":2,"attendance":25,"outcome":"ADOPTED",
                 "reason":"賛成多数のため","role":"WARD_HEAD","decidedAt":"2025-07-17T06:30:00Z"}"""));
    }

    @Test
    void staffOfAnotherWardSeeThatPeopleRegisteredNotWhoTheyAre() {
        MeetingStory story = lifecycle("meet-1");
        apply(story);

        MeetingStaffView view = views.staffView(stored("meet-1"), kyodo.query.listing.Viewer.of(
                new kyodo.kernel.access.Actor("s-9", kyodo.kernel.access.Role.STAFF, Ward.TAMA)));

        assertThat(view.participants()).extracting(ParticipantView::name).containsOnly(
                kyodo.query.listing.Viewer.WITHHELD_PLACEHOLDER);
        assertThat(view.participants()).extracting(ParticipantView::participantId).containsExactly("p-1", "p-2");
        assertThat(view.participants()).extracting(ParticipantView::affiliation).doesNotContain(AFFILIATION);
    }

    @Test
    void staffViewOpensEachParticipantWithTheirNominatingGroup() {
        MeetingStory story = lifecycle("meet-1");
        apply(story);

        MeetingStaffView view = views.staffView(stored("meet-1"), SAIWAI_STAFF);

        assertThat(view.meeting()).isEqualTo(views.publicView(stored("meet-1")));
        assertThat(view.participants()).containsExactly(
                new ParticipantView("p-1", story.participants.get(0).subjectId(), NAME, AFFILIATION,
                        NOMINATING_GROUP, REGISTERED_AT, null, false),
                new ParticipantView("p-2", story.participants.get(1).subjectId(), OTHER_NAME, null, null,
                        REGISTERED_AT, null, false));
    }

    @Test
    void attendancePerRegistrantIsPublicOnlyAsCountsPerNominatingGroup() {
        apply(scheduled("meet-1")
                .registered(stores.protector, "p-1", NAME, AFFILIATION, NOMINATING_GROUP, REGISTERED_AT)
                .registered(stores.protector, "p-2", OTHER_NAME, null, NOMINATING_GROUP, REGISTERED_AT)
                .registered(stores.protector, "p-3", OTHER_NAME, null, "幸区PTA協議会", REGISTERED_AT)
                .registered(stores.protector, "p-4", OTHER_NAME, null, null, REGISTERED_AT)
                .opened(25, STARTS)
                .attendance(STARTS, "p-1", AttendanceStatus.PRESENT, "p-2", AttendanceStatus.ABSENT,
                        "p-3", AttendanceStatus.EXCUSED, "p-4", AttendanceStatus.PRESENT)
                .attendance(OPINION_AT, "p-2", AttendanceStatus.PRESENT)
                .memberFeedback(NOMINATING_GROUP, List.of("p-1", "p-2"), "役員会で報告しました。", FEEDBACK_AT));

        Document found = views.findPublic("meet-1").orElseThrow();
        assertThat(found.containsKey("attendanceMarks")).isFalse();
        MeetingPublicView view = views.publicView(found);
        assertThat(view.attendanceByGroup()).containsExactly(new GroupAttendance("幸区PTA協議会", 0, 0, 1),
                new GroupAttendance(NOMINATING_GROUP, 2, 0, 0));
        assertThat(view.attendanceAtOpening()).isEqualTo(25);
        assertThat(view.feedback()).containsExactly(new Feedback(NOMINATING_GROUP, "役員会で報告しました。", 2,
                FEEDBACK_AT));
        assertThat(JSON.valueToTree(view).toString()).doesNotContain("p-1", "p-2", "p-3", "p-4", NAME, OTHER_NAME);
        assertThat(views.staffView(stored("meet-1"), SAIWAI_STAFF).participants())
                .extracting(ParticipantView::attendance).containsExactly("PRESENT", "PRESENT", "EXCUSED", "PRESENT");
    }

    @Test
    void attendanceCountsSurviveARebuiltBatchAndAReplay() {
        MeetingStory story = scheduled("meet-1")
                .registered(stores.protector, "p-1", NAME, AFFILIATION, NOMINATING_GROUP, REGISTERED_AT)
                .opened(25, STARTS)
                .attendance(STARTS, "p-1", AttendanceStatus.ABSENT);
        apply(story);
        apply(story);

        assertThat(views.publicView(stored("meet-1")).attendanceByGroup())
                .containsExactly(new GroupAttendance(NOMINATING_GROUP, 0, 1, 0));
    }

    @Test
    void staffViewShowsThePlaceholderForAParticipantWhoseKeyWasDestroyed() {
        MeetingStory story = lifecycle("meet-1");
        apply(story);
        String before = stored("meet-1").toJson();

        stores.vault.destroy(story.participants.get(0).subjectId(), Instant.parse("2025-09-01T00:00:00Z"));

        MeetingStaffView view = views.staffView(stored("meet-1"), SAIWAI_STAFF);
        assertThat(view.participants()).containsExactly(
                new ParticipantView("p-1", story.participants.get(0).subjectId(),
                        PersonalDataProtector.ERASED_PLACEHOLDER, PersonalDataProtector.ERASED_PLACEHOLDER,
                        NOMINATING_GROUP, REGISTERED_AT, null, true),
                new ParticipantView("p-2", story.participants.get(1).subjectId(), OTHER_NAME, null, null,
                        REGISTERED_AT, null, false));
        assertThat(stored("meet-1").toJson()).isEqualTo(before);
    }

    @Test
    void staffViewAsJsonUnwrapsTheMeetingNextToTheParticipants() throws Exception {
        MeetingStory story = lifecycle("meet-1");
        apply(story);

        JsonNode tree = JSON.readTree(JSON.writeValueAsString(views.staffView(stored("meet-1"), SAIWAI_STAFF)));

        List<String> names = fieldNames(tree);
        assertThat(names).startsWith("id", "version", "kind").endsWith("timeline", "participants").hasSize(38);
        assertThat(tree.get("participants")).isEqualTo(JSON.readTree("""
                [{"participantId":"p-1","subjectId":"%s","name":"幸田 花子","affiliation":"南河原町内会",
                  "nominatedBy":"幸区町内会連合会","registeredAt":"2025-06-25T04:00:00Z","attendance":null,"erased":false},
                 {"participantId":"p-2","subjectId":"%s","name":"川崎 太郎","affiliation":null,
                  "nominatedBy":null,"registeredAt":"2025-06-25T04:00:00Z","attendance":null,"erased":false}]"""
                .formatted(story.participants.get(0).subjectId(), story.participants.get(1).subjectId())));
        assertThat(tree.toString()).doesNotContain(MeetingStory.CLERK.staffId())
                .doesNotContain(MeetingStory.HEAD.staffId());
    }

    @Test
    void aParticipantViewNeverPrintsThePersonalData() {
        MeetingStory story = lifecycle("meet-1");
        apply(story);

        String printed = views.staffView(stored("meet-1"), SAIWAI_STAFF).toString();

        assertThat(printed).doesNotContain(NAME).doesNotContain(AFFILIATION).doesNotContain(OTHER_NAME)
                .contains(story.participants.get(0).subjectId());
    }

    @Test
    void theSouthernDistrictWorkshopShowsSixGroupsUnderThreeThemesEachWithItsOpinions() {
        apply(MeetingStory.southernDistrictWorkshop("ws-2015-south"));

        MeetingPublicView view = views.publicView(stored("ws-2015-south"));

        assertThat(view.kind()).isEqualTo("WORKSHOP");
        assertThat(view.ward()).isNull();
        assertThat(view.district()).isEqualTo("south");
        assertThat(view.districtNameJa()).isEqualTo("南部地区");
        assertThat(view.fiscalYear()).isEqualTo(2015);
        assertThat(view.fiscalYearLabel()).isEqualTo("平成27年度");
        assertThat(view.attendanceAtOpening()).isEqualTo(44);
        assertThat(view.plenaryOpinions()).isEmpty();
        assertThat(view.groups()).extracting(Group::number, Group::theme).containsExactly(
                tuple(1, THEME_ROLE), tuple(2, THEME_ROLE),
                tuple(3, THEME_WARD_OFFICE),
                tuple(4, THEME_WARD_OFFICE),
                tuple(5, THEME_SKILLS),
                tuple(6, THEME_SKILLS));
        assertThat(view.groups()).allSatisfy(group -> assertThat(group.opinions()).extracting(Opinion::opinionId)
                .containsExactly("op-" + group.number() + "-1", "op-" + group.number() + "-2"));
        Opinion second = view.groups().get(0).opinions().get(1);
        assertThat(second).isEqualTo(new Opinion("op-1-2", THEME_ROLE, "情報共有推進のための仕組みづくりが必要である。",
                List.of("過去に発生した問題点を公開する", "Webサイトは他市事例を参考にする"), null,
                MeetingStory.WORKSHOP_STARTS.plusSeconds(7200)));
        assertThat(view.groups().get(3).opinions().get(0).related()).containsExactly("窓口をひらがなで書いておくようにする");
        assertThat(view.minutes().text()).isEqualTo("六つのグループが三つのテーマで意見を交わした。");
    }

    @Test
    void anOpinionOfAGroupNeverFormedStillShowsUnderItsNumber() {
        apply(scheduled("meet-1").opened(10, STARTS).group(2, "防災", STARTS)
                .opinion("op-1", 7, "交通", "バスを増やしてほしい。", List.of(), null, OPINION_AT)
                .opinion("op-2", 2, "防災", "備蓄を見直す。", List.of(), null, OPINION_AT));

        List<Group> groups = views.publicView(stored("meet-1")).groups();

        assertThat(groups).containsExactly(
                new Group(2, "防災", List.of(new Opinion("op-2", "防災", "備蓄を見直す。", List.of(), null, OPINION_AT))),
                new Group(7, null, List.of(new Opinion("op-1", "交通", "バスを増やしてほしい。", List.of(), null,
                        OPINION_AT))));
    }

    /**
     * Five meetings to list. Latest start first: m3 (2026-04-01 00:30 in Tokyo, FY2026), m5, m4, m1
     * (FY2025), m2 (2015, the southern-district workshop).
     */
    @Nested
    class Lists {

        @BeforeEach
        void fiveMeetings() {
            apply(MeetingStory.scheduled("m1", MeetingKind.WARD_ASSEMBLY, Ward.SAIWAI, null, "幸区区民会議 第1回",
                            List.of("防災"), "2025-05-20T05:00:00Z")
                    .opened(20, Instant.parse("2025-05-20T05:00:00Z"))
                    .closed(19, Instant.parse("2025-05-20T07:00:00Z")));
            apply(MeetingStory.southernDistrictWorkshop("m2"));
            apply(MeetingStory.scheduled("m3", MeetingKind.EXPERT_PANEL, null, null, "有識者会議 第2回",
                    List.of("協働"), "2026-03-31T15:30:00Z"));
            apply(MeetingStory.scheduled("m4", MeetingKind.TOWN_HALL, Ward.TAMA, null, "多摩区車座集会",
                            List.of("交通"), "2025-11-03T01:00:00Z")
                    .cancelled("台風のため中止", Instant.parse("2025-11-01T00:00:00Z")));
            apply(MeetingStory.scheduled("m5", MeetingKind.FORUM, Ward.NAKAHARA, null, "中間報告フォーラム",
                            List.of("子育て"), "2026-01-15T05:00:00Z")
                    .opened(80, Instant.parse("2026-01-15T05:00:00Z")));
        }

        @Test
        void withoutParametersListsEveryMeetingLatestStartFirst() {
            MeetingPage page = list(Map.of());

            assertThat(ids(page)).containsExactly("m3", "m5", "m4", "m1", "m2");
            assertThat(page.page()).isZero();
            assertThat(page.size()).isEqualTo(20);
            assertThat(page.total()).isEqualTo(5L);
        }

        @Test
        void aListItemCarriesTheSummaryFields() {
            assertThat(list(Map.of("district", "south")).items()).containsExactly(new MeetingListItem("m2", 21L,
                    "WORKSHOP", null, null, null, "south", "南部地区", "Southern district",
                    "南部地区ワークショップ（川崎区・幸区）", MeetingStory.WORKSHOP_STARTS,
                    Instant.parse("2015-09-19T07:30:00Z"), "川崎フロンティアビル第３・４会議室", null, true,
                    List.of(THEME_ROLE, THEME_WARD_OFFICE, THEME_SKILLS), null, null, 2015, "平成27年度", "CLOSED", 0));
        }

        @Test
        void listItemsAsJsonCarryNeitherParticipantsNorOpinionsNorTimeline() throws Exception {
            apply(scheduledWithParticipant("m6"));

            String body = JSON.writeValueAsString(list(Map.of()));

            JsonNode tree = JSON.readTree(body);
            assertThat(fieldNames(tree)).containsExactly("items", "page", "size", "total");
            assertThat(fieldNames(tree.get("items").get(0))).containsExactly("id", "version", "kind", "ward",
                    "wardNameJa", "wardNameEn", "district", "districtNameJa", "districtNameEn", "title", "startsAt",
                    "endsAt", "venue", "capacity", "publicObservation", "themes", "term", "session", "fiscalYear",
                    "fiscalYearLabel", "status", "registrations");
            assertThat(body).doesNotContain(NAME).doesNotContain(AFFILIATION).doesNotContain("subj-")
                    .doesNotContain("participant").doesNotContain("timeline").doesNotContain("挨拶")
                    .doesNotContain(MeetingStory.CLERK.staffId());
        }

        @Test
        void filtersByWardOnly() {
            assertThat(ids(list(Map.of("ward", "saiwai")))).containsExactly("m1");
            assertThat(ids(list(Map.of("ward", "kawasaki")))).isEmpty();
        }

        @Test
        void wardCityListsTheCitysOwnMeetingsNotTheWardsNorTheDistricts() {
            MeetingPage city = list(Map.of("ward", "city"));

            assertThat(ids(city)).containsExactly("m3");
            assertThat(city.total()).isEqualTo(1L);
            assertThat(ids(list(Map.of("ward", " City ", "kind", "EXPERT_PANEL")))).containsExactly("m3");
            assertThat(ids(list(Map.of("ward", "city", "fiscalYear", "2025")))).isEmpty();
            assertThat(ids(list(Map.of("ward", "city", "district", "south")))).isEmpty();
        }

        @Test
        void meetingsStoredBeforeTheCityWideMarkAreMarkedWhenTheProjectionStarts() {
            database.getCollection(MeetingProjection.COLLECTION)
                    .updateMany(new Document(), new Document("$unset", new Document(MeetingProjection.CITY_WIDE, "")));
            assertThat(ids(list(Map.of("ward", "city")))).isEmpty();

            new MeetingProjection(MongoReadStore.of(database));

            assertThat(ids(list(Map.of("ward", "city")))).containsExactly("m3");
            assertThat(database.getCollection(MeetingProjection.COLLECTION).find()
                    .map(doc -> doc.getString("_id") + "=" + doc.get(MeetingProjection.CITY_WIDE)))
                    .containsExactlyInAnyOrder("m1=false", "m2=false", "m3=true", "m4=false", "m5=false");
        }

        @Test
        void filtersByDistrict() {
            assertThat(ids(list(Map.of("district", "south")))).containsExactly("m2");
            assertThat(ids(list(Map.of("district", "north")))).isEmpty();
        }

        @Test
        void filtersByKind() {
            assertThat(ids(list(Map.of("kind", "WORKSHOP")))).containsExactly("m2");
            assertThat(ids(list(Map.of("kind", "town_hall")))).containsExactly("m4");
        }

        @Test
        void filtersByFiscalYearOfTheStartInTokyo() {
            assertThat(ids(list(Map.of("fiscalYear", "2025")))).containsExactly("m5", "m4", "m1");
            assertThat(ids(list(Map.of("fiscalYear", "2026")))).containsExactly("m3");
            assertThat(ids(list(Map.of("fiscalYear", "2015")))).containsExactly("m2");
        }

        @Test
        void filtersByStatus() {
            assertThat(ids(list(Map.of("status", "CLOSED")))).containsExactly("m1", "m2");
            assertThat(ids(list(Map.of("status", "open")))).containsExactly("m5");
            assertThat(ids(list(Map.of("status", "CANCELLED")))).containsExactly("m4");
            assertThat(ids(list(Map.of("status", "SCHEDULED")))).containsExactly("m3");
        }

        @Test
        void fromAndToAreInclusiveDaysInTokyo() {
            // m3 starts 2026-04-01 00:30 in Tokyo, still March 31 in UTC.
            assertThat(ids(list(Map.of("from", "2026-04-01")))).containsExactly("m3");
            assertThat(ids(list(Map.of("to", "2026-03-31")))).containsExactly("m5", "m4", "m1", "m2");
            assertThat(ids(list(Map.of("from", "2025-05-20", "to", "2025-11-03")))).containsExactly("m4", "m1");
            assertThat(ids(list(Map.of("from", "2015-09-19", "to", "2015-09-19")))).containsExactly("m2");
            assertThat(ids(list(Map.of("from", "2025-11-04", "to", "2026-01-14")))).isEmpty();
        }

        @Test
        void textSearchFindsWordsInTitlesThemesAndOpinions() {
            assertThat(ids(list(Map.of("q", "ワークショップ")))).containsExactly("m2");
            assertThat(ids(list(Map.of("q", "子育て")))).containsExactly("m5");
            assertThat(ids(list(Map.of("q", "ひらがな")))).containsExactly("m2");
            assertThat(ids(list(Map.of("q", "会議")))).containsExactly("m3", "m1");
            assertThat(ids(list(Map.of("q", "会議 幸区")))).containsExactly("m1");
        }

        @Test
        void filtersCombine() {
            assertThat(ids(list(Map.of("fiscalYear", "2025", "status", "CLOSED")))).containsExactly("m1");
            assertThat(ids(list(Map.of("kind", "FORUM", "ward", "tama")))).isEmpty();
        }

        @Test
        void pagesAndCountsAllMatches() {
            MeetingPage page = list(Map.of("size", "2", "page", "1"));

            assertThat(ids(page)).containsExactly("m4", "m1");
            assertThat(page.total()).isEqualTo(5L);
            assertThat(page.page()).isEqualTo(1);
            assertThat(page.size()).isEqualTo(2);
            assertThat(ids(list(Map.of("size", "2", "page", "3")))).isEmpty();
        }

        @Test
        void sortsByStartBothWays() {
            assertThat(ids(list(Map.of("sort", "startsAt")))).containsExactly("m2", "m1", "m4", "m5", "m3");
            assertThat(ids(list(Map.of("sort", "-startsAt")))).containsExactly("m3", "m5", "m4", "m1", "m2");
        }

        @Test
        void aReschedulingMovesTheMeetingInTheListAndAcrossFiscalYears() {
            apply(MeetingStory.scheduled("m7", MeetingKind.TOWN_HALL, Ward.ASAO, null, "麻生区車座集会", List.of(),
                            "2025-03-20T05:00:00Z")
                    .rescheduled(Instant.parse("2026-06-01T05:00:00Z"), Instant.parse("2026-06-01T06:00:00Z"),
                            "会場改修のため", Instant.parse("2025-03-01T00:00:00Z")));

            assertThat(ids(list(Map.of("fiscalYear", "2024")))).isEmpty();
            assertThat(ids(list(Map.of("fiscalYear", "2026")))).containsExactly("m7", "m3");
            assertThat(ids(list(Map.of("from", "2026-06-01", "to", "2026-06-01")))).containsExactly("m7");
        }

        @Test
        void invalidParametersAreRefusedBeforeTheStoreIsAsked() {
            stores.commands.clear();

            Throwable thrown = catchThrowable(() -> list(Map.of("from", "2025-02-30",
                    "status", "DONE")));

            assertThat(thrown).isInstanceOf(KyodoProblemException.class);
            assertThat(((KyodoProblemException) thrown).errors())
                    .extracting(FieldViolation::field).containsExactly("from", "status");
            assertThat(stores.commands).isEmpty();
        }

        private MeetingPage list(Map<String, String> params) {
            Map<String, List<String>> raw = new LinkedHashMap<>();
            params.forEach((name, value) -> raw.put(name, List.of(value)));
            return views.list(MeetingListQuery.parse(raw));
        }

        private List<String> ids(MeetingPage page) {
            return page.items().stream().map(MeetingListItem::id).toList();
        }
    }

    /** A Saiwai ward assembly (term 7, session 3) for 2025-07-10 14:00 in Tokyo. */
    private static MeetingStory scheduled(String id) {
        return MeetingStory.scheduled(id, MeetingKind.WARD_ASSEMBLY, Ward.SAIWAI, null, TITLE, EARLIER_STARTS,
                EARLIER_STARTS.plusSeconds(7200), VENUE, 30, true, List.of("防災", "子育て"), 7, 3, SCHEDULED_AT);
    }

    private static MeetingStory scheduledWithParticipant(String id) {
        return scheduled(id).registered(stores.protector, "p-1", NAME, AFFILIATION, NOMINATING_GROUP, REGISTERED_AT);
    }

    /**
     * Scheduled, agenda, moved a week later, two registrations, opened, one group with an opinion and
     * one plenary opinion, a resolution, closed, minutes, feedback: versions 0..12.
     */
    private static MeetingStory lifecycle(String id) {
        return scheduled(id)
                .agenda(List.of(AGENDA_ITEM), AGENDA_AT)
                .rescheduled(STARTS, ENDS, "会場の都合のため", RESCHEDULED_AT)
                .registered(stores.protector, "p-1", NAME, AFFILIATION, NOMINATING_GROUP, REGISTERED_AT)
                .registered(stores.protector, "p-2", OTHER_NAME, null, null, REGISTERED_AT)
                .opened(25, STARTS)
                .group(1, "防災", STARTS)
                .opinion("op-1", 1, "防災", "避難所の運営訓練を町内会と合同で行ってはどうか。",
                        List.of("要配慮者の名簿を共有する"), "prop-1", OPINION_AT)
                .opinion("op-2", null, "子育て", "子育てサロンを増やしてほしい。", List.of(), null, OPINION_AT)
                .resolution("res-1", "避難所運営訓練の合同実施を区に提案する", "prop-1", DecisionOutcome.ACCEPTED, 20,
                        3, 2, 25, DecisionOutcome.ADOPTED, "賛成多数のため", VOTED_AT)
                .closed(24, ENDS)
                .minutes("第3回全体会議の記録。", MINUTES_AT)
                .feedback(NOMINATING_GROUP, "会議の結果を役員会で報告しました。", FEEDBACK_AT);
    }

    /** Applies the story's events; those already applied change nothing. */
    private void apply(MeetingStory story) {
        for (EventMessage<?> message : story.messages()) {
            try {
                handler.handle(message);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private Document stored(String id) {
        return views.find(id).orElseThrow();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
