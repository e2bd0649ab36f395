package kyodo.command.proposal;

import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.CommonProblems;
import kyodo.command.personal.PersonalDataSealing;
import kyodo.command.web.ActingStaff;
import kyodo.command.web.CommandDispatch;
import kyodo.command.web.IdempotentCreation;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.Proposer;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Turns a received proposal into a {@link SubmitProposal}: stamps the time, gives the proposer a
 * fresh pseudonymous subject id and seals their data under its own key, then sends the command,
 * at most once per Idempotency-Key. Nothing is sealed for a repeat of a stored submission nor for
 * one outside the sender's ward, and the key of a submission that is refused is taken back.
 */
@Service
public class ProposalIntake {

    static final String ROUTE = "POST /api/proposals";

    private final PersonalDataSealing sealing;
    private final CommandDispatch dispatch;
    private final IdempotentCreation creation;
    private final Clock clock;

    ProposalIntake(PersonalDataSealing sealing, CommandDispatch dispatch, IdempotentCreation creation,
                   Clock clock) {
        this.sealing = sealing;
        this.dispatch = dispatch;
        this.creation = creation;
        this.clock = clock;
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
     * @param actor          the staff member recording it
     * @return the new proposal's id
     */
    public Mono<String> submit(Submission submission, String idempotencyKey, Object fingerprint, StaffRef actor) {
        return creation.create(ROUTE, idempotencyKey, fingerprint, proposalId -> ActingStaff.current()
                // checked again by the command side; here so that a refused submission seals nothing
                .filter(signedIn -> signedIn.covers(submission.ward()))
                .switchIfEmpty(Mono.error(() -> new KyodoProblemException(CommonProblems.FORBIDDEN,
                        "This proposal belongs to " + submission.ward().code() + ", outside your ward.")))
                .flatMap(allowed -> sealing.sealThenSend(submission.proposer(),
                        sealed -> dispatch.send(new SubmitProposal(proposalId, submission.ward(),
                                submission.title(), submission.body(), submission.themes(), submission.programme(),
                                submission.channel(), sealed, now()), actor))));
    }

    /** Event times to the millisecond: what every store and view can hold exactly. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
