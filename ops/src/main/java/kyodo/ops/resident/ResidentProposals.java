package kyodo.ops.resident;

import kyodo.command.proposal.ProposalIntake;
import kyodo.command.proposal.web.SubmitProposalRequest;
import kyodo.command.sending.AggregateCommands;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.Proposer;
import kyodo.query.web.Blocking;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;

/**
 * A verified resident's proposals: submitted online as themselves (channel WEB), sealed under the key
 * of their account, so staff see the proposer as for a counter proposal and the person is one data
 * subject however many proposals they make; answering a revision request and withdrawing go to the
 * same commands staff send. The command side still decides every rule (state, version) and that a
 * resident acts only on their own proposals. The actor of these commands is the resident as the data
 * subject of their account, in the role RESIDENT ({@link #actor}), scoped to the proposal's ward: events
 * record that role and the pseudonymous subject their proposals are sealed for, never the account.
 */
class ResidentProposals {

    private final ResidentAccounts accounts;
    private final ProposalIntake intake;
    private final AggregateCommands commands;
    private final Clock clock;

    ResidentProposals(ResidentAccounts accounts, ProposalIntake intake, AggregateCommands commands, Clock clock) {
        this.accounts = accounts;
        this.intake = intake;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * Who sends a resident's commands on their own proposal of that ward (null: their account itself, for
     * its erasure): the resident as the data subject of their account. Before issue 17's resident role the
     * platform's actor {@code residents.web} (STAFF) sent them; events recorded so still read as they were.
     */
    static Actor actor(ResidentAccount account, Ward ward) {
        return new Actor(account.subjectId(), Role.RESIDENT, ward);
    }

    /**
     * Submits the resident's proposal and lists it as theirs.
     *
     * @param request the form as the API's body (already valid), the proposer being the resident
     * @param key     the rendered form's idempotency key: a second click submits nothing more
     * @return the proposal's id
     */
    Mono<String> submit(ResidentAccount account, SubmitProposalRequest request, String key) {
        if (!account.verified()) {
            return Mono.error(new KyodoProblemException(ResidentProblems.NOT_VERIFIED,
                    "Only a verified resident can submit a proposal online."));
        }
        Ward ward = Ward.fromCode(request.ward()).orElseThrow();
        ProposalIntake.Submission submission = new ProposalIntake.Submission(ward, request.title(), request.body(),
                request.themes(), ProposalProgramme.valueOf(request.programme()), ProposalChannel.WEB,
                new Proposer(request.proposer().name(), request.proposer().contact()));
        return intake.submitForSubject(submission, account.subjectId(), account.id() + ":" + key, request,
                        actor(account, ward))
                .flatMap(id -> Blocking.read(() -> {
                    if (!accounts.owns(account.id(), id)) {
                        accounts.addProposal(account.id(), id, clock.instant());
                    }
                    return id;
                }));
    }

    /** Sends a resident's command on their own proposal, conditional on the version their page showed. */
    Mono<Long> act(ResidentAccount account, String proposalId, Ward ward, String version,
                   AggregateCommands.OnSubject command) {
        return Blocking.read(() -> owns(account, proposalId))
                .flatMap(own -> commands.send(proposalId, "\"" + version + "\"", actor(account, ward), command));
    }

    /** Whether the proposal is the resident's; another's is not found (nothing tells it exists as theirs). */
    boolean owns(ResidentAccount account, String proposalId) {
        if (!accounts.owns(account.id(), proposalId)) {
            throw new KyodoProblemException(CommonProblems.NOT_FOUND, "You have no proposal with that id.");
        }
        return true;
    }

    List<String> ids(ResidentAccount account) {
        return accounts.proposals(account.id());
    }
}
