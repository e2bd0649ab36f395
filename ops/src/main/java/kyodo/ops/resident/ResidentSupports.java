package kyodo.ops.resident;

import kyodo.command.proposal.support.SupportProposal;
import kyodo.command.proposal.support.WithdrawSupport;
import kyodo.command.sending.AggregateCommands;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.KyodoProblemException;
import reactor.core.publisher.Mono;

/**
 * A verified resident's supports of proposals (issue 17): sent as {@link SupportProposal} and
 * {@link WithdrawSupport} with the resident's keyed pseudonym and ward, which is all the command side
 * records of who. The command side decides once-each, the ward rule and whether the proposal is open;
 * an account that is not verified is refused here, before anything is sent.
 */
class ResidentSupports {

    /**
     * The actor id of every resident's support: the same for all, so that the events' metadata links a
     * support neither to an account nor to the resident's own proposals (their data subject).
     */
    static final String SUPPORTER = "resident";

    private final AggregateCommands commands;

    ResidentSupports(AggregateCommands commands) {
        this.commands = commands;
    }

    /** Supports the proposal of that ward; answers the proposal's new version. */
    Mono<Long> support(ResidentAccount account, String proposalId, Ward proposalWard) {
        return verified(account).flatMap(pseudonym -> commands.send(proposalId, null, supporter(proposalWard),
                (id, version, at, by) -> new SupportProposal(id, pseudonym, account.ward(), at, by)));
    }

    /** Withdraws the resident's support of the proposal of that ward; answers the proposal's new version. */
    Mono<Long> withdraw(ResidentAccount account, String proposalId, Ward proposalWard) {
        return verified(account).flatMap(pseudonym -> commands.send(proposalId, null, supporter(proposalWard),
                (id, version, at, by) -> new WithdrawSupport(id, pseudonym, at, by)));
    }

    private static Mono<String> verified(ResidentAccount account) {
        if (!account.verified() || account.pseudonym() == null) {
            return Mono.error(new KyodoProblemException(ResidentProblems.NOT_VERIFIED,
                    "Only a verified resident of a ward can support a proposal."));
        }
        return Mono.just(account.pseudonym());
    }

    private static Actor supporter(Ward proposalWard) {
        return new Actor(SUPPORTER, Role.RESIDENT, proposalWard);
    }
}
