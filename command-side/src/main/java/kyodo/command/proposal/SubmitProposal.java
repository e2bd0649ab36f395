package kyodo.command.proposal;

import kyodo.command.access.Permission;
import kyodo.command.access.ProposedBy;
import kyodo.command.access.Requires;
import kyodo.command.access.WardTargeted;
import kyodo.kernel.Ward;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Record a proposal received by a ward office. The proposer arrives already sealed: the command
 * bus never carries personal data in clear.
 */
@Requires(Permission.PROPOSER_ACT)
public record SubmitProposal(@TargetAggregateIdentifier String proposalId, Ward ward, String title, String body,
                             List<String> themes, ProposalProgramme programme, ProposalChannel channel,
                             SealedPersonalData proposer, Instant submittedAt) implements WardTargeted, ProposedBy {

    @Override
    public String proposerSubject() {
        return proposer == null ? null : proposer.subjectId();
    }
}
