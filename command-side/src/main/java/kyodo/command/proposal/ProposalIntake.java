package kyodo.command.proposal;

import kyodo.command.sending.AggregateCommands;
import kyodo.command.sending.PersonalDataSealing;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.personal.IndexedSubject;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.Proposer;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Turns a received proposal into a {@link SubmitProposal}: stamps the time, gives the proposer a
 * fresh pseudonymous subject id and seals their data under its own key (indexed by their contact's
 * keyed mark, for an administrator to find the person), then sends the command,
 * at most once per Idempotency-Key. Nothing is sealed for a repeat of a stored submission nor for
 * one outside the sender's ward, and the key of a submission that is refused is taken back.
 */
@Service
public class ProposalIntake {

    static final String ROUTE = "POST /api/proposals";

    private final PersonalDataSealing sealing;
    private final AggregateCommands commands;

    ProposalIntake(PersonalDataSealing sealing, AggregateCommands commands) {
        this.sealing = sealing;
        this.commands = commands;
    }

    /** What staff typed in at the counter (or a resident on the web form). */
    public record Submission(Ward ward, String title, String body, List<String> themes, ProposalProgramme programme,
                             ProposalChannel channel, Proposer proposer) {
    }

    /**
     * Submits the proposal.
     *
     * @param idempotencyKey the client's key, or null
     * @param fingerprint    what identifies a repeat of this request (the request body)
     * @param actor          the signed-in staff member recording it
     * @return the new proposal's id
     */
    public Mono<String> submit(Submission submission, String idempotencyKey, Object fingerprint, Actor actor) {
        return commands.createWith(ROUTE, idempotencyKey, fingerprint, actor, proposalId -> {
            if (!actor.covers(submission.ward())) {
                // checked again by the command side; here so that a refused submission seals nothing
                return Mono.error(new KyodoProblemException(CommonProblems.FORBIDDEN,
                        "This proposal belongs to " + submission.ward().code() + ", outside your ward."));
            }
            return sealing.sealThenSend(submission.proposer(), subject -> IndexedSubject.proposer(subject, proposalId),
                    submission.proposer().contact(), sealed -> send(proposalId, submission, sealed, actor));
        });
    }

    /**
     * Submits a resident's own proposal (issue 17): the proposer is sealed under the key of the
     * resident's account, so every proposal of theirs is the same person (one identity, found and
     * erased at once through their account), not a fresh subject per proposal.
     *
     * @param subjectId the data subject of the resident's account, whose key exists
     * @param actor     the platform's actor for residents' submissions, scoped to the proposal's ward
     * @return the new proposal's id
     */
    public Mono<String> submitForSubject(Submission submission, String subjectId, String idempotencyKey,
                                         Object fingerprint, Actor actor) {
        return commands.createWith(ROUTE, idempotencyKey, fingerprint, actor, proposalId -> sealing
                .sealForSubjectThenSend(subjectId, submission.proposer(),
                        sealed -> send(proposalId, submission, sealed, actor)));
    }

    private Mono<Object> send(String proposalId, Submission submission, SealedPersonalData sealed, Actor actor) {
        return commands.send(new SubmitProposal(proposalId, submission.ward(), submission.title(), submission.body(),
                submission.themes(), submission.programme(), submission.channel(), sealed, commands.now()), actor);
    }
}
