package kyodo.command.proposal;

import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.CommonProblems;
import kyodo.command.web.ActingStaff;
import kyodo.command.web.CommandDispatch;
import kyodo.command.web.IdempotentCreation;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
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
import java.util.UUID;

/**
 * Turns a received proposal into a {@link SubmitProposal}: stamps the time, gives the proposer a
 * fresh pseudonymous subject id and seals their data under its own key, then sends the command,
 * at most once per Idempotency-Key.
 */
@Service
public class ProposalIntake {

    static final String SCOPE = "POST /api/proposals";

    private final PersonalDataProtector protector;
    private final CommandDispatch dispatch;
    private final IdempotentCreation creation;
    private final Clock clock;

    ProposalIntake(PersonalDataProtector protector, CommandDispatch dispatch, IdempotentCreation creation,
                   Clock clock) {
        this.protector = protector;
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
        return creation.create(SCOPE, idempotencyKey, fingerprint, proposalId -> ActingStaff.current()
                // checked again by the command side; here so that a refused submission seals nothing
                .filter(signedIn -> signedIn.covers(submission.ward()))
                .switchIfEmpty(Mono.error(() -> new KyodoProblemException(CommonProblems.FORBIDDEN,
                        "This proposal belongs to " + submission.ward().code() + ", outside your ward.")))
                .flatMap(allowed -> Mono.fromCallable(() -> seal(submission.proposer()))
                        .subscribeOn(Schedulers.boundedElastic()))
                        .flatMap(sealed -> dispatch.send(new SubmitProposal(proposalId, submission.ward(),
                                submission.title(), submission.body(), submission.themes(), submission.programme(),
                                submission.channel(), sealed, now()), actor)));
    }

    private SealedPersonalData seal(Proposer proposer) {
        return protector.sealForNewSubject(UUID.randomUUID().toString(), proposer, now());
    }

    /** Event times to the millisecond: what every store and view can hold exactly. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
