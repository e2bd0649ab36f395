package kyodo.command.meeting.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import kyodo.command.meeting.CancelMeeting;
import kyodo.command.meeting.CloseMeeting;
import kyodo.command.meeting.FormGroup;
import kyodo.command.meeting.MeetingDesk;
import kyodo.command.meeting.OpenMeeting;
import kyodo.command.meeting.PublishAgenda;
import kyodo.command.meeting.PublishMinutes;
import kyodo.command.meeting.RecordFeedback;
import kyodo.command.meeting.RecordOpinion;
import kyodo.command.meeting.RecordResolution;
import kyodo.command.meeting.RegisterParticipant;
import kyodo.command.meeting.RescheduleMeeting;
import kyodo.command.meeting.ScheduleMeeting;
import kyodo.command.web.AggregateCommands;
import kyodo.command.web.CommandAnswer;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.meeting.Participant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.List;

/**
 * Staff commands on meetings: each answers {@code {id, version}} with the version as ETag, plus the
 * id of what it added (participant, opinion, resolution); If-Match makes it conditional.
 */
@RestController
@RequestMapping(path = "/api/meetings", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "meetings (commands)")
class MeetingCommandController {

    private static final String IF_MATCH = "ETag of the version this command expects; 412 when stale";

    private final MeetingDesk desk;
    private final AggregateCommands commands;

    MeetingCommandController(MeetingDesk desk, AggregateCommands commands) {
        this.desk = desk;
        this.commands = commands;
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

    @Operation(summary = "Schedule a meeting", description = "201 with Location and {id, version: 0}; "
            + "Idempotency-Key makes a retry safe")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> schedule(@Valid @RequestBody MeetingCommandBodies.Schedule b,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, StaffRef actor) {
        return desk.schedule(idempotencyKey, b, actor, (id, at) -> new ScheduleMeeting(id,
                        MeetingKind.valueOf(b.kind()), b.ward() == null ? null : Ward.fromCode(b.ward()).orElseThrow(),
                        b.district() == null ? null : district(b.district()), b.title(), b.startsAt().toInstant(),
                        b.endsAt().toInstant(), b.venue(), b.capacity(), b.publicObservation(), b.themes(), b.term(),
                        b.session(), at, actor))
                .map(id -> CommandAnswer.created("/api/meetings", id, 0));
    }

    @Operation(summary = "Publish (or replace) the agenda")
    @PostMapping(path = "/{id}/agenda", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> agenda(@PathVariable String id, @Valid @RequestBody MeetingCommandBodies.Agenda b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        List<AgendaItem> items = b.items().stream().map(i -> new AgendaItem(i.title(), i.lead(), i.discussionPoints(),
                i.preparation())).toList();
        return commands.send(id, ifMatch, actor, (v, at) -> new PublishAgenda(id, v, items, at, actor));
    }

    @Operation(summary = "Move the meeting, before it opens")
    @PostMapping(path = "/{id}/rescheduling", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> reschedule(@PathVariable String id,
            @Valid @RequestBody MeetingCommandBodies.Rescheduling b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new RescheduleMeeting(id, v, b.startsAt().toInstant(),
                b.endsAt().toInstant(), b.reason(), at, actor));
    }

    @Operation(summary = "Cancel the meeting, before it opens")
    @PostMapping(path = "/{id}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> cancel(@PathVariable String id,
            @Valid @RequestBody MeetingCommandBodies.Cancellation b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new CancelMeeting(id, v, b.reason(), at, actor));
    }

    @Operation(summary = "Register a participant (name and affiliation are stored only encrypted)")
    @PostMapping(path = "/{id}/registrations", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Registered>> register(@PathVariable String id,
            @Valid @RequestBody MeetingCommandBodies.Registration b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        String participantId = AggregateCommands.newId();
        MeetingCommandBodies.ParticipantBody p = b.participant();
        return desk.register(id, ifMatch, new Participant(p.name(), p.affiliation()), actor, sealed -> commands.sendThen(
                id, ifMatch, actor, (v, at) -> new RegisterParticipant(id, v, participantId, sealed, p.nominatedBy(), at,
                        actor),
                version -> ResponseEntity.ok().headers(CommandAnswer.etagHeader(version))
                        .body(new Registered(id, version, participantId))));
    }

    @Operation(summary = "Open the meeting with its attendance")
    @PostMapping(path = "/{id}/opening", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> open(@PathVariable String id,
            @Valid @RequestBody MeetingCommandBodies.Attendance b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new OpenMeeting(id, v, b.attendance(), at, actor));
    }

    @Operation(summary = "Form a discussion group under a theme")
    @PostMapping(path = "/{id}/groups", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> group(@PathVariable String id, @Valid @RequestBody MeetingCommandBodies.Group b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new FormGroup(id, v, b.number(), b.theme(), at, actor));
    }

    @Operation(summary = "Record an opinion (with related opinions) at the open meeting")
    @PostMapping(path = "/{id}/opinions", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<OpinionAdded>> opinion(@PathVariable String id,
            @Valid @RequestBody MeetingCommandBodies.Opinion b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        String opinionId = AggregateCommands.newId();
        return commands.sendThen(id, ifMatch, actor, (v, at) -> new RecordOpinion(id, v, opinionId, b.group(),
                        b.theme(), b.text(), b.related(), b.proposalId(), at, actor),
                version -> ResponseEntity.ok().headers(CommandAnswer.etagHeader(version))
                        .body(new OpinionAdded(id, version, opinionId)));
    }

    @Operation(summary = "Record the vote on a motion (a decision, adopted or failed)",
            description = "Needs a quorum (more than half of the attendance voting unless configured) and passes "
                    + "by simple majority of votes for and against. A motion naming a proposal referred to this "
                    + "meeting decides that proposal.")
    @PostMapping(path = "/{id}/resolutions", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ResolutionAdded>> resolution(@PathVariable String id,
            @Valid @RequestBody MeetingCommandBodies.Resolution b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        String resolutionId = AggregateCommands.newId();
        return commands.sendThen(id, ifMatch, actor, (v, at) -> new RecordResolution(id, v, resolutionId,
                        AggregateCommands.newId(), b.motion(), b.proposalId(),
                        b.proposalOutcome() == null ? null : DecisionOutcome.valueOf(b.proposalOutcome()),
                        b.votesFor(), b.votesAgainst(), b.abstentions(), at, actor),
                version -> ResponseEntity.ok().headers(CommandAnswer.etagHeader(version))
                        .body(new ResolutionAdded(id, version, resolutionId)));
    }

    @Operation(summary = "Close the meeting with its attendance")
    @PostMapping(path = "/{id}/closing", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> close(@PathVariable String id,
            @Valid @RequestBody MeetingCommandBodies.Attendance b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new CloseMeeting(id, v, b.attendance(), at, actor));
    }

    @Operation(summary = "Publish (or replace) the minutes of the closed meeting")
    @PostMapping(path = "/{id}/minutes", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> minutes(@PathVariable String id,
            @Valid @RequestBody MeetingCommandBodies.Minutes b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new PublishMinutes(id, v, b.text(), at, actor));
    }

    @Operation(summary = "Record feedback to a nominating group")
    @PostMapping(path = "/{id}/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> feedback(@PathVariable String id,
            @Valid @RequestBody MeetingCommandBodies.Feedback b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new RecordFeedback(id, v, b.group(), b.text(), at, actor));
    }

    private static Ward.District district(String code) {
        return Arrays.stream(Ward.District.values()).filter(d -> d.code().equals(code)).findFirst().orElseThrow();
    }
}
