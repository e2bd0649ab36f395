package kyodo.command.meeting;

import kyodo.command.platform.FieldChecks;
import kyodo.command.platform.VersionedAggregate;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.AgendaPublished;
import kyodo.kernel.meeting.AttendanceMark;
import kyodo.kernel.meeting.AttendanceRecorded;
import kyodo.kernel.meeting.FeedbackRecorded;
import kyodo.kernel.meeting.GroupFormed;
import kyodo.kernel.meeting.MeetingCancelled;
import kyodo.kernel.meeting.MeetingClosed;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.meeting.MeetingOpened;
import kyodo.kernel.meeting.MeetingRescheduled;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.kernel.meeting.MemberFeedbackRecorded;
import kyodo.kernel.meeting.MinutesPublished;
import kyodo.kernel.meeting.OpinionRecorded;
import kyodo.kernel.meeting.ParticipantRegistered;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemKind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static kyodo.command.meeting.MeetingStanding.requireNot;
import static kyodo.command.meeting.MeetingStanding.requireOpen;
import static kyodo.command.meeting.MeetingStanding.requireScheduled;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A meeting, from scheduling to minutes: SCHEDULED → OPEN → CLOSED, or CANCELLED before it opens.
 * Opinions and resolutions belong to the open meeting; a resolution is a decision, adopted or
 * failed, and may decide a proposal referred to this meeting. Attendance is a headcount at opening
 * and closing and, per registrant, marks of the roll ({@link MeetingRoll}).
 */
@Aggregate
class Meeting extends VersionedAggregate {

    enum Status { SCHEDULED, OPEN, CLOSED, CANCELLED }

    @AggregateIdentifier
    private String meetingId;
    private MeetingKind kind;
    private Ward ward;
    private Status status;
    private Integer capacity;
    private int attendance;
    private final Set<Integer> groups = new HashSet<>();
    private final MeetingRoll roll = new MeetingRoll();

