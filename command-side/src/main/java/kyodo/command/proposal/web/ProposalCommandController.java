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
import kyodo.command.sending.AggregateCommands;
import kyodo.command.web.CommandAnswer;
import kyodo.command.web.CommandEdge;
import kyodo.command.web.PostCommand;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.Proposer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

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
    private final CommandEdge edge;

    ProposalCommandController(ProposalIntake intake, CommandEdge edge) {
        this.intake = intake;
        this.edge = edge;
    }

    @Operation(summary = "Record a received proposal",
            description = "Answers 201 with Location and {id, version: 0}. With an Idempotency-Key a repeat "
                    + "returns the first answer; the same key with another body answers 422.")
    @PostCommand
    Mono<ResponseEntity<CommandAnswer>> submit(
            @Valid @RequestBody SubmitProposalRequest request,
            @Parameter(description = "client-chosen key that makes a retry safe")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            Actor actor) {
        ProposalIntake.Submission submission = new ProposalIntake.Submission(
                Ward.fromCode(request.ward()).orElseThrow(), request.title(), request.body(), request.themes(),
                ProposalProgramme.valueOf(request.programme()), ProposalChannel.valueOf(request.channel()),
                new Proposer(request.proposer().name(), request.proposer().contact()));
        return intake.submit(submission, idempotencyKey, request, actor)
                .map(id -> CommandAnswer.created("/api/proposals", id, 0));
    }

    @Operation(summary = "Acknowledge: a department takes the proposal up and the response clock starts")
    @PostCommand("/{id}/acknowledgement")
    Mono<ResponseEntity<CommandAnswer>> acknowledge(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.Acknowledgement body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Actor actor) {
        return edge.send(id, ifMatch, actor, (v, at, by) -> new AcknowledgeProposal(id, v, body.department(),
                body.responseDueDays(), at, by));
    }

    @Operation(summary = "Post a public progress update")
    @PostCommand("/{id}/progress-updates")
    Mono<ResponseEntity<CommandAnswer>> progress(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.ProgressUpdate body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Actor actor) {
        return edge.send(id, ifMatch, actor, (v, at, by) -> new PostProgressUpdate(id, v, body.text(), at, by));
    }

    @Operation(summary = "Decide that the proposal needs revising (a decision; the reason is public)")
    @PostCommand("/{id}/revision-requests")
    Mono<ResponseEntity<CommandAnswer>> requestRevision(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.RevisionRequest body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Actor actor) {
        return edge.send(id, ifMatch, actor, (version, at, by) -> new RequestRevision(id, version, newDecisionId(),
                body.reason(), at, by));
    }

    @Operation(summary = "Record the proposer's revision (only when one was requested)")
    @PostCommand("/{id}/revisions")
    Mono<ResponseEntity<CommandAnswer>> revise(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.Revision body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Actor actor) {
        return edge.send(id, ifMatch, actor, (v, at, by) -> new ReviseProposal(id, v, body.title(), body.body(),
                at, by));
    }

    @Operation(summary = "Refer the proposal to a meeting (a decision); the meeting must exist")
    @PostCommand("/{id}/referral")
    Mono<ResponseEntity<CommandAnswer>> refer(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.Referral body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Actor actor) {
        return edge.send(id, ifMatch, actor, (version, at, by) -> new ReferProposal(id, version, newDecisionId(),
                body.meetingId(), body.reason(), at, by));
    }

    @Operation(summary = "Answer the proposal: ACCEPTED or REJECTED, with a reason (a decision)")
    @PostCommand("/{id}/decision")
    Mono<ResponseEntity<CommandAnswer>> decide(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.Answer body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Actor actor) {
        return edge.send(id, ifMatch, actor, (version, at, by) -> new DecideProposal(id, version, newDecisionId(),
                DecisionOutcome.valueOf(body.outcome()), body.reason(), body.conditions(), null, at, by));
    }

    @Operation(summary = "Record that the proposer withdrew the proposal")
    @PostCommand("/{id}/withdrawal")
    Mono<ResponseEntity<CommandAnswer>> withdraw(@PathVariable String id,
            @Valid @RequestBody ProposalCommandBodies.Withdrawal body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Actor actor) {
        return edge.send(id, ifMatch, actor, (v, at, by) -> new WithdrawProposal(id, v, body.reason(), at, by));
    }

    private static String newDecisionId() {
        return AggregateCommands.newId();
    }
}
