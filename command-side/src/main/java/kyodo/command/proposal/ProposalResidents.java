package kyodo.command.proposal;

import kyodo.command.access.CommandPermissions;
import kyodo.command.proposal.support.SupportPolicy;
import kyodo.command.proposal.support.SupportProblems;
import kyodo.command.proposal.support.SupportProposal;
import kyodo.command.proposal.support.WithdrawSupport;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemKind;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.ProposalSupportThresholdReached;
import kyodo.kernel.proposal.ProposalSupportWithdrawn;
import kyodo.kernel.proposal.ProposalSupported;
import kyodo.kernel.proposal.ProposalWithdrawn;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateLifecycle;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What residents do to a proposal (issue 17), a part of the {@link Proposal} aggregate: who proposed it
 * (a resident acts only on their own proposal), and who supports it, as keyed pseudonyms, once each,
 * while it is open. The first time the supports reach the programme's threshold the answer is due
 * within the policy's days, through the proposal's own response deadline, unless it is due earlier.
 */
class ProposalResidents {

    private String proposalId;
    private Ward ward;
    private ProposalProgramme programme;
    private String proposerSubject;
    private boolean open;
    private LocalDate acknowledgedDue;
    private LocalDate thresholdDue;
    private boolean thresholdReached;
    private final Set<String> supporters = new HashSet<>();

    @CommandHandler
    long handle(SupportProposal command, SupportPolicy policy, DeadlineManager deadlines) {
        requireOpen();
        requireSupporter(command.supporter());
        if (!programme.cityWideSupport() && command.supporterWard() != ward) {
            throw new KyodoProblemException(SupportProblems.OUTSIDE_WARD, "This proposal of " + ward.code()
                    + " may be supported only by its verified residents.");
        }
        if (supporters.contains(command.supporter())) {
            throw refused(SupportProblems.ALREADY_SUPPORTED, "A resident supports a proposal once.");
        }
        int supports = supporters.size() + 1;
        apply(new ProposalSupported(proposalId, command.supporter(), supports, command.at()));
        int threshold = policy.thresholdFor(programme);
        if (!thresholdReached && supports >= threshold) {
            LocalDate due = ResponseDays.tokyoDate(command.at()).plusDays(policy.dueDays());
            LocalDate earliest = earliestDue(due);
            apply(new ProposalSupportThresholdReached(proposalId, threshold, supports, earliest, command.at()));
            if (!earliest.equals(acknowledgedDue)) { // else the acknowledgement's deadline already runs for it
                deadlines.schedule(ResponseDays.endOf(due), Proposal.RESPONSE_DUE, due);
            }
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(WithdrawSupport command) {
        requireOpen();
        requireSupporter(command.supporter());
        if (!supporters.contains(command.supporter())) {
            throw refused(SupportProblems.NOT_SUPPORTED, "There is no support of yours to withdraw.");
        }
        apply(new ProposalSupportWithdrawn(proposalId, command.supporter(), supporters.size() - 1, command.at()));
        return AggregateLifecycle.getVersion();
    }

    /** Refuses a resident acting on a proposal that is not theirs (staff pass: {@link CommandPermissions}). */
    void requireProposer(StaffRef by) {
        CommandPermissions.requireProposer(by, proposerSubject);
    }

    /** The answer's due day: the earlier of {@code due} and the one the support threshold set, if any. */
    LocalDate earliestDue(LocalDate due) {
        LocalDate set = thresholdDue != null ? thresholdDue : acknowledgedDue;
        return set == null || due != null && due.isBefore(set) ? due : set;
    }

    /** Schedules the response deadline for that day, unless the support threshold already did. */
    void scheduleResponseDue(DeadlineManager deadlines, LocalDate due) {
        if (!due.equals(thresholdDue)) {
            deadlines.schedule(ResponseDays.endOf(due), Proposal.RESPONSE_DUE, due);
        }
    }

    @EventSourcingHandler
    void on(ProposalSubmitted event) {
        this.proposalId = event.proposalId();
        this.ward = event.ward();
        this.programme = event.programme();
        this.proposerSubject = event.proposer().subjectId();
        this.open = true;
    }

    @EventSourcingHandler
    void on(ProposalAcknowledged event) {
        this.acknowledgedDue = event.dueOn();
    }

    @EventSourcingHandler
    void on(ProposalSupported event) {
        supporters.add(event.supporter());
    }

    @EventSourcingHandler
    void on(ProposalSupportWithdrawn event) {
        supporters.remove(event.supporter());
    }

    @EventSourcingHandler
    void on(ProposalSupportThresholdReached event) {
        this.thresholdReached = true;
        this.thresholdDue = event.dueOn();
    }

    @EventSourcingHandler
    void on(ProposalAccepted event) {
        this.open = false;
    }

    @EventSourcingHandler
    void on(ProposalRejected event) {
        this.open = false;
    }

    @EventSourcingHandler
    void on(ProposalWithdrawn event) {
        this.open = false;
    }

    int supports() {
        return supporters.size();
    }

    private void requireOpen() {
        if (!open) {
            throw refused(SupportProblems.CLOSED, "The proposal was answered or withdrawn.");
        }
    }

    private static void requireSupporter(String supporter) {
        if (supporter == null || supporter.isBlank()) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "The supporter is missing.",
                    List.of(new FieldViolation("supporter", "required")), Map.of());
        }
    }

    private KyodoProblemException refused(ProblemKind type, String detail) {
        return new KyodoProblemException(type, detail, List.of(), Map.of("supports", supporters.size()));
    }
}