    Meeting() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Meeting(ScheduleMeeting c) {
        MeetingRules.requireSchedulable(c);
        apply(new MeetingScheduled(c.meetingId(), c.kind(), c.ward(), c.district(), c.title().strip(), c.startsAt(),
                c.endsAt(), c.venue().strip(), c.capacity(), c.publicObservation(),
                c.themes().stream().map(String::strip).distinct().toList(), c.term(), c.session(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(PublishAgenda c) {
        requireNot(status, Status.CANCELLED, MeetingProblems.CANCELLED, "A cancelled meeting has no agenda.");
        requireNot(status, Status.CLOSED, MeetingProblems.CLOSED, "The meeting has closed.");
        MeetingRules.requireAgenda(c.items());
        return applied(new AgendaPublished(meetingId, c.items(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(RescheduleMeeting c) {
        requireScheduled(status);
        MeetingRules.requireTimes(c.startsAt(), c.endsAt());
        FieldChecks.requireText("reason", c.reason(), MeetingRules.TEXT_MAX);
        return applied(new MeetingRescheduled(meetingId, c.startsAt(), c.endsAt(), c.reason().strip(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(CancelMeeting c) {
        requireScheduled(status);
        FieldChecks.requireText("reason", c.reason(), MeetingRules.TEXT_MAX);
        return applied(new MeetingCancelled(meetingId, c.reason().strip(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(CheckRegistration c) {
        requireRegistrable();
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RegisterParticipant c) {
        requireRegistrable();
        return applied(new ParticipantRegistered(meetingId, c.participantId(), c.participant(),
                strip(c.nominatedBy()), c.at(), c.by()));
    }

    @CommandHandler
    long handle(OpenMeeting c) {
        requireScheduled(status);
        MeetingRules.requireAttendance(c.attendance());
        return applied(new MeetingOpened(meetingId, c.attendance(), c.at(), c.by()));
    }

    /** Per registrant, alongside the headcount of opening and closing, which it does not change. */
    @CommandHandler
    long handle(RecordAttendance c) {
        requireOpen(status);
        MeetingRules.requireMarks(c.marks());
        roll.firstUnknown(c.marks().stream().map(AttendanceMark::registrantId).toList()).ifPresent(id -> {
            throw refused(MeetingProblems.REGISTRANT_UNKNOWN, "Nobody registered for this meeting as " + id + ".");
        });
        return applied(new AttendanceRecorded(meetingId, List.copyOf(c.marks()), c.at(), c.by()));
    }

    @CommandHandler
    long handle(FormGroup c) {
        requireNot(status, Status.CANCELLED, MeetingProblems.CANCELLED, "The meeting was cancelled.");
        requireNot(status, Status.CLOSED, MeetingProblems.CLOSED, "The meeting has closed.");
        MeetingRules.requireGroup(c.number(), c.theme());
        if (groups.contains(c.number())) {
            throw refused(MeetingProblems.GROUP_EXISTS, "Group " + c.number() + " already exists.");
        }
        return applied(new GroupFormed(meetingId, c.number(), c.theme().strip(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(RecordOpinion c) {
        requireOpen(status);
        MeetingRules.requireOpinion(c.theme(), c.text(), c.related());
        if (c.group() != null && !groups.contains(c.group())) {
            throw refused(MeetingProblems.GROUP_UNKNOWN, "No group " + c.group() + " in this meeting.");
        }
        return applied(new OpinionRecorded(meetingId, c.opinionId(), c.group(), c.theme().strip(), c.text().strip(),
                c.related() == null ? List.of() : c.related().stream().map(String::strip).toList(),
                strip(c.proposalId()), c.at(), c.by()));
    }

    @CommandHandler
    long handle(RecordResolution c, QuorumPolicy quorum, ReferredProposals referrals) {
        requireOpen(status);
        MeetingRules.requireMotion(c.motion(), c.proposalId(), c.proposalOutcome(), c.votesFor(), c.votesAgainst(),
                c.abstentions());
        int voting = c.votesFor() + c.votesAgainst() + c.abstentions();
        if (voting > attendance) {
            throw refused(MeetingProblems.VOTES_EXCEED_ATTENDANCE,
                    voting + " votes were cast but " + attendance + " attend.");
        }
        if (!quorum.reached(kind, voting, attendance)) {
            throw refused(MeetingProblems.QUORUM_NOT_REACHED, "Only " + voting + " of " + attendance + " voted.");
        }
        if (c.proposalId() != null && !referrals.isReferredTo(c.proposalId(), meetingId)) {
            throw refused(MeetingProblems.PROPOSAL_NOT_REFERRED,
                    "Proposal " + c.proposalId() + " is not referred to this meeting, or was already answered.");
        }
        boolean adopted = c.votesFor() > c.votesAgainst();
        String reason = String.format("賛成%d・反対%d・棄権%d（出席%d）により%s", c.votesFor(), c.votesAgainst(),
                c.abstentions(), attendance, adopted ? "可決" : "否決");
        Decision decision = new Decision(c.decisionId(), SubjectType.MEETING, meetingId, ward, DecisionKind.RESOLUTION,
                adopted ? DecisionOutcome.ADOPTED : DecisionOutcome.REJECTED, reason, c.by(), c.at(), null);
        return applied(new ResolutionVoted(meetingId, c.resolutionId(), c.motion().strip(), c.proposalId(),
                c.proposalOutcome(), c.votesFor(), c.votesAgainst(), c.abstentions(), attendance, decision));
    }

    @CommandHandler
    long handle(CloseMeeting c) {
        requireOpen(status);
        MeetingRules.requireAttendance(c.attendance());
        return applied(new MeetingClosed(meetingId, c.attendance(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(PublishMinutes c) {
        requireNot(status, Status.CANCELLED, MeetingProblems.CANCELLED, "A cancelled meeting has no minutes.");
        if (status != Status.CLOSED) {
            throw refused(MeetingProblems.NOT_CLOSED, "Close the meeting first.");
        }
        FieldChecks.requireText("text", c.text(), MeetingRules.MINUTES_MAX);
        return applied(new MinutesPublished(meetingId, c.text().strip(), c.at(), c.by()));
    }

    @CommandHandler
    long handle(RecordFeedback c) {
        requireNot(status, Status.CANCELLED, MeetingProblems.CANCELLED, "The meeting was cancelled.");
        if (status == Status.SCHEDULED) {
            throw refused(MeetingProblems.NOT_OPEN, "Feedback follows the meeting.");
        }
        FieldChecks.requireText("group", c.group(), MeetingRules.NAME_MAX);
        FieldChecks.requireText("text", c.text(), MeetingRules.TEXT_MAX);
        MeetingRules.requireMembers(c.members());
        String group = c.group().strip();
        if (!roll.hasNominatingGroup(group)) {
            throw refused(MeetingProblems.FEEDBACK_GROUP_UNKNOWN, "No participant was nominated by that group.");
        }
        if (c.members() == null || c.members().isEmpty()) {
            return applied(new FeedbackRecorded(meetingId, group, c.text().strip(), c.at(), c.by()));
        }
        roll.firstUnknown(c.members()).ifPresent(id -> {
            throw refused(MeetingProblems.REGISTRANT_UNKNOWN, "Nobody registered for this meeting as " + id + ".");
        });
        roll.firstNotAttendingMemberOf(group, c.members()).ifPresent(id -> {
            throw refused(MeetingProblems.MEMBER_NOT_ATTENDING, id + " is not a member of that group marked present.");
        });
        return applied(new MemberFeedbackRecorded(meetingId, group, List.copyOf(c.members()), c.text().strip(), c.at(),
                c.by()));
    }

    @EventSourcingHandler
    void on(MeetingScheduled e) {
        meetingId = e.meetingId();
        kind = e.kind();
        ward = e.ward();
        capacity = e.capacity();
        status = Status.SCHEDULED;
    }

    @EventSourcingHandler
    void on(MeetingCancelled e) {
        status = Status.CANCELLED;
    }

    @EventSourcingHandler
    void on(ParticipantRegistered e) {
        roll.register(e.participantId(), e.nominatedBy());
    }

    @EventSourcingHandler
    void on(AttendanceRecorded e) {
        roll.mark(e.marks());
    }

    @EventSourcingHandler
    void on(MeetingOpened e) {
        status = Status.OPEN;
        attendance = e.attendance();
    }

    @EventSourcingHandler
    void on(GroupFormed e) {
        groups.add(e.number());
    }

    @EventSourcingHandler
    void on(MeetingClosed e) {
        status = Status.CLOSED;
    }

    Status status() {
        return status;
    }

    private void requireRegistrable() {
        requireNot(status, Status.CANCELLED, MeetingProblems.CANCELLED, "Nobody can register for a cancelled meeting.");
        requireNot(status, Status.CLOSED, MeetingProblems.CLOSED, "The meeting has closed.");
        if (capacity != null && roll.registrations() >= capacity) {
            throw refused(MeetingProblems.FULL, "All " + capacity + " places are taken.");
        }
    }

    private KyodoProblemException refused(ProblemKind type, String detail) {
        return MeetingStanding.refused(status, type, detail);
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @Override
    protected Ward ward() {
        return ward;
    }
}
