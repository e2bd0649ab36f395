package kyodo.command.proposal.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import kyodo.command.proposal.AcknowledgeProposal;
import kyodo.command.proposal.DecideProposal;
import kyodo.command.proposal.PostProgressUpdate;
import kyodo.command.proposal.ProposalIntake;
import kyodo.command.proposal.ReferProposal;
import kyodo.command.proposal.RequestRevision;
import kyodo.command.proposal.ReviseProposal;
import kyodo.command.proposal.WithdrawProposal;
import kyodo.command.web.AggregateCommands;
import kyodo.command.web.CommandAnswer;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.Proposer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.function.BiFunction;

/**
 * Staff commands on proposals. Each maps its body to a command, stamps the time and the acting
 * staff member, and answers {@code {id, version}} with the version as ETag; {@code If-Match}
 * makes it conditional (412 when stale).
 */
@RestController
@RequestMapping(path = "/api/proposals", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "proposals (commands)")
class ProposalCommandController {

    private static final String IF_MATCH_DOC = "ETag of the version this command expects; 412 when stale";

    private final ProposalIntake intake;
    private final AggregateCommands commands;

    ProposalCommandController(ProposalIntake intake, AggregateCommands commands) {
        this.intake = intake;
        this.commands = commands;
    }

    @Operation(summary = "Record a received proposal",
            description = "Answers 201 with Location and {id, version: 0}. With an Idempotency-Key a repeat "
                    + "returns the first answer; the same key with another body answers 422.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> submit(
            @Valid @RequestBody SubmitProposalRequest request,
            @Parameter(description = "client-chosen key that makes a retry safe")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            StaffRef actor) {
        ProposalIntake.Submission submission = new ProposalIntake.Submission(
                Ward.fromCode(request.ward()).orElseThrow(), request.title(), request.body(), request.themes(),
                ProposalProgramme.valueOf(request.programme()), ProposalChannel.valueOf(request.channel()),
                new Proposer(request.proposer().name(), request.proposer().contact()));
        return intake.submit(submission, idempotencyKey, request, actor)
                .map(id -> CommandAnswer.created("/api/proposals", id, 0));
    }

    @Operation(summary = "Acknowledge: a department takes the proposal up and the response clock starts")
    @PostMapping(path = "/{id}/acknowledgement", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> acknowledge(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.Acknowledgement body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return send(id, ifMatch, actor, (version, at) -> new AcknowledgeProposal(id, version, body.department(),
                body.responseDueDays(), at, actor));
    }

    @Operation(summary = "Post a public progress update")
    @PostMapping(path = "/{id}/progress-updates", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> progress(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.ProgressUpdate body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return send(id, ifMatch, actor, (version, at) -> new PostProgressUpdate(id, version, body.text(), at, actor));
    }

    @Operation(summary = "Decide that the proposal needs revising (a decision; the reason is public)")
    @PostMapping(path = "/{id}/revision-requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> requestRevision(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.RevisionRequest body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return send(id, ifMatch, actor, (version, at) -> new RequestRevision(id, version, newDecisionId(),
                body.reason(), at, actor));
    }

    @Operation(summary = "Record the proposer's revision (only when one was requested)")
    @PostMapping(path = "/{id}/revisions", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> revise(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.Revision body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return send(id, ifMatch, actor, (version, at) -> new ReviseProposal(id, version, body.title(), body.body(),
                at, actor));
    }

    @Operation(summary = "Refer the proposal to a meeting (a decision); the meeting must exist")
    @PostMapping(path = "/{id}/referral", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> refer(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.Referral body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return send(id, ifMatch, actor, (version, at) -> new ReferProposal(id, version, newDecisionId(),
                body.meetingId(), body.reason(), at, actor));
    }

    @Operation(summary = "Answer the proposal: ACCEPTED or REJECTED, with a reason (a decision)")
    @PostMapping(path = "/{id}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> decide(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.Answer body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return send(id, ifMatch, actor, (version, at) -> new DecideProposal(id, version, newDecisionId(),
                DecisionOutcome.valueOf(body.outcome()), body.reason(), body.conditions(), null, at, actor));
    }

    @Operation(summary = "Record that the proposer withdrew the proposal")
    @PostMapping(path = "/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> withdraw(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.Withdrawal body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return send(id, ifMatch, actor, (version, at) -> new WithdrawProposal(id, version, body.reason(), at, actor));
    }

    private Mono<ResponseEntity<CommandAnswer>> send(String id, String ifMatch, StaffRef actor,
                                                     BiFunction<Long, Instant, Object> command) {
        return commands.send(id, ifMatch, actor, command);
    }

    private static String newDecisionId() {
        return AggregateCommands.newId();
    }
}
