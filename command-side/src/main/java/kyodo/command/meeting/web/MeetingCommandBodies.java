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
import kyodo.command.meeting.CancelMeeting;
import kyodo.command.meeting.CloseMeeting;
import kyodo.command.meeting.FormGroup;
import kyodo.command.meeting.OpenMeeting;
import kyodo.command.meeting.PublishAgenda;
import kyodo.command.meeting.PublishMinutes;
import kyodo.command.meeting.RecordAttendance;
import kyodo.command.meeting.RecordFeedback;
import kyodo.command.meeting.RecordOpinion;
import kyodo.command.meeting.RecordResolution;
import kyodo.command.meeting.RescheduleMeeting;
import kyodo.command.meeting.ScheduleMeeting;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.web.CommandEdge;
import kyodo.command.web.ToAddition;
import kyodo.command.web.ToCommand;
import kyodo.command.web.validation.OneOf;
import kyodo.command.web.validation.PlainText;
import kyodo.command.web.validation.SaneDate;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.meeting.AttendanceMark;
import kyodo.kernel.meeting.AttendanceStatus;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.meeting.Participant;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Bodies of the meeting commands (docs/api.md, Meetings), each with the command it stands for. Public:
 * the staff console (ops) validates its forms as these bodies and sends their commands, so a form and
 * the JSON API refuse the same input and send the same command.
 */
public final class MeetingCommandBodies {

    private static final String ID = "[A-Za-z0-9-]{1,64}";

    private MeetingCommandBodies() {
    }

    @Schema(description = "A meeting of a ward, a district (south, central, north) or the city (neither)")
    public record Schedule(@NotNull @OneOf(MeetingKind.class) String kind,
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

        /** The command that schedules it under a new id. */
        public AggregateCommands.Creating command() {
            return (id, at, by) -> new ScheduleMeeting(id, MeetingKind.valueOf(kind),
                    ward == null ? null : Ward.fromCode(ward).orElseThrow(),
                    district == null ? null : Ward.District.fromCode(district).orElseThrow(), title,
                    startsAt.toInstant(), endsAt.toInstant(), venue, capacity, publicObservation, themes, term,
                    session, at, by);
        }
    }

    public record AgendaItem(@NotBlank @Size(max = 200) @PlainText String title,
                      @Size(max = 200) @PlainText String lead,
                      @Size(max = 50) List<@NotBlank @Size(max = 1000) @PlainText String> discussionPoints,
                      @Size(max = 50) List<@NotBlank @Size(max = 1000) @PlainText String> preparation) {
    }

    public record Agenda(@NotEmpty @Size(max = 50) List<@NotNull @Valid AgendaItem> items) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            List<kyodo.kernel.meeting.AgendaItem> published = items.stream().map(i ->
                    new kyodo.kernel.meeting.AgendaItem(i.title(), i.lead(), i.discussionPoints(), i.preparation()))
                    .toList();
            return (id, v, at, by) -> new PublishAgenda(id, v, published, at, by);
        }
    }

    public record Rescheduling(@Schema(description = SaneDate.DESCRIPTION) @NotNull @SaneDate OffsetDateTime startsAt,
                        @Schema(description = SaneDate.DESCRIPTION) @NotNull @SaneDate OffsetDateTime endsAt,
                        @NotBlank @Size(max = 5000) @PlainText String reason) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new RescheduleMeeting(id, v, startsAt.toInstant(), endsAt.toInstant(), reason,
                    at, by);
        }
    }

    public record Cancellation(@NotBlank @Size(max = 5000) @PlainText String reason) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new CancelMeeting(id, v, reason, at, by);
        }
    }

    @Schema(description = "name and affiliation are personal data: stored only encrypted, never public")
    public record ParticipantBody(@NotBlank @Size(max = 200) @PlainText String name,
                           @Size(max = 200) @PlainText String affiliation,
                           @Size(max = 200) @PlainText String nominatedBy,
                           @Size(max = 500) @PlainText String contact) {

        /** The personal data as the meeting desk seals it. */
        public Participant personalData() {
            return new Participant(name, affiliation, contact);
        }

        @Override
        public String toString() {
            return "ParticipantBody[personal data]";
        }
    }

    public record Registration(@NotNull @Valid ParticipantBody participant) {
    }

    /** A headcount, which opens or closes the meeting. */
    public record Attendance(@NotNull @Min(0) @Max(100_000) Integer attendance) {

        public AggregateCommands.OnSubject opening() {
            return (id, v, at, by) -> new OpenMeeting(id, v, attendance, at, by);
        }

        public AggregateCommands.OnSubject closing() {
            return (id, v, at, by) -> new CloseMeeting(id, v, attendance, at, by);
        }
    }

    public record Group(@NotNull @Min(1) @Max(1000) Integer number,
                        @NotBlank @Size(max = 100) @PlainText String theme) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new FormGroup(id, v, number, theme, at, by);
        }
    }

    public record Opinion(@Min(1) @Max(1000) Integer group,
                   @NotBlank @Size(max = 100) @PlainText String theme,
                   @NotBlank @Size(max = 5000) @PlainText String text,
                   @Size(max = 50) List<@NotBlank @Size(max = 1000) @PlainText String> related,
                   @Pattern(regexp = ID) String proposalId) implements ToAddition {
        @Override
        public CommandEdge.Adding command() {
            return (id, opinionId, v, at, by) -> new RecordOpinion(id, v, opinionId, group, theme, text, related,
                    proposalId, at, by);
        }
    }

    public record Resolution(@NotBlank @Size(max = 5000) @PlainText String motion,
                      @Pattern(regexp = ID) String proposalId,
                      @Pattern(regexp = "ACCEPTED|REJECTED", message = "must be ACCEPTED or REJECTED")
                      String proposalOutcome,
                      @NotNull @Min(0) @Max(100_000) Integer votesFor,
                      @NotNull @Min(0) @Max(100_000) Integer votesAgainst,
                      @NotNull @Min(0) @Max(100_000) Integer abstentions) implements ToAddition {
        @Override
        public CommandEdge.Adding command() {
            return (id, resolutionId, v, at, by) -> new RecordResolution(id, v, resolutionId,
                    AggregateCommands.newId(), motion, proposalId,
                    proposalOutcome == null ? null : DecisionOutcome.valueOf(proposalOutcome), votesFor, votesAgainst,
                    abstentions, at, by);
        }
    }

    public record Minutes(@NotBlank @Size(max = 50_000) @PlainText String text) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new PublishMinutes(id, v, text, at, by);
        }
    }

    @Schema(description = "Feedback to a nominating group; members optionally names which of its members who "
            + "attended reported back (registrant ids, as answered at registration)")
    public record Feedback(@NotBlank @Size(max = 200) @PlainText String group,
                    @Size(max = 50) List<@NotNull @Pattern(regexp = ID) String> members,
                    @NotBlank @Size(max = 5000) @PlainText String text) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new RecordFeedback(id, v, group, members, text, at, by);
        }
    }

    @Schema(description = "Attendance per registrant of the open meeting, alongside its headcount")
    public record AttendanceRoll(@NotEmpty @Size(max = 100) List<@NotNull @Valid Mark> marks) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            List<AttendanceMark> recorded = marks.stream()
                    .map(m -> new AttendanceMark(m.registrantId(), AttendanceStatus.valueOf(m.status()))).toList();
            return (id, v, at, by) -> new RecordAttendance(id, v, recorded, at, by);
        }
    }

    public record Mark(@NotNull @Pattern(regexp = ID) String registrantId,
                @Schema(example = "PRESENT") @NotNull @OneOf(AttendanceStatus.class) String status) {
    }
}
