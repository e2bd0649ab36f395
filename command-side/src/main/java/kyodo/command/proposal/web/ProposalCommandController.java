package kyodo.command.proposal.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import kyodo.command.proposal.ProposalIntake;
import kyodo.command.web.CommandAnswer;
import kyodo.kernel.Ward;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.Proposer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Staff commands on proposals. */
@RestController
@RequestMapping("/api/proposals")
@Tag(name = "proposals (commands)")
class ProposalCommandController {

    private final ProposalIntake intake;

    ProposalCommandController(ProposalIntake intake) {
        this.intake = intake;
    }

    @Operation(summary = "Record a received proposal",
            description = "Answers 201 with Location and {id, version: 0}. With an Idempotency-Key a repeat "
                    + "returns the first answer; the same key with another body answers 422.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> submit(
            @Valid @RequestBody SubmitProposalRequest request,
            @Parameter(description = "client-chosen key that makes a retry safe")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ProposalIntake.Submission submission = new ProposalIntake.Submission(
                Ward.fromCode(request.ward()).orElseThrow(), request.title(), request.body(), request.themes(),
                ProposalProgramme.valueOf(request.programme()), ProposalChannel.valueOf(request.channel()),
                new Proposer(request.proposer().name(), request.proposer().contact()));
        return intake.submit(submission, idempotencyKey, request)
                .map(id -> CommandAnswer.created("/api/proposals", id, 0));
    }
}
