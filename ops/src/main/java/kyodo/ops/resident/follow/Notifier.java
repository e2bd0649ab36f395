package kyodo.ops.resident.follow;

import kyodo.kernel.follow.FollowEnded;
import kyodo.kernel.follow.FollowKind;
import kyodo.kernel.follow.FollowStarted;
import kyodo.kernel.meeting.MeetingCancelled;
import kyodo.kernel.meeting.MeetingRescheduled;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.kernel.personal.PersonalDataErased;
import kyodo.kernel.project.ProgressReported;
import kyodo.kernel.project.ProjectCompleted;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalProgressUpdated;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalRevisionRequested;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.ops.resident.ResidentDirectory;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells followers by mail what happened to what they follow (issue 17): a processor of its own that
 * reads the kernel's events in order and, for each follower of the thing (or of its ward), queues a
 * mail in the durable outbox at once or notes the event for their daily digest. It never blocks a
 * command (it runs behind the event store) and is at-least-once: its position is stored only after a
 * batch was handled, so a {@code kill -9} re-delivers what was not yet noted. Nobody is told twice of
 * one event: the mail is queued under the key {@code notify:<event>:<follower>} and every notification
 * is noted per event and follower ({@link Follows#note}); its position is not a read model's, so a
 * replay of the read models never reaches it. Follows live only here and on the follower's page.
 */
@ProcessingGroup(Notifier.GROUP)
class Notifier {

    static final String GROUP = "resident-notifier";
    private static final String CAUGHT_UP = Notifier.class.getName() + ".caughtUp";

    private final Follows follows;
    private final NotificationMails mails;
    private final ResidentDirectory residents;
    private final Clock clock;

    Notifier(Follows follows, NotificationMails mails, ResidentDirectory residents, Clock clock) {
        this.follows = follows;
        this.mails = mails;
        this.residents = residents;
        this.clock = clock;
    }

    @EventHandler
    void on(FollowStarted e) {
        follows.start(e.followerId(), e.kind(), e.targetId(), e.followedAt());
    }

    @EventHandler
    void on(FollowEnded e) {
        follows.end(e.followerId(), e.kind(), e.targetId());
    }

    /** Deleting an account erases its key: its follows end with it, and nothing is sent to it any more. */
    @EventHandler
    void on(PersonalDataErased e) {
        follows.forget(e.subjectId());
    }

    @EventHandler
    void on(ProposalSubmitted e) {
        follows.subject(FollowKind.PROPOSAL, e.proposalId(), e.ward().code(), e.title());
    }

    @EventHandler
    void on(ProposalAcknowledged e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(eventId, at, new Change(FollowKind.PROPOSAL, e.proposalId(), "acknowledged", e.department(), e.acknowledgedAt()));
    }

    @EventHandler
    void on(ProposalProgressUpdated e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(eventId, at, new Change(FollowKind.PROPOSAL, e.proposalId(), "progress", e.text(), e.postedAt()));
    }

    @EventHandler
    void on(ProposalRevisionRequested e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(eventId, at, new Change(FollowKind.PROPOSAL, e.proposalId(), "revisionRequested", e.decision().reason(),
                e.decision().decidedAt()));
    }

    @EventHandler
    void on(ProposalAccepted e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(eventId, at, new Change(FollowKind.PROPOSAL, e.proposalId(), "accepted", e.decision().reason(),
                e.decision().decidedAt()));
    }

    @EventHandler
    void on(ProposalRejected e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(eventId, at, new Change(FollowKind.PROPOSAL, e.proposalId(), "rejected", e.decision().reason(),
                e.decision().decidedAt()));
    }

    /** A new meeting: its ward's followers hear of it (a city-wide or district meeting has no ward to follow). */
    @EventHandler
    void on(MeetingScheduled e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        follows.subject(FollowKind.MEETING, e.meetingId(), e.ward() == null ? null : e.ward().code(), e.title());
        tell(eventId, at, new Change(FollowKind.MEETING, e.meetingId(), "meetingScheduled", e.venue(), e.startsAt()));
    }

    @EventHandler
    void on(MeetingRescheduled e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(eventId, at, new Change(FollowKind.MEETING, e.meetingId(), "meetingRescheduled", e.reason(), e.startsAt()));
    }

    @EventHandler
    void on(MeetingCancelled e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(eventId, at, new Change(FollowKind.MEETING, e.meetingId(), "meetingCancelled", e.reason(), e.cancelledAt()));
    }

    /** A resolution: the meeting's followers, and the followers of the proposal it decides, each once. */
    @EventHandler
    void on(ResolutionVoted e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        String what = e.adopted() ? "resolutionAdopted" : "resolutionFailed";
        tell(eventId, at, new Change(FollowKind.MEETING, e.meetingId(), what, e.motion(), e.decision().decidedAt()));
        if (e.proposalId() != null) {
            // the same event: whoever follows both the meeting and the proposal was told already
            tell(eventId, at, new Change(FollowKind.PROPOSAL, e.proposalId(), what, e.motion(),
                    e.decision().decidedAt()));
        }
    }

    @EventHandler
    void on(ProjectLaunched e) {
        follows.subject(FollowKind.PROJECT, e.projectId(), e.ward() == null ? null : e.ward().code(), e.title());
    }

    @EventHandler
    void on(ProgressReported e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(eventId, at, new Change(FollowKind.PROJECT, e.projectId(), "projectProgress", e.text(), e.reportedAt()));
    }

    @EventHandler
    void on(ProjectCompleted e, @MessageIdentifier String eventId, @Timestamp Instant at) {
        tell(eventId, at, new Change(FollowKind.PROJECT, e.projectId(), "projectCompleted", e.decision().reason(),
                e.decision().decidedAt()));
    }

    /**
     * Follows written by another process sharing the store reach the view in memory before it is
     * trusted: looked for once per batch of events, not per event.
     */
    private void catchUpOncePerBatch() {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().root().resources().putIfAbsent(CAUGHT_UP, Boolean.TRUE) != null) {
            return;
        }
        follows.catchUp();
    }

    /**
     * Each follower of the thing or its ward by the event's time {@code at}, once: noted for the digest, or mailed now (queued under a
     * key first, then noted, so a crash in between queues nothing twice). A follower without a
     * reachable account (deleted, erased) is noted and told nothing.
     */
    private void tell(String eventId, Instant at, Change change) {
        catchUpOncePerBatch();
        // most things are followed by nobody: then nothing is read from the store at all
        if (!follows.followed(change.kind(), change.targetId()) && !follows.anyWardFollowed()) {
            return;
        }
        Optional<Follows.Subject> subject = follows.subject(change.kind(), change.targetId());
        String ward = subject.map(Follows.Subject::ward).orElse(null);
        if (!follows.followed(change.kind(), change.targetId())
                && (ward == null || !follows.followed(FollowKind.WARD, ward))) {
            return;
        }
        String title = subject.map(Follows.Subject::title).orElse(change.targetId());
        for (String follower : follows.followersOf(change.kind(), change.targetId(), ward, at)) {
            if (follows.mode(follower) == NotificationMode.DIGEST) {
                follows.note(eventId, follower, change, true, clock.instant());
                continue;
            }
            if (follows.noted(eventId, follower)) {
                continue;
            }
            String scope = follows.follows(follower, change.kind(), change.targetId())
                    ? Unsubscribe.scope(change.kind(), change.targetId()) : Unsubscribe.scope(FollowKind.WARD, ward);
            residents.recipient(follower).ifPresent(to -> mails.immediate(eventId, follower, to, change, title, scope));
            follows.note(eventId, follower, change, false, clock.instant());
        }
    }
}
