package kyodo.command.proposal.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import kyodo.command.proposal.AcknowledgeProposal;
import kyodo.command.proposal.DecideProposal;
import kyodo.command.proposal.PostProgressUpdate;
import kyodo.command.proposal.ReferProposal;
import kyodo.command.proposal.RequestRevision;
import kyodo.command.proposal.ReviseProposal;
import kyodo.command.proposal.WithdrawProposal;
import kyodo.command.proposal.WithdrawReferral;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.web.ToCommand;
import kyodo.command.web.validation.PlainText;
import kyodo.kernel.decision.DecisionOutcome;

/**
 * Bodies of the commands on an existing proposal (docs/api.md, Proposals), each with the command it
 * stands for. Public: the staff console (ops) validates its forms as these bodies and sends their
 * commands, so a form and the JSON API refuse the same input and send the same command.
 */
public final class ProposalCommandBodies {

    private ProposalCommandBodies() {
    }

    @Schema(description = "A department takes the proposal up; the answer is due after responseDueDays "
            + "(default per programme, 30 unless configured)")
    public record Acknowledgement(
            @Schema(example = "幸区役所 地域振興課") @NotBlank @Size(max = 100) @PlainText String department,
            @Min(1) @Max(365) Integer responseDueDays) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new AcknowledgeProposal(id, v, department, responseDueDays, at, by);
        }
    }

    @Schema(description = "Public progress on the proposal")
    public record ProgressUpdate(@NotBlank @Size(max = 5000) @PlainText String text) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new PostProgressUpdate(id, v, text, at, by);
        }
    }

    @Schema(description = "A decision: the proposer is asked to revise; the reason is public")
    public record RevisionRequest(@NotBlank @Size(max = 5000) @PlainText String reason) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new RequestRevision(id, v, AggregateCommands.newId(), reason, at, by);
        }
    }

    @Schema(description = "The proposer's revision; only when one was requested. Omitted fields stay as they were.")
    public record Revision(@Size(min = 1, max = 200) @PlainText String title,
                    @Size(min = 1, max = 20_000) @PlainText String body) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new ReviseProposal(id, v, title, body, at, by);
        }
    }

    @Schema(description = "A decision: refer the proposal to a meeting, whose resolution will answer it")
    public record Referral(@NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String meetingId,
                    @Size(max = 5000) @PlainText String reason) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new ReferProposal(id, v, AggregateCommands.newId(), meetingId, reason, at, by);
        }
    }

    @Schema(description = "A decision: withdraw the referral to a meeting; the reason is public")
    public record ReferralWithdrawal(@NotBlank @Size(max = 5000) @PlainText String reason) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new WithdrawReferral(id, v, AggregateCommands.newId(), reason, at, by);
        }
    }

    @Schema(description = "A decision: the answer. A reason is always required; conditions only with ACCEPTED.")
    public record Answer(@NotNull @Pattern(regexp = "ACCEPTED|REJECTED", message = "must be ACCEPTED or REJECTED")
                  String outcome,
                  @NotBlank @Size(max = 5000) @PlainText String reason,
                  @Size(max = 5000) @PlainText String conditions) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new DecideProposal(id, v, AggregateCommands.newId(),
                    DecisionOutcome.valueOf(outcome), reason, conditions, null, at, by);
        }
    }

    @Schema(description = "The proposer withdrew the proposal")
    public record Withdrawal(@NotBlank @Size(max = 5000) @PlainText String reason) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new WithdrawProposal(id, v, reason, at, by);
        }
    }
}
