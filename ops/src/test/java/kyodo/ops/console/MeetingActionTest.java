package kyodo.ops.console;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import kyodo.command.meeting.OpenMeeting;
import kyodo.command.meeting.RecordAttendance;
import kyodo.command.meeting.RecordResolution;
import kyodo.kernel.StaffRef;
import kyodo.kernel.meeting.AttendanceMark;
import kyodo.kernel.meeting.AttendanceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A meeting form is read as the JSON API's body, refused by the same constraints, and sent as the same command. */
class MeetingActionTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Instant AT = Instant.parse("2026-12-05T00:00:00Z");
    private static final StaffRef BY = new StaffRef("t-staff-saiwai", "STAFF");

    private static MultiValueMap<String, String> fields(Map<String, String> values) {
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        values.forEach(fields::add);
        return fields;
    }

    private static FormErrors check(MeetingAction action, Map<String, String> values) {
        FormErrors errors = new FormErrors();
        Object body = action.body(new MeetingForm(fields(values), errors), null);
        errors.add(VALIDATOR.validate(action.checked(body)));
        return errors;
    }

    @Test
    void aVoteBecomesTheResolutionTheApiRecordsUnderAFreshId() {
        Object body = MeetingAction.RESOLUTION.body(new MeetingForm(fields(Map.of("motion", "案を可決する",
                "votesFor", "9", "votesAgainst", " 3 ", "abstentions", "1", "proposalId", "", "proposalOutcome", "")),
                new FormErrors()), null);
        RecordResolution resolution = (RecordResolution) MeetingAction.RESOLUTION.command(body).build("m-1", 7L, AT, BY);
        assertThat(resolution.motion()).isEqualTo("案を可決する");
        assertThat(resolution.proposalId()).isNull();
        assertThat(List.of(resolution.votesFor(), resolution.votesAgainst(), resolution.abstentions()))
                .containsExactly(9, 3, 1);
        assertThat(resolution.resolutionId()).isNotBlank().isNotEqualTo(resolution.decisionId());
        assertThat(resolution.expectedVersion()).isEqualTo(7L);
    }

    @Test
    void theRollMarksOnlyTheRegistrantsGivenAMark() {
        MultiValueMap<String, String> roll = fields(Map.of("mark-r-1", "PRESENT", "mark-r-2", "", "version", "4"));
        roll.add("mark-r-3", "EXCUSED");
        Object body = MeetingAction.ATTENDANCE.body(new MeetingForm(roll, new FormErrors()), null);
        RecordAttendance attendance = (RecordAttendance) MeetingAction.ATTENDANCE.command(body).build("m-1", 4L, AT, BY);
        assertThat(attendance.marks()).containsExactlyInAnyOrder(new AttendanceMark("r-1", AttendanceStatus.PRESENT),
                new AttendanceMark("r-3", AttendanceStatus.EXCUSED));
        assertThat(check(MeetingAction.ATTENDANCE, Map.of("mark-r-1", "")).byField())
                .containsExactly(Map.entry("marks", new FormErrors.FieldError("NotEmpty", null)));
    }

    @Test
    void theHeadcountFormOpensTheMeeting() {
        Object body = MeetingAction.OPEN.body(new MeetingForm(fields(Map.of("attendance", "20")), new FormErrors()),
                null);
        assertThat(MeetingAction.OPEN.command(body).build("m-1", 3L, AT, BY))
                .isEqualTo(new OpenMeeting("m-1", 3L, 20, AT, BY));
        assertThat(check(MeetingAction.OPEN, Map.of("attendance", "many")).byField())
                .containsEntry("attendance", new FormErrors.FieldError("Number", null));
    }

    @Test
    void aListFieldsErrorIsShownBesideTheWholeFieldAndARegistrationIsCheckedAsItsParticipant() {
        assertThat(check(MeetingAction.OPINION, Map.of("theme", "交通", "text", "意見",
                "related", "関連\n" + "x".repeat(1001))).byField())
                .containsExactly(Map.entry("related", new FormErrors.FieldError("Size", 1000)));
        assertThat(check(MeetingAction.REGISTER, Map.of("name", "", "contact", "c@example.jp")).byField())
                .containsExactly(Map.entry("name", new FormErrors.FieldError("NotBlank", null)));
    }

    @Test
    void aTimeIsReadAsTokyoTimeAndAnUnreadableOneIsNamed() {
        FormErrors errors = new FormErrors();
        MeetingForm form = new MeetingForm(fields(Map.of("startsAt", "2026-09-19T13:00", "endsAt", "soon")), errors);
        assertThat(form.tokyoTime("startsAt").toInstant()).isEqualTo(Instant.parse("2026-09-19T04:00:00Z"));
        assertThat(form.tokyoTime("endsAt")).isNull();
        assertThat(errors.byField()).containsExactly(Map.entry("endsAt", new FormErrors.FieldError("DateTime", null)));
    }
}
