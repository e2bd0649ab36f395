package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.AgendaPublished;
import kyodo.kernel.meeting.FeedbackRecorded;
import kyodo.kernel.meeting.GroupFormed;
import kyodo.kernel.meeting.MeetingCancelled;
import kyodo.kernel.meeting.MeetingClosed;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.meeting.MeetingOpened;
import kyodo.kernel.meeting.MeetingRescheduled;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.kernel.meeting.MinutesPublished;
import kyodo.kernel.meeting.OpinionRecorded;
import kyodo.kernel.meeting.ParticipantRegistered;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every command of a meeting and every refusal, one behaviour per test. */
class MeetingTest {

    private static final String ID = "m-1";
    private static final StaffRef CLERK = new StaffRef("s-100", "STAFF");
    private static final Instant STARTS = Instant.parse("2015-09-19T04:00:00Z");
    private static final Instant ENDS = Instant.parse("2015-09-19T07:30:00Z");
    private static final Instant AT = Instant.parse("2015-09-01T01:00:00Z");
    private static final Instant DURING = Instant.parse("2015-09-19T05:00:00Z");
    private static final SealedPersonalData SEALED =
            new SealedPersonalData("subject-1", SealedPersonalData.AES_256_GCM, "bm9uY2U=", "Y2lwaGVy");

