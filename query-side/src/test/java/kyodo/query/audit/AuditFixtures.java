package kyodo.query.audit;

import com.mongodb.client.MongoDatabase;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionBasis;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalProgressUpdated;
import kyodo.kernel.proposal.ProposalReferredToMeeting;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalRevisionRequested;
import kyodo.query.platform.store.mongo.MongoReadStore;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decision events as the aggregates record them, and the audit components wired over one database. */
public final class AuditFixtures {

    public static final StaffRef CLERK = new StaffRef("staff-0042", "STAFF");
    public static final StaffRef HEAD = new StaffRef("staff-0007", "WARD_HEAD");
    static final Instant START = Instant.parse("2025-06-15T01:30:00.123456Z");
    public static final AuditSigningKey KEY = AuditSigningKey.generate(new SecureRandom());

    private AuditFixtures() {
    }

    /**
     * The i-th decision event (from 1): cycles through revision request, referral, acceptance,
     * rejection and a meeting resolution; ward, reason and basis vary too.
     */
    public static Object decisionEvent(int i) {
        String proposal = "prop-" + i;
        Instant at = START.plus(Duration.ofHours(i));
        return switch (i % 5) {
            case 1 -> new ProposalRevisionRequested(proposal, new Decision("d-" + i, SubjectType.PROPOSAL, proposal,
                    Ward.SAIWAI, DecisionKind.REVISION_REQUEST, DecisionOutcome.REVISION_REQUESTED,
                    "場所を具体的に \"地図\" で", CLERK, at, null));
            case 2 -> new ProposalReferredToMeeting(proposal, "meet-1", new Decision("d-" + i, SubjectType.PROPOSAL,
                    proposal, Ward.TAMA, DecisionKind.REFERRAL, DecisionOutcome.REFERRED, null, HEAD, at, null));
            case 3 -> new ProposalAccepted(proposal, "条件付き", 0, new Decision("d-" + i, SubjectType.PROPOSAL,
                    proposal, Ward.NAKAHARA, DecisionKind.PROPOSAL_ANSWER, DecisionOutcome.ACCEPTED,
                    "来年度に整備します", HEAD, at, null));
            case 4 -> new ProposalRejected(proposal, 2, new Decision("resolution-r" + i, SubjectType.PROPOSAL,
                    proposal, Ward.ASAO, DecisionKind.PROPOSAL_ANSWER, DecisionOutcome.REJECTED, "否決されました",
                    CLERK, at, DecisionBasis.meetingResolution("r" + i)));
            default -> new ResolutionVoted("meet-1", "r" + i, "動議 " + i, null, null, 12, 3, 1, 16,
                    new Decision("d-" + i, SubjectType.MEETING, "meet-1", null, DecisionKind.RESOLUTION,
                            DecisionOutcome.ADOPTED, "賛成多数", HEAD, at, null));
        };
    }

    /** {@code decisions} decision events, each preceded by an event that is not a decision. */
    public static List<EventMessage<?>> history(int decisions) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 1; i <= decisions; i++) {
            messages.add(message("ev-other-" + i, new ProposalProgressUpdated("prop-" + i, "進捗 " + i,
                    START.plus(Duration.ofMinutes(i)), CLERK)));
            messages.add(message("ev-" + i, decisionEvent(i)));
        }
        return messages;
    }

    public static EventMessage<?> message(String identifier, Object payload) {
        return new GenericEventMessage<>(identifier, payload, Map.of(), START);
    }

    /** The audit components over one database, checkpointing every {@code every} entries. */
    static final class Audit {

        final MongoDatabase database;
        final MutableClock clock = new MutableClock(Instant.parse("2025-07-01T00:00:00Z"));
        final AuditKeyRing keys = new AuditKeyRing(KEY, List.of());
        final DecisionLog log;
        final Checkpoints checkpoints;
        final DecisionFeed feed;
        final DecisionLogProjection projection;

        Audit(MongoDatabase database, long every) {
            this.database = database;
            this.log = new DecisionLog(MongoReadStore.of(database));
            this.checkpoints = new Checkpoints(MongoReadStore.of(database), log, keys, clock, settings(every));
            this.feed = new DecisionFeed(log, settings(every));
            this.projection = new DecisionLogProjection(log, checkpoints, feed, settings(every));
        }
    }

    /** The audit settings with their defaults, but a checkpoint every {@code every} entries and a 200 ms poll. */
    static AuditSettings settings(long every) {
        return new AuditSettings("", "", Duration.ofSeconds(10), every, Duration.ofDays(1), Duration.ofHours(1), "",
                "city.example", List.of(),
                new AuditSettings.Stream(Duration.ofSeconds(15), Duration.ofMillis(200)));
    }

    /** A clock a test moves by hand. */
    public static final class MutableClock extends Clock {

        private Instant now;

        public MutableClock(Instant now) {
            this.now = now;
        }

        public void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
