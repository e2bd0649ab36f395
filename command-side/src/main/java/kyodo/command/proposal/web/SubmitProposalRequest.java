package kyodo.command.proposal.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import kyodo.command.web.validation.OneOf;
import kyodo.command.web.validation.PlainText;
import kyodo.kernel.Ward;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;

import java.util.List;

/** Body of {@code POST /api/proposals}. */
@Schema(description = "A proposal received by a ward office")
public record SubmitProposalRequest(
        @Schema(description = "ward code", example = "saiwai")
        @NotNull @OneOf(Ward.class) String ward,
        @Schema(example = "駅前の駐輪場を増やしてほしい")
        @NotBlank @Size(max = 200) @PlainText String title,
        @NotBlank @Size(max = 20_000) @PlainText String body,
        @Schema(example = "[\"交通\", \"まちづくり\"]")
        @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 50) @PlainText String> themes,
        @Schema(example = "CITIZEN_PROPOSAL")
        @NotNull @OneOf(ProposalProgramme.class) String programme,
        @Schema(example = "COUNTER")
        @NotNull @OneOf(ProposalChannel.class) String channel,
        @Schema(description = "personal data: stored only encrypted, never public")
        @NotNull @Valid ProposerRequest proposer) {

    /** The proposer, in clear only on this request. */
    public record ProposerRequest(
            @NotBlank @Size(max = 200) @PlainText String name,
            @Size(max = 500) @PlainText String contact) {

        @Override
        public String toString() {
            return "ProposerRequest[personal data]";
        }
    }
}
