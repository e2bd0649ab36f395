package kyodo.command.proposal.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import kyodo.command.proposal.ProposalIntake;
import kyodo.command.web.CommandAnswer;
import kyodo.command.web.CommandEdge;
import kyodo.command.web.CommandSubject;
import kyodo.command.web.PostCommand;
import kyodo.command.web.PostToSubject;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.Proposer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    private final ProposalIntake intake;
    private final CommandEdge edge;

    ProposalCommandController(ProposalIntake intake, CommandEdge edge) {
        this.intake = intake;
        this.edge = edge;
    }

    @Operation(operationId = "submitProposal", summary = "Record a received proposal",
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

    @Operation(operationId = "acknowledgeProposal",
            summary = "Acknowledge: a department takes the proposal up and the response clock starts")
    @PostToSubject("/{id}/acknowledgement")
    Mono<ResponseEntity<CommandAnswer>> acknowledge(@Valid @RequestBody ProposalCommandBodies.Acknowledgement body,
            CommandSubject subject) {
        return edge.send(subject, body.command());
    }

    @Operation(operationId = "postProposalProgressUpdate", summary = "Post a public progress update")
    @PostToSubject("/{id}/progress-updates")
    Mono<ResponseEntity<CommandAnswer>> progress(@Valid @RequestBody ProposalCommandBodies.ProgressUpdate body,
            CommandSubject subject) {
        return edge.send(subject, body.command());
    }

    @Operation(operationId = "requestProposalRevision",
            summary = "Decide that the proposal needs revising (a decision; the reason is public)")
    @PostToSubject("/{id}/revision-requests")
    Mono<ResponseEntity<CommandAnswer>> requestRevision(@Valid @RequestBody ProposalCommandBodies.RevisionRequest body,
            CommandSubject subject) {
        return edge.send(subject, body.command());
    }

    @Operation(operationId = "reviseProposal", summary = "Record the proposer's revision (only when one was requested)")
    @PostToSubject("/{id}/revisions")
    Mono<ResponseEntity<CommandAnswer>> revise(@Valid @RequestBody ProposalCommandBodies.Revision body,
            CommandSubject subject) {
        return edge.send(subject, body.command());
    }

    @Operation(operationId = "referProposal",
            summary = "Refer the proposal to a meeting (a decision); the meeting must exist")
    @PostToSubject("/{id}/referral")
    Mono<ResponseEntity<CommandAnswer>> refer(@Valid @RequestBody ProposalCommandBodies.Referral body,
            CommandSubject subject) {
        return edge.send(subject, body.command());
    }

    @Operation(operationId = "withdrawProposalReferral",
            summary = "Withdraw the referral to a meeting, with a reason (a decision)",
            description = "Afterwards the meeting's resolution no longer decides the proposal: staff may answer "
                    + "it directly or refer it again. 409 proposal-referral-not-standing when it is not referred.")
    @PostToSubject("/{id}/referral-withdrawal")
    Mono<ResponseEntity<CommandAnswer>> withdrawReferral(
            @Valid @RequestBody ProposalCommandBodies.ReferralWithdrawal body, CommandSubject subject) {
        return edge.send(subject, body.command());
    }

    @Operation(operationId = "answerProposal",
            summary = "Answer the proposal: ACCEPTED or REJECTED, with a reason (a decision)",
            description = "409 proposal-decided-by-meeting while the proposal is referred to a meeting.")
    @PostToSubject("/{id}/decision")
    Mono<ResponseEntity<CommandAnswer>> decide(@Valid @RequestBody ProposalCommandBodies.Answer body,
            CommandSubject subject) {
        return edge.send(subject, body.command());
    }

    @Operation(operationId = "withdrawProposal", summary = "Record that the proposer withdrew the proposal")
    @PostToSubject("/{id}/withdrawal")
    Mono<ResponseEntity<CommandAnswer>> withdraw(@Valid @RequestBody ProposalCommandBodies.Withdrawal body,
            CommandSubject subject) {
        return edge.send(subject, body.command());
    }

}
