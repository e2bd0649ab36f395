package kyodo.command.proposal;

import kyodo.command.platform.FieldChecks;
import kyodo.command.platform.VersionedAggregate;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionBasis;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.MeetingDirectory;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemKind;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalProgressUpdated;
import kyodo.kernel.proposal.ProposalReferralWithdrawn;
import kyodo.kernel.proposal.ProposalReferredToMeeting;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalResponseOverdue;
import kyodo.kernel.proposal.ProposalRevised;
import kyodo.kernel.proposal.ProposalRevisionRequested;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.ProposalWithdrawn;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;

import static kyodo.command.proposal.ProposalStanding.DECIDED;
import static kyodo.command.proposal.ProposalStanding.requireNotReferred;
import static kyodo.command.proposal.ProposalStanding.requireOpen;
import static kyodo.command.proposal.ProposalStanding.requireUndecidedAndAcknowledged;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A proposal from residents or a group to a ward office, from submission to its answer:
 * SUBMITTED → ACKNOWLEDGED ⇄ REVISION_REQUESTED → (REFERRED_TO_MEETING) → ACCEPTED | REJECTED, or
 * WITHDRAWN from any open state. While referred, only the meeting's resolution decides it, unless the
 * referral is withdrawn (back to ACKNOWLEDGED). Decides every command against its rules; state changes
 * only in the event-sourcing handlers. Update commands answer the proposal's new version.
 */
@Aggregate
class Proposal extends VersionedAggregate {

    static final String RESPONSE_DUE = "proposal-response-due";
    private static final String MEETING_RESOLUTION = DecisionBasis.meetingResolution("").type();

    @AggregateIdentifier
    private String proposalId;
    private Ward ward;
    private ProposalProgramme programme;
    private ProposalStatus status;
    private LocalDate dueOn;
    private String answerDecisionId;
    private String referredTo;
    private Instant referredAt;
    @AggregateMember
    private final ProposalResidents residents = new ProposalResidents();

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

