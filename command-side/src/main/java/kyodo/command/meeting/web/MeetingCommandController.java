package kyodo.command.meeting.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import kyodo.command.meeting.MeetingDesk;
import kyodo.command.meeting.RegisterParticipant;
import kyodo.command.web.CommandAnswer;
import kyodo.command.web.CommandEdge;
import kyodo.command.web.CommandSubject;
import kyodo.command.web.PostCommand;
import kyodo.command.web.PostToSubject;
import kyodo.kernel.access.Actor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Staff commands on meetings: each answers {@code {id, version}} with the version as ETag, plus the
 * id of what it added (participant, opinion, resolution); If-Match makes it conditional.
 */
@RestController
@RequestMapping(path = "/api/meetings", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "meetings (commands)")
class MeetingCommandController {

    private final MeetingDesk desk;
    private final CommandEdge edge;

    MeetingCommandController(MeetingDesk desk, CommandEdge edge) {
        this.desk = desk;
        this.edge = edge;
    }

    /** Answer to a command that added a participant. */
    record Registered(String id, long version, String participantId) {
    }

    /** Answer to a command that recorded an opinion. */
    record OpinionAdded(String id, long version, String opinionId) {
    }

    /** Answer to a command that recorded a resolution. */
    record ResolutionAdded(String id, long version, String resolutionId) {
    }

    @Operation(operationId = "scheduleMeeting",
            summary = "Schedule a meeting", description = "201 with Location and {id, version: 0}; "
            + "Idempotency-Key makes a retry safe")
    @PostCommand
    Mono<ResponseEntity<CommandAnswer>> schedule(@Valid @RequestBody MeetingCommandBodies.Schedule b,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Actor actor) {
        return edge.create("/api/meetings", idempotencyKey, b, actor, b.command());
    }

    @Operation(operationId = "publishMeetingAgenda", summary = "Publish (or replace) the agenda")
    @PostToSubject("/{id}/agenda")
    Mono<ResponseEntity<CommandAnswer>> agenda(@Valid @RequestBody MeetingCommandBodies.Agenda b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "rescheduleMeeting", summary = "Move the meeting, before it opens")
    @PostToSubject("/{id}/rescheduling")
    Mono<ResponseEntity<CommandAnswer>> reschedule(@Valid @RequestBody MeetingCommandBodies.Rescheduling b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "cancelMeeting", summary = "Cancel the meeting, before it opens")
    @PostToSubject("/{id}/cancellation")
    Mono<ResponseEntity<CommandAnswer>> cancel(@Valid @RequestBody MeetingCommandBodies.Cancellation b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "registerMeetingParticipant",
            summary = "Register a participant (name and affiliation are stored only encrypted)")
    @PostToSubject("/{id}/registrations")
    Mono<ResponseEntity<Registered>> register(@Valid @RequestBody MeetingCommandBodies.Registration b,
            CommandSubject subject) {
        MeetingCommandBodies.ParticipantBody p = b.participant();
        return desk.register(subject.id(), subject.ifMatch(), p.personalData(), p.nominatedBy(), subject.actor())
                .map(registered -> CommandAnswer.withEtag(registered.version(),
                        new Registered(subject.id(), registered.version(), registered.participantId())));
    }

    @Operation(operationId = "openMeeting", summary = "Open the meeting with its attendance")
    @PostToSubject("/{id}/opening")
    Mono<ResponseEntity<CommandAnswer>> open(@Valid @RequestBody MeetingCommandBodies.Attendance b,
            CommandSubject subject) {
        return edge.send(subject, b.opening());
    }

    @Operation(operationId = "formMeetingGroup", summary = "Form a discussion group under a theme")
    @PostToSubject("/{id}/groups")
    Mono<ResponseEntity<CommandAnswer>> group(@Valid @RequestBody MeetingCommandBodies.Group b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "recordMeetingOpinion",
            summary = "Record an opinion (with related opinions) at the open meeting")
    @PostToSubject("/{id}/opinions")
    Mono<ResponseEntity<OpinionAdded>> opinion(@Valid @RequestBody MeetingCommandBodies.Opinion b,
            CommandSubject subject) {
        return edge.add(subject, b.command(), OpinionAdded::new);
    }

    @Operation(operationId = "recordMeetingResolution",
            summary = "Record the vote on a motion (a decision, adopted or failed)",
            description = "Needs a quorum (more than half of the attendance voting unless configured) and passes "
                    + "by simple majority of votes for and against. A motion naming a proposal referred to this "
                    + "meeting decides that proposal.")
    @PostToSubject("/{id}/resolutions")
    Mono<ResponseEntity<ResolutionAdded>> resolution(@Valid @RequestBody MeetingCommandBodies.Resolution b,
            CommandSubject subject) {
        return edge.add(subject, b.command(), ResolutionAdded::new);
    }

    @Operation(operationId = "closeMeeting", summary = "Close the meeting with its attendance")
    @PostToSubject("/{id}/closing")
    Mono<ResponseEntity<CommandAnswer>> close(@Valid @RequestBody MeetingCommandBodies.Attendance b,
            CommandSubject subject) {
        return edge.send(subject, b.closing());
    }

    @Operation(operationId = "publishMeetingMinutes",
            summary = "Publish (or replace) the minutes of the closed meeting")
    @PostToSubject("/{id}/minutes")
    Mono<ResponseEntity<CommandAnswer>> minutes(@Valid @RequestBody MeetingCommandBodies.Minutes b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "recordMeetingFeedback", summary = "Record feedback to a nominating group")
    @PostToSubject("/{id}/feedback")
    Mono<ResponseEntity<CommandAnswer>> feedback(@Valid @RequestBody MeetingCommandBodies.Feedback b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "recordMeetingAttendance",
            summary = "Record attendance per registrant (present, absent, excused) of the open meeting",
            description = "By registrant id; the headcount stays as recorded. A later mark replaces an earlier one. "
                    + "409 attendance-registrant-unknown for an id that never registered.")
    @PostToSubject("/{id}/attendance")
    Mono<ResponseEntity<CommandAnswer>> attendance(@Valid @RequestBody MeetingCommandBodies.AttendanceRoll b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }
}
