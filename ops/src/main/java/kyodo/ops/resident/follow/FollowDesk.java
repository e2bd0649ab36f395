package kyodo.ops.resident.follow;

import kyodo.kernel.Ward;
import kyodo.kernel.follow.FollowEnded;
import kyodo.kernel.follow.FollowKind;
import kyodo.kernel.follow.FollowStarted;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.ops.resident.ResidentDirectory;
import kyodo.query.meeting.MeetingViews;
import kyodo.query.project.ProjectViews;
import kyodo.query.proposal.ProposalViews;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a resident does with follows, blocking (callers run it off the event loop): follow a thing
 * that exists, unfollow, choose immediate mail or the digest, unsubscribe by a mailed link. A follow
 * is recorded as an event ({@link FollowStarted}, no personal data) and written to the follows at
 * once, so the resident's page shows it; the notifier applies the same event again, idempotently.
 */
public class FollowDesk {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final Follows follows;
    private final EventGateway events;
    private final ProposalViews proposals;
    private final MeetingViews meetings;
    private final ProjectViews projects;
    private final ResidentDirectory residents;
    private final Clock clock;

    FollowDesk(Follows follows, EventGateway events, ProposalViews proposals, MeetingViews meetings,
               ProjectViews projects, ResidentDirectory residents, Clock clock) {
        this.follows = follows;
        this.events = events;
        this.proposals = proposals;
        this.meetings = meetings;
        this.projects = projects;
        this.residents = residents;
        this.clock = clock;
    }

    /** A thing that can be followed, with its public title (a ward's name in both languages). */
    public record Target(FollowKind kind, String id, String title) {
        /** Its public page on the portal. */
        public String page() {
            return NotificationMails.pagePath(kind, id);
        }
    }

    /** The thing named in a form or link, if it exists; 404 otherwise, 400 for a kind or id that cannot be one. */
    public Target target(String kindName, String id) {
        FollowKind kind = kind(kindName);
        if (id == null || !ID.matcher(id).matches()) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "id is not an id.");
        }
        String canonical = kind == FollowKind.WARD ? Ward.fromCode(id).map(Ward::code).orElse(id) : id;
        return title(kind, canonical).map(title -> new Target(kind, canonical, title)).orElseThrow(() ->
                new KyodoProblemException(CommonProblems.NOT_FOUND, "There is no " + kind.slug() + " " + id + "."));
    }

    /** The kind named in a form or link; 400 for a name that is none. */
    static FollowKind kind(String name) {
        return FollowKind.fromName(name).orElseThrow(() ->
                new KyodoProblemException(CommonProblems.INVALID_INPUT, "kind must be proposal, meeting, project or ward."));
    }

    private Optional<String> title(FollowKind kind, String id) {
        return switch (kind) {
            case PROPOSAL -> proposals.title(id);
            case MEETING -> meetings.title(id);
            case PROJECT -> projects.title(id);
            case WARD -> Ward.fromCode(id).map(w -> w.nameJa() + " / " + w.nameEn());
        };
    }

    /** Starts following; following again changes nothing and records nothing. */
    public void follow(String follower, Target target) {
        if (follows.follows(follower, target.kind(), target.id())) {
            return;
        }
        Instant now = now();
        events.publish(GenericEventMessage.asEventMessage(new FollowStarted(follower, target.kind(), target.id(), now)));
        follows.start(follower, target.kind(), target.id(), now);
    }

    /** Stops following; what is not followed records nothing. */
    void unfollow(String follower, FollowKind kind, String targetId) {
        if (!follows.follows(follower, kind, targetId)) {
            return;
        }
        events.publish(GenericEventMessage.asEventMessage(new FollowEnded(follower, kind, targetId, now())));
        follows.end(follower, kind, targetId);
    }

    boolean follows(String follower, Target target) {
        return follows.follows(follower, target.kind(), target.id());
    }

    /** The resident's follows with their titles (what no longer has one is listed by its id). */
    List<Target> followed(String follower) {
        return follows.of(follower).stream().map(f -> new Target(f.kind(), f.targetId(),
                title(f.kind(), f.targetId()).orElse(f.targetId()))).toList();
    }

    NotificationMode mode(String follower) {
        return follows.mode(follower);
    }

    public void mode(String follower, NotificationMode mode) {
        follows.mode(follower, mode);
    }

    /**
     * A mailed unsubscribe link was used: a link whose signature does not match (tampered, or made up)
     * changes nothing and says so; a valid one ends the follow it names, or every follow ({@code all}).
     *
     * @return how many follows ended
     */
    int unsubscribe(String follower, String scope, String signature) {
        if (follower == null || scope == null || !residents.signed(Unsubscribe.signed(follower, scope), signature)) {
            throw new KyodoProblemException(FollowProblems.LINK_INVALID, "The unsubscribe link is not one kyodo sent.");
        }
        List<Follows.Followed> ending = follows.of(follower).stream()
                .filter(f -> NotificationMails.ALL.equals(scope) || scope.equals(Unsubscribe.scope(f.kind(), f.targetId())))
                .toList();
        ending.forEach(f -> unfollow(follower, f.kind(), f.targetId()));
        return ending.size();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
