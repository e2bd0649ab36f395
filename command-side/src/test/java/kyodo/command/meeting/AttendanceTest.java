package kyodo.command.meeting;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.meeting.AttendanceMark;
import kyodo.kernel.meeting.AttendanceRecorded;
import kyodo.kernel.meeting.AttendanceStatus;
import kyodo.kernel.meeting.FeedbackRecorded;
import kyodo.kernel.meeting.MeetingCancelled;
import kyodo.kernel.meeting.MeetingClosed;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.meeting.MeetingOpened;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.kernel.meeting.MemberFeedbackRecorded;
import kyodo.kernel.meeting.ParticipantRegistered;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static kyodo.kernel.meeting.AttendanceStatus.ABSENT;
import static kyodo.kernel.meeting.AttendanceStatus.EXCUSED;
import static kyodo.kernel.meeting.AttendanceStatus.PRESENT;

/** Attendance per registrant, and feedback that names the attending members of a nominating group. */
class AttendanceTest {

    private static final String ID = "m-1";
    private static final String GROUP = "幸区町内会連合会";
    private static final String OTHER_GROUP = "幸区PTA協議会";
    private static final StaffRef CLERK = new StaffRef("s-100", "STAFF");
    private static final Instant STARTS = Instant.parse("2015-09-19T04:00:00Z");
    private static final Instant ENDS = Instant.parse("2015-09-19T07:30:00Z");
    private static final Instant AT = Instant.parse("2015-09-01T01:00:00Z");
    private static final Instant DURING = Instant.parse("2015-09-19T05:00:00Z");

