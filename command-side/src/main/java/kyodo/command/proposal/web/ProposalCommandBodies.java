package kyodo.command.proposal.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import kyodo.command.web.validation.PlainText;

/**
 * Bodies of the commands on an existing proposal (docs/api.md, Proposals). Public: the staff console
 * (ops) validates its forms as these bodies, so a form and the JSON API refuse the same input.
 */
public final class ProposalCommandBodies {

    private ProposalCommandBodies() {
    }

    @Schema(description = "A department takes the proposal up; the answer is due after responseDueDays "
            + "(default per programme, 30 unless configured)")
    public record Acknowledgement(
            @Schema(example = "幸区役所 地域振興課") @NotBlank @Size(max = 100) @PlainText String department,
            @Min(1) @Max(365) Integer responseDueDays) {
    }

    @Schema(description = "Public progress on the proposal")
    public record ProgressUpdate(@NotBlank @Size(max = 5000) @PlainText String text) {
    }

    @Schema(description = "A decision: the proposer is asked to revise; the reason is public")
    public record RevisionRequest(@NotBlank @Size(max = 5000) @PlainText String reason) {
    }

    @Schema(description = "The proposer's revision; only when one was requested. Omitted fields stay as they were.")
    public record Revision(@Size(min = 1, max = 200) @PlainText String title,
                    @Size(min = 1, max = 20_000) @PlainText String body) {
    }

    @Schema(description = "A decision: refer the proposal to a meeting, whose resolution will answer it")
    public record Referral(@NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String meetingId,
                    @Size(max = 5000) @PlainText String reason) {
    }

    @Schema(description = "A decision: withdraw the referral to a meeting; the reason is public")
    record ReferralWithdrawal(@NotBlank @Size(max = 5000) @PlainText String reason) {
    }

    @Schema(description = "A decision: the answer. A reason is always required; conditions only with ACCEPTED.")
    public record Answer(@NotNull @Pattern(regexp = "ACCEPTED|REJECTED", message = "must be ACCEPTED or REJECTED")
                  String outcome,
                  @NotBlank @Size(max = 5000) @PlainText String reason,
                  @Size(max = 5000) @PlainText String conditions) {
    }

    @Schema(description = "The proposer withdrew the proposal")
    public record Withdrawal(@NotBlank @Size(max = 5000) @PlainText String reason) {
    }
}
