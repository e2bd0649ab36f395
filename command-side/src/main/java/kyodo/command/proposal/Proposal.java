package kyodo.command.proposal;

import kyodo.kernel.Ward;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.kernel.proposal.ProposalSubmitted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A proposal from residents or a group to a ward office, from submission to its answer. Decides
 * every command against its rules; state changes only in the event-sourcing handlers.
 */
@Aggregate
class Proposal {

    @AggregateIdentifier
    private String proposalId;
    private Ward ward;
    private ProposalStatus status;

    Proposal() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Proposal(SubmitProposal command) {
        ProposalRules.requireSubmittable(command);
        apply(new ProposalSubmitted(command.proposalId(), command.ward(), command.title().strip(),
                command.body().strip(), command.themes().stream().map(String::strip).distinct().toList(),
                command.programme(), command.channel(), command.proposer(), command.submittedAt()));
    }

    @EventSourcingHandler
    void on(ProposalSubmitted event) {
        this.proposalId = event.proposalId();
        this.ward = event.ward();
        this.status = ProposalStatus.SUBMITTED;
    }

    Ward ward() {
        return ward;
    }

    ProposalStatus status() {
        return status;
    }
}