    private FixtureConfiguration<Meeting> fixture;
    private final Set<String> referred = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meeting.class);
        fixture.registerInjectableResource(new QuorumPolicy(0.5, Map.of(MeetingKind.WARD_ASSEMBLY, 0.66)));
        fixture.registerInjectableResource((ReferredProposals) (proposal, meeting) ->
                referred.contains(proposal + "@" + meeting));
    }

    private static MeetingScheduled scheduled(MeetingKind kind, Integer capacity) {
        return new MeetingScheduled(ID, kind, Ward.SAIWAI, null, "協働のまちづくりワークショップ", STARTS, ENDS, "川崎フロンティアビル",
                capacity, true, List.of("行政の役割"), null, null, AT, CLERK);
    }

    private static MeetingScheduled scheduled() {
        return scheduled(MeetingKind.WORKSHOP, 60);
    }

    private static MeetingOpened opened(int attendance) {
        return new MeetingOpened(ID, attendance, DURING, CLERK);
    }

    private static GroupFormed group1() {
        return new GroupFormed(ID, 1, "行政の役割", DURING, CLERK);
    }

    private static RecordResolution resolution(String proposalId, DecisionOutcome proposalOutcome, int yes, int no,
                                               int abstain) {
        return new RecordResolution(ID, null, "r-1", "d-1", "提案を採択する", proposalId, proposalOutcome, yes, no, abstain,
                DURING, CLERK);
    }

    private static Matcher<Throwable> refused(String slug) {
        return org.axonframework.test.matchers.Matchers.predicate(e ->
                e instanceof KyodoProblemException problem && problem.type().slug().equals(slug));
    }

    @Test
    void schedulingRecordsTheMeeting() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(ID, MeetingKind.WORKSHOP, Ward.SAIWAI, null, " 協働のまちづくりワークショップ ", STARTS,
                        ENDS, "川崎フロンティアビル", 60, true, List.of("行政の役割", "行政の役割"), null, null, AT, CLERK))
                .expectEvents(scheduled());
    }

    @Test
    void aMeetingCannotEndBeforeItStartsNorHaveBothWardAndDistrict() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(ID, MeetingKind.FORUM, Ward.SAIWAI, Ward.District.SOUTH, "t", ENDS, STARTS,
                        "v", null, false, List.of("x"), null, null, AT, CLERK))
                .expectNoEvents()
                .expectException(refused("invalid-input"));
    }

    @Test
    void theAgendaCanBePublishedBeforeTheMeeting() {
        List<AgendaItem> items = List.of(new AgendaItem("市民創発について", "座長", List.of("論点"), List.of("資料を読む")));
        fixture.given(scheduled())
                .when(new PublishAgenda(ID, null, items, AT, CLERK))
                .expectEvents(new AgendaPublished(ID, items, AT, CLERK))
                .expectResultMessagePayload(1L);
    }

    @Test
    void canRescheduleAndCancelOnlyBeforeOpening() {
        fixture.given(scheduled())
                .when(new RescheduleMeeting(ID, null, STARTS.plusSeconds(86400), ENDS.plusSeconds(86400), "台風のため", AT,
                        CLERK))
                .expectEvents(new MeetingRescheduled(ID, STARTS.plusSeconds(86400), ENDS.plusSeconds(86400), "台風のため",
                        AT, CLERK));
        fixture.given(scheduled(), opened(44))
                .when(new CancelMeeting(ID, null, "中止", AT, CLERK))
                .expectException(refused("meeting-already-opened"));
        fixture.given(scheduled(), opened(44))
                .when(new RescheduleMeeting(ID, null, STARTS, ENDS, "延期", AT, CLERK))
                .expectException(refused("meeting-already-opened"));
    }

    @Test
    void aCancelledMeetingTakesNoFurtherCommands() {
        fixture.given(scheduled(), new MeetingCancelled(ID, "台風のため", AT, CLERK))
                .when(new OpenMeeting(ID, null, 10, DURING, CLERK))
                .expectNoEvents()
                .expectException(refused("meeting-cancelled"));
    }

    @Test
    void registrationsCannotExceedTheCapacity() {
        fixture.given(scheduled(MeetingKind.WORKSHOP, 1),
                        new ParticipantRegistered(ID, "p-1", SEALED, null, AT, CLERK))
                .when(new RegisterParticipant(ID, null, "p-2", SEALED, null, AT, CLERK))
                .expectNoEvents()
                .expectException(refused("meeting-full"));
    }

    @Test
    void theRegistrationCheckRefusesAFullClosedOrCancelledMeetingAsTheRegistrationWould() {
        fixture.given(scheduled(MeetingKind.WORKSHOP, 1), new ParticipantRegistered(ID, "p-1", SEALED, null, AT, CLERK))
                .when(new CheckRegistration(ID, null))
                .expectNoEvents()
                .expectException(refused("meeting-full"));
        fixture.given(scheduled(), opened(44), new MeetingClosed(ID, 44, DURING, CLERK))
                .when(new CheckRegistration(ID, null))
                .expectNoEvents()
                .expectException(refused("meeting-closed"));
        fixture.given(scheduled(), new MeetingCancelled(ID, "台風のため", AT, CLERK))
                .when(new CheckRegistration(ID, null))
                .expectNoEvents()
                .expectException(refused("meeting-cancelled"));
    }

    @Test
    void theRegistrationCheckRefusesAStaleVersion() {
        fixture.given(scheduled(), new ParticipantRegistered(ID, "p-1", SEALED, null, AT, CLERK))
                .when(new CheckRegistration(ID, 0L))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class);
    }

    @Test
    void theRegistrationCheckOfAnOpenPlaceChangesNothingAndAnswersTheVersion() {
        fixture.given(scheduled(MeetingKind.WORKSHOP, 2), new ParticipantRegistered(ID, "p-1", SEALED, null, AT, CLERK))
                .when(new CheckRegistration(ID, 1L))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void aParticipantRegistersSealedWithTheNominatingGroupInClear() {
        fixture.given(scheduled())
                .when(new RegisterParticipant(ID, null, "p-1", SEALED, " 幸区町内会連合会 ", AT, CLERK))
                .expectEvents(new ParticipantRegistered(ID, "p-1", SEALED, "幸区町内会連合会", AT, CLERK));
    }

    @Test
    void noOpinionBeforeOpeningNorAfterClosing() {
        RecordOpinion opinion = new RecordOpinion(ID, null, "o-1", null, "行政の役割", "情報共有を", List.of(), null, DURING,
                CLERK);
        fixture.given(scheduled()).when(opinion).expectException(refused("meeting-not-open"));
        fixture.given(scheduled(), opened(44), new MeetingClosed(ID, 44, DURING, CLERK))
                .when(opinion).expectException(refused("meeting-closed"));
    }

    @Test
    void anOpinionOfAGroupNeedsThatGroup() {
        fixture.given(scheduled(), opened(44))
                .when(new RecordOpinion(ID, null, "o-1", 3, "行政の役割", "情報共有を", List.of(), null, DURING, CLERK))
                .expectException(refused("meeting-group-unknown"));
    }

    @Test
    void anOpinionIsRecordedWithItsRelatedOpinions() {
        fixture.given(scheduled(), opened(44), group1())
                .when(new RecordOpinion(ID, null, "o-1", 1, "行政の役割", "情報共有を進める", List.of(" ICTの活用 ", "目安箱"),
                        null, DURING, CLERK))
                .expectEvents(new OpinionRecorded(ID, "o-1", 1, "行政の役割", "情報共有を進める", List.of("ICTの活用", "目安箱"),
                        null, DURING, CLERK));
    }

    @Test
    void aGroupNumberIsUniqueWithinTheMeeting() {
        fixture.given(scheduled(), opened(44), group1())
                .when(new FormGroup(ID, null, 1, "別のテーマ", DURING, CLERK))
                .expectException(refused("meeting-group-exists"));
    }

    @Test
    void aMotionPassesBySimpleMajorityOfVotesCast() {
        fixture.given(scheduled(), opened(10))
                .when(resolution(null, null, 5, 4, 1))
                .expectEvents(new ResolutionVoted(ID, "r-1", "提案を採択する", null, null, 5, 4, 1, 10,
                        new Decision("d-1", SubjectType.MEETING, ID, Ward.SAIWAI, DecisionKind.RESOLUTION,
                                DecisionOutcome.ADOPTED, "賛成5・反対4・棄権1（出席10）により可決", CLERK, DURING, null)));
    }

    @Test
    void aFailedMotionIsRecordedAsARejectedDecision() {
        fixture.given(scheduled(), opened(10))
                .when(resolution(null, null, 3, 3, 2))
                .expectEvents(new ResolutionVoted(ID, "r-1", "提案を採択する", null, null, 3, 3, 2, 10,
                        new Decision("d-1", SubjectType.MEETING, ID, Ward.SAIWAI, DecisionKind.RESOLUTION,
                                DecisionOutcome.REJECTED, "賛成3・反対3・棄権2（出席10）により否決", CLERK, DURING, null)));
    }

    @Test
    void votesCannotExceedAttendance() {
        fixture.given(scheduled(), opened(10))
                .when(resolution(null, null, 8, 3, 0))
                .expectException(refused("votes-exceed-attendance"));
    }

    @Test
    void aResolutionNeedsMoreThanHalfOfTheAttendanceVoting() {
        fixture.given(scheduled(), opened(10))
                .when(resolution(null, null, 3, 2, 0))
                .expectException(refused("quorum-not-reached"));
    }

    @Test
    void theQuorumIsConfigurablePerKind() {
        fixture.given(scheduled(MeetingKind.WARD_ASSEMBLY, null), opened(10))
                .when(resolution(null, null, 4, 2, 0))
                .expectException(refused("quorum-not-reached"));
    }

    @Test
    void aResolutionMayDecideOnlyAProposalReferredToThisMeeting() {
        fixture.given(scheduled(), opened(10))
                .when(resolution("p-9", DecisionOutcome.ACCEPTED, 6, 1, 0))
                .expectException(refused("proposal-not-referred-here"));
        referred.add("p-9@" + ID);
        fixture.given(scheduled(), opened(10))
                .when(resolution("p-9", DecisionOutcome.ACCEPTED, 6, 1, 0))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aProposalAndItsOutcomeComeTogether() {
        fixture.given(scheduled(), opened(10))
                .when(resolution("p-9", null, 6, 1, 0))
                .expectException(refused("invalid-input"));
    }

    @Test
    void minutesOnlyAfterClosing() {
        fixture.given(scheduled(), opened(44))
                .when(new PublishMinutes(ID, null, "議事録", DURING, CLERK))
                .expectException(refused("meeting-not-closed"));
        fixture.given(scheduled(), opened(44), new MeetingClosed(ID, 40, ENDS, CLERK))
                .when(new PublishMinutes(ID, null, "議事録", ENDS, CLERK))
                .expectEvents(new MinutesPublished(ID, "議事録", ENDS, CLERK));
    }

    @Test
    void closingNeedsAnOpenMeeting() {
        fixture.given(scheduled())
                .when(new CloseMeeting(ID, null, 40, ENDS, CLERK))
                .expectException(refused("meeting-not-open"));
    }

    @Test
    void feedbackGoesToAGroupThatNominatedAParticipant() {
        fixture.given(scheduled(), new ParticipantRegistered(ID, "p-1", SEALED, "幸区町内会連合会", AT, CLERK), opened(20),
                        new MeetingClosed(ID, 20, ENDS, CLERK))
                .when(new RecordFeedback(ID, null, "幸区町内会連合会", "審議内容を報告しました", ENDS, CLERK))
                .expectEvents(new FeedbackRecorded(ID, "幸区町内会連合会", "審議内容を報告しました", ENDS, CLERK));
        fixture.given(scheduled(), opened(20))
                .when(new RecordFeedback(ID, null, "知らない団体", "報告", ENDS, CLERK))
                .expectException(refused("feedback-group-unknown"));
    }

    @Test
    void attendanceIsBounded() {
        fixture.given(scheduled())
                .when(new OpenMeeting(ID, null, 100_001, DURING, CLERK))
                .expectException(refused("invalid-input"));
    }
}