    @CommandHandler
    long handle(AcknowledgeProposal command, ResponseDuePolicy policy, DeadlineManager deadlines) {
        requireOpen(status);
        if (status != ProposalStatus.SUBMITTED) {
            throw refused(ProposalProblems.ALREADY_ACKNOWLEDGED, "The proposal is already under review.");
        }
        FieldChecks.requireText("department", command.department(), ProposalRules.DEPARTMENT_MAX);
        int days = command.responseDueDays() != null ? command.responseDueDays() : policy.daysFor(programme);
        ProposalRules.requireDueDays(days);
        LocalDate due = residents.earliestDue(ResponseDays.tokyoDate(command.at()).plusDays(days));
        apply(new ProposalAcknowledged(proposalId, command.department().strip(), due, command.at(), command.by()));
        residents.scheduleResponseDue(deadlines, due);
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(PostProgressUpdate command) {
        requireOpen(status);
        FieldChecks.requireText("text", command.text(), ProposalRules.TEXT_MAX);
        return applied(new ProposalProgressUpdated(proposalId, command.text().strip(), command.at(), command.by()));
    }

    @CommandHandler
    long handle(RequestRevision command) {
        requireUndecidedAndAcknowledged(status);
        requireNotReferred(status, referredTo);
        if (status == ProposalStatus.REVISION_REQUESTED) {
            throw refused(ProposalProblems.REVISION_ALREADY_REQUESTED, "A revision is already awaited.");
        }
        FieldChecks.requireText("reason", command.reason(), ProposalRules.TEXT_MAX);
        return applied(new ProposalRevisionRequested(proposalId, decision(command.decisionId(),
                DecisionKind.REVISION_REQUEST, DecisionOutcome.REVISION_REQUESTED, command.reason().strip(),
                command.by(), command.at(), null)));
    }

    @CommandHandler
    long handle(ReviseProposal command) {
        residents.requireProposer(command.by());
        requireOpen(status);
        if (DECIDED.contains(status)) {
            throw refused(ProposalProblems.ALREADY_DECIDED, "A decided proposal cannot be revised.");
        }
        if (status != ProposalStatus.REVISION_REQUESTED) {
            throw refused(ProposalProblems.REVISION_NOT_REQUESTED, "Revise a proposal only when asked to.");
        }
        ProposalRules.requireRevision(command.title(), command.body());
        return applied(new ProposalRevised(proposalId, strip(command.title()), strip(command.body()), command.at(),
                command.by()));
    }

    @CommandHandler
    long handle(ReferProposal command, MeetingDirectory meetings) {
        requireUndecidedAndAcknowledged(status);
        if (status == ProposalStatus.REFERRED_TO_MEETING) {
            throw refused(ProposalProblems.ALREADY_REFERRED, "The proposal is already before a meeting.");
        }
        MeetingDirectory.Reach meeting = meetings.find(command.meetingId()).orElseThrow(() ->
                refused(ProposalProblems.MEETING_UNKNOWN, "No meeting with id " + command.meetingId() + "."));
        if (!meeting.serves(ward)) {
            // its resolution would decide the proposal: only a meeting of the proposal's ward, district or city may
            throw refused(ProposalProblems.MEETING_ELSEWHERE, "The meeting is held for "
                    + (meeting.ward() != null ? meeting.ward().code() : meeting.district().name().toLowerCase())
                    + ", not for " + ward.code() + ".");
        }
        return applied(new ProposalReferredToMeeting(proposalId, command.meetingId(), decision(command.decisionId(),
                DecisionKind.REFERRAL, DecisionOutcome.REFERRED, strip(command.reason()), command.by(),
                command.at(), null)));
    }

    @CommandHandler
    long handle(DecideProposal command) {
        if (command.decisionId().equals(answerDecisionId)) {
            // the same decision again (a retried or replayed policy): already recorded, nothing new
            return AggregateLifecycle.getVersion();
        }
        requireUndecidedAndAcknowledged(status);
        if (command.basis() == null || !MEETING_RESOLUTION.equals(command.basis().type())) {
            requireNotReferred(status, referredTo);
        } else if (status != ProposalStatus.REFERRED_TO_MEETING || command.at().isBefore(referredAt)) {
            // a resolution voted before a withdrawn referral, reaching the policy late, decides nothing
            throw refused(ProposalProblems.NOT_REFERRED,
                    "Only a resolution voted since the proposal's standing referral decides it.");
        }
        ProposalRules.requireAnswer(command.outcome(), command.reason(), command.conditions());
        int daysLate = ResponseDays.daysLate(dueOn(), command.at());
        Decision decision = decision(command.decisionId(), DecisionKind.PROPOSAL_ANSWER, command.outcome(),
                command.reason().strip(), command.by(), command.at(), command.basis());
        // The response deadline is left to fire: it finds the proposal decided and records nothing
        // (onResponseDue). Cancelling it here made every answer read and deserialize every pending
        // deadline of db-scheduler's table (issue 13: answers at 13/s against 300/s without it).
        if (command.outcome() == DecisionOutcome.ACCEPTED) {
            apply(new ProposalAccepted(proposalId, strip(command.conditions()), daysLate, decision));
        } else {
            apply(new ProposalRejected(proposalId, daysLate, decision));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(WithdrawReferral command) {
        requireUndecidedAndAcknowledged(status);
        if (status != ProposalStatus.REFERRED_TO_MEETING) {
            throw refused(ProposalProblems.NO_REFERRAL, "The proposal is not before a meeting.");
        }
        FieldChecks.requireText("reason", command.reason(), ProposalRules.TEXT_MAX);
        return applied(new ProposalReferralWithdrawn(proposalId, referredTo, decision(command.decisionId(),
                DecisionKind.REFERRAL_WITHDRAWAL, DecisionOutcome.WITHDRAWN, command.reason().strip(), command.by(),
                command.at(), null)));
    }

    @CommandHandler
    long handle(WithdrawProposal command, DeadlineManager deadlines) {
        residents.requireProposer(command.by());
        requireOpen(status);
        if (DECIDED.contains(status)) {
            throw refused(ProposalProblems.ALREADY_DECIDED, "A decided proposal cannot be withdrawn.");
        }
        FieldChecks.requireText("reason", command.reason(), ProposalRules.TEXT_MAX);
        apply(new ProposalWithdrawn(proposalId, command.reason().strip(), command.at(), command.by()));
        deadlines.cancelAllWithinScope(RESPONSE_DUE);
        return AggregateLifecycle.getVersion();
    }

    /** The answer is due and none came: recorded by the platform, stamped with the deadline itself. */
    @DeadlineHandler(deadlineName = RESPONSE_DUE)
    void onResponseDue(LocalDate due) {
        if (status != ProposalStatus.WITHDRAWN && !DECIDED.contains(status) && due.equals(dueOn())) {
            apply(new ProposalResponseOverdue(proposalId, due, ResponseDays.endOf(due)));
        }
    }

    @EventSourcingHandler
    void on(ProposalSubmitted event) {
        this.proposalId = event.proposalId();
        this.ward = event.ward();
        this.programme = event.programme();
        this.status = ProposalStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(ProposalAcknowledged event) {
        this.status = ProposalStatus.ACKNOWLEDGED;
        this.dueOn = event.dueOn();
    }

    @EventSourcingHandler
    void on(ProposalRevisionRequested event) {
        this.status = ProposalStatus.REVISION_REQUESTED;
    }

    @EventSourcingHandler
    void on(ProposalRevised event) {
        this.status = ProposalStatus.ACKNOWLEDGED;
    }

    @EventSourcingHandler
    void on(ProposalReferredToMeeting event) {
        this.status = ProposalStatus.REFERRED_TO_MEETING;
        this.referredTo = event.meetingId();
        this.referredAt = event.decision().decidedAt();
    }

    @EventSourcingHandler
    void on(ProposalReferralWithdrawn event) {
        // back under review; a revision asked before the referral cannot be made while referred, so none awaits
        this.status = ProposalStatus.ACKNOWLEDGED;
        this.referredTo = null;
        this.referredAt = null;
    }

    @EventSourcingHandler
    void on(ProposalAccepted event) {
        this.status = ProposalStatus.ACCEPTED;
        this.answerDecisionId = event.decision().decisionId();
    }

    @EventSourcingHandler
    void on(ProposalRejected event) {
        this.status = ProposalStatus.REJECTED;
        this.answerDecisionId = event.decision().decisionId();
    }

    @EventSourcingHandler
    void on(ProposalWithdrawn event) {
        this.status = ProposalStatus.WITHDRAWN;
    }

    @Override
    protected Ward ward() {
        return ward;
    }

    ProposalStatus status() {
        return status;
    }

    /** The answer's due day: the acknowledgement's, or the support threshold's when earlier. */
    LocalDate dueOn() {
        return residents.earliestDue(dueOn);
    }

    private KyodoProblemException refused(ProblemKind type, String detail) {
        return ProposalStanding.refused(status, type, detail);
    }

    private Decision decision(String decisionId, DecisionKind kind, DecisionOutcome outcome, String reason,
                              StaffRef by, Instant at, DecisionBasis basis) {
        return new Decision(decisionId, SubjectType.PROPOSAL, proposalId, ward, kind, outcome, reason, by, at, basis);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