    private FixtureConfiguration<Meeting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meeting.class);
        fixture.registerInjectableResource(new QuorumPolicy(0.5, Map.of()));
        fixture.registerInjectableResource((ReferredProposals) (proposal, meeting) -> false);
    }

    private static MeetingScheduled scheduled() {
        return new MeetingScheduled(ID, MeetingKind.WARD_ASSEMBLY, Ward.SAIWAI, null, "幸区区民会議", STARTS, ENDS, "幸区役所",
                30, true, List.of("防災"), 8, 3, AT, CLERK);
    }

    private static ParticipantRegistered registered(String id, String group) {
        return new ParticipantRegistered(ID, id, new SealedPersonalData("subject-" + id, SealedPersonalData.AES_256_GCM,
                "bm9uY2U=", "Y2lwaGVy"), group, AT, CLERK);
    }

    /** r-1 and r-2 nominated by GROUP, r-3 by OTHER_GROUP, r-4 by none; the meeting is open with 20 attending. */
    private static Object[] openWithRoll() {
        return new Object[] {scheduled(), registered("r-1", GROUP), registered("r-2", GROUP),
                registered("r-3", OTHER_GROUP), registered("r-4", null), new MeetingOpened(ID, 20, DURING, CLERK)};
    }

    private static Object[] openWithRollAnd(Object... more) {
        Object[] base = openWithRoll();
        Object[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static List<AttendanceMark> marks(Object... idAndStatus) {
        return java.util.stream.IntStream.range(0, idAndStatus.length / 2)
                .mapToObj(i -> new AttendanceMark((String) idAndStatus[2 * i], (AttendanceStatus) idAndStatus[2 * i + 1]))
                .toList();
    }

    private static Matcher<Throwable> refused(String slug) {
        return org.axonframework.test.matchers.Matchers.predicate(e ->
                e instanceof KyodoProblemException problem && problem.type().slug().equals(slug));
    }

    @Test
    void attendanceIsRecordedPerRegistrantAlongsideTheHeadcount() {
        List<AttendanceMark> marks = marks("r-1", PRESENT, "r-2", EXCUSED, "r-3", ABSENT);
        fixture.given(openWithRoll())
                .when(new RecordAttendance(ID, null, marks, DURING, CLERK))
                .expectEvents(new AttendanceRecorded(ID, marks, DURING, CLERK))
                .expectResultMessagePayload(6L);
    }

    @Test
    void anUnknownRegistrantIsRefusedAndNothingIsRecorded() {
        fixture.given(openWithRoll())
                .when(new RecordAttendance(ID, null, marks("r-1", PRESENT, "r-99", ABSENT), DURING, CLERK))
                .expectNoEvents()
                .expectException(refused("attendance-registrant-unknown"));
    }

    @Test
    void aRegistrantIsMarkedOncePerRecordAndEveryMarkHasAStatus() {
        fixture.given(openWithRoll())
                .when(new RecordAttendance(ID, null, marks("r-1", PRESENT, "r-1", ABSENT), DURING, CLERK))
                .expectNoEvents()
                .expectException(refused("invalid-input"));
        fixture.given(openWithRoll())
                .when(new RecordAttendance(ID, null, marks("r-1", null), DURING, CLERK))
                .expectNoEvents()
                .expectException(refused("invalid-input"));
        fixture.given(openWithRoll())
                .when(new RecordAttendance(ID, null, List.of(), DURING, CLERK))
                .expectNoEvents()
                .expectException(refused("invalid-input"));
    }

    @Test
    void attendanceNeedsAnOpenMeeting() {
        fixture.given(scheduled(), registered("r-1", GROUP))
                .when(new RecordAttendance(ID, null, marks("r-1", PRESENT), AT, CLERK))
                .expectNoEvents()
                .expectException(refused("meeting-not-open"));
        fixture.given(openWithRollAnd(new MeetingClosed(ID, 20, ENDS, CLERK)))
                .when(new RecordAttendance(ID, null, marks("r-1", PRESENT), ENDS, CLERK))
                .expectNoEvents()
                .expectException(refused("meeting-closed"));
        fixture.given(scheduled(), registered("r-1", GROUP), new MeetingCancelled(ID, "台風", AT, CLERK))
                .when(new RecordAttendance(ID, null, marks("r-1", PRESENT), AT, CLERK))
                .expectNoEvents()
                .expectException(refused("meeting-cancelled"));
    }

    @Test
    void feedbackNamesTheAttendingMembersOfTheGroup() {
        fixture.given(openWithRollAnd(new AttendanceRecorded(ID, marks("r-1", PRESENT, "r-2", PRESENT), DURING, CLERK),
                        new MeetingClosed(ID, 20, ENDS, CLERK)))
                .when(new RecordFeedback(ID, null, " " + GROUP + " ", List.of("r-1", "r-2"), "役員会で報告しました", ENDS,
                        CLERK))
                .expectEvents(new MemberFeedbackRecorded(ID, GROUP, List.of("r-1", "r-2"), "役員会で報告しました", ENDS,
                        CLERK));
    }

    @Test
    void feedbackWithoutMembersStaysTheFeedbackItWas() {
        fixture.given(openWithRoll())
                .when(new RecordFeedback(ID, null, GROUP, List.of(), "報告しました", ENDS, CLERK))
                .expectEvents(new FeedbackRecorded(ID, GROUP, "報告しました", ENDS, CLERK));
    }

    @Test
    void aLaterMarkReplacesAnEarlierOne() {
        fixture.given(openWithRollAnd(new AttendanceRecorded(ID, marks("r-1", PRESENT), DURING, CLERK),
                        new AttendanceRecorded(ID, marks("r-1", EXCUSED), DURING, CLERK)))
                .when(new RecordFeedback(ID, null, GROUP, List.of("r-1"), "報告しました", ENDS, CLERK))
                .expectNoEvents()
                .expectException(refused("feedback-member-not-attending"));
    }

    @Test
    void feedbackMembersMustBeOfThatGroupAndPresent() {
        Object[] given = openWithRollAnd(new AttendanceRecorded(ID,
                marks("r-1", PRESENT, "r-2", ABSENT, "r-3", PRESENT), DURING, CLERK));
        fixture.given(given)
                .when(new RecordFeedback(ID, null, GROUP, List.of("r-1", "r-3"), "報告", ENDS, CLERK))
                .expectNoEvents()
                .expectException(refused("feedback-member-not-attending"));
        fixture.given(given)
                .when(new RecordFeedback(ID, null, GROUP, List.of("r-2"), "報告", ENDS, CLERK))
                .expectNoEvents()
                .expectException(refused("feedback-member-not-attending"));
        fixture.given(given)
                .when(new RecordFeedback(ID, null, GROUP, List.of("r-9"), "報告", ENDS, CLERK))
                .expectNoEvents()
                .expectException(refused("attendance-registrant-unknown"));
        fixture.given(given)
                .when(new RecordFeedback(ID, null, GROUP, List.of("r-1", "r-1"), "報告", ENDS, CLERK))
                .expectNoEvents()
                .expectException(refused("invalid-input"));
    }

    @Test
    void aRegistrantWithoutAGroupIsNoGroupsMember() {
        fixture.given(openWithRollAnd(new AttendanceRecorded(ID, marks("r-4", PRESENT), DURING, CLERK)))
                .when(new RecordFeedback(ID, null, "", List.of("r-4"), "報告", ENDS, CLERK))
                .expectNoEvents()
                .expectException(refused("invalid-input"));
    }
}
