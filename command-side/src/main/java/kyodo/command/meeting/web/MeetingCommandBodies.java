package kyodo.command.meeting.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import kyodo.command.web.validation.OneOf;
import kyodo.command.web.validation.PlainText;
import kyodo.command.web.validation.SaneDate;
import kyodo.kernel.Ward;
import kyodo.kernel.meeting.AttendanceStatus;
import kyodo.kernel.meeting.MeetingKind;

import java.time.OffsetDateTime;
import java.util.List;

/** Bodies of the meeting commands (docs/api.md, Meetings). */
final class MeetingCommandBodies {

    private static final String ID = "[A-Za-z0-9-]{1,64}";

    private MeetingCommandBodies() {
    }

    @Schema(description = "A meeting of a ward, a district (south, central, north) or the city (neither)")
    record Schedule(@NotNull @OneOf(MeetingKind.class) String kind,
                    @OneOf(Ward.class) String ward,
                    @Pattern(regexp = "south|central|north", message = "must be south, central or north")
                    String district,
                    @NotBlank @Size(max = 200) @PlainText String title,
                    @Schema(description = SaneDate.DESCRIPTION) @NotNull @SaneDate OffsetDateTime startsAt,
                    @Schema(description = SaneDate.DESCRIPTION) @NotNull @SaneDate OffsetDateTime endsAt,
                    @NotBlank @Size(max = 200) @PlainText String venue,
                    @Min(1) @Max(100_000) Integer capacity,
                    @NotNull Boolean publicObservation,
                    @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 100) @PlainText String> themes,
                    @Min(1) @Max(1000) Integer term,
                    @Min(1) @Max(1000) Integer session) {
    }

    record AgendaItem(@NotBlank @Size(max = 200) @PlainText String title,
                      @Size(max = 200) @PlainText String lead,
                      @Size(max = 50) List<@NotBlank @Size(max = 1000) @PlainText String> discussionPoints,
                      @Size(max = 50) List<@NotBlank @Size(max = 1000) @PlainText String> preparation) {
    }

    record Agenda(@NotEmpty @Size(max = 50) List<@NotNull @Valid AgendaItem> items) {
    }

    record Rescheduling(@Schema(description = SaneDate.DESCRIPTION) @NotNull @SaneDate OffsetDateTime startsAt,
                        @Schema(description = SaneDate.DESCRIPTION) @NotNull @SaneDate OffsetDateTime endsAt,
                        @NotBlank @Size(max = 5000) @PlainText String reason) {
    }

    record Cancellation(@NotBlank @Size(max = 5000) @PlainText String reason) {
    }

    @Schema(description = "name and affiliation are personal data: stored only encrypted, never public")
    record ParticipantBody(@NotBlank @Size(max = 200) @PlainText String name,
                           @Size(max = 200) @PlainText String affiliation,
                           @Size(max = 200) @PlainText String nominatedBy,
                           @Size(max = 500) @PlainText String contact) {

        @Override
        public String toString() {
            return "ParticipantBody[personal data]";
        }
    }

    record Registration(@NotNull @Valid ParticipantBody participant) {
    }

    record Attendance(@NotNull @Min(0) @Max(100_000) Integer attendance) {
    }

    record Group(@NotNull @Min(1) @Max(1000) Integer number, @NotBlank @Size(max = 100) @PlainText String theme) {
    }

    record Opinion(@Min(1) @Max(1000) Integer group,
                   @NotBlank @Size(max = 100) @PlainText String theme,
                   @NotBlank @Size(max = 5000) @PlainText String text,
                   @Size(max = 50) List<@NotBlank @Size(max = 1000) @PlainText String> related,
                   @Pattern(regexp = ID) String proposalId) {
    }

    record Resolution(@NotBlank @Size(max = 5000) @PlainText String motion,
                      @Pattern(regexp = ID) String proposalId,
                      @Pattern(regexp = "ACCEPTED|REJECTED", message = "must be ACCEPTED or REJECTED")
                      String proposalOutcome,
                      @NotNull @Min(0) @Max(100_000) Integer votesFor,
                      @NotNull @Min(0) @Max(100_000) Integer votesAgainst,
                      @NotNull @Min(0) @Max(100_000) Integer abstentions) {
    }

    record Minutes(@NotBlank @Size(max = 50_000) @PlainText String text) {
    }

    @Schema(description = "Feedback to a nominating group; members optionally names which of its members who "
            + "attended reported back (registrant ids, as answered at registration)")
    record Feedback(@NotBlank @Size(max = 200) @PlainText String group,
                    @Size(max = 50) List<@NotNull @Pattern(regexp = ID) String> members,
                    @NotBlank @Size(max = 5000) @PlainText String text) {
    }

    @Schema(description = "Attendance per registrant of the open meeting, alongside its headcount")
    record AttendanceRoll(@NotEmpty @Size(max = 100) List<@NotNull @Valid Mark> marks) {
    }

    record Mark(@NotNull @Pattern(regexp = ID) String registrantId,
                @Schema(example = "PRESENT") @NotNull @OneOf(AttendanceStatus.class) String status) {
    }
}
