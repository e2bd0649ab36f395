package kyodo.query.proposal;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalProgressUpdated;
import kyodo.kernel.proposal.ProposalReferralWithdrawn;
import kyodo.kernel.proposal.ProposalReferredToMeeting;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalResponseOverdue;
import kyodo.kernel.proposal.ProposalRevised;
import kyodo.kernel.proposal.ProposalRevisionRequested;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.ProposalSupportCount;
import kyodo.kernel.proposal.ProposalSupportThresholdReached;
import kyodo.kernel.proposal.ProposalWithdrawn;
import kyodo.query.history.PublicData;
import kyodo.query.history.SubjectState;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static kyodo.query.history.PublicData.role;

/** A proposal at a moment, for the public history: where it stands, its text, who handles it, the answer. */
final class ProposalReplay implements SubjectState {

    private static final Set<String> CLOSED = Set.of(ProposalStatus.ACCEPTED.name(),
            ProposalStatus.REJECTED.name(), ProposalStatus.WITHDRAWN.name());
    private final Map<String, Object> s = PublicData.unknown("status", "title", "body", "themes", "ward",
            "programme", "channel", "submittedAt", "department", "dueOn", "overdue", "outcome", "reason",
            "conditions", "decidedAt", "decidedByRole", "daysLate", "meetingId", "progressUpdates", "supports");

    ProposalReplay() {
        s.put("themes", List.of());
        s.put("overdue", false);
        s.put("progressUpdates", 0);
        s.put("supports", 0);
    }

    @Override
    public void apply(Object p) {
        if (p instanceof ProposalSubmitted e) {
            s.put("status", ProposalStatus.SUBMITTED.name());
            s.put("title", e.title());
            s.put("body", e.body());
            s.put("themes", e.themes());
            s.put("ward", PublicData.value(e.ward()));
            s.put("programme", PublicData.value(e.programme()));
            s.put("channel", PublicData.value(e.channel()));
            s.put("submittedAt", PublicData.value(e.submittedAt()));
        } else if (p instanceof ProposalAcknowledged e) {
            s.put("status", ProposalStatus.ACKNOWLEDGED.name());
            s.put("department", e.department());
            s.put("dueOn", PublicData.value(e.dueOn()));
        } else if (p instanceof ProposalProgressUpdated) {
            s.put("progressUpdates", (int) s.get("progressUpdates") + 1);
        } else if (p instanceof ProposalRevisionRequested e) {
            s.put("status", ProposalStatus.REVISION_REQUESTED.name());
            s.put("reason", e.decision().reason());
        } else if (p instanceof ProposalRevised e) {
            s.put("status", ProposalStatus.ACKNOWLEDGED.name());
            if (e.title() != null) {
                s.put("title", e.title());
            }
            if (e.body() != null) {
                s.put("body", e.body());
            }
            s.put("reason", null);
        } else if (p instanceof ProposalReferredToMeeting e) {
            s.put("status", ProposalStatus.REFERRED_TO_MEETING.name());
            s.put("meetingId", e.meetingId());
            s.put("reason", e.decision().reason());
        } else if (p instanceof ProposalReferralWithdrawn e) {
            s.put("status", ProposalStatus.ACKNOWLEDGED.name());
            s.put("meetingId", null);
            s.put("reason", e.decision().reason());
        } else if (p instanceof ProposalAccepted e) {
            answered(ProposalStatus.ACCEPTED, e.decision(), e.conditions(), e.daysLate());
        } else if (p instanceof ProposalRejected e) {
            answered(ProposalStatus.REJECTED, e.decision(), null, e.daysLate());
        } else if (p instanceof ProposalWithdrawn e) {
            s.put("status", ProposalStatus.WITHDRAWN.name());
            s.put("reason", e.reason());
            s.put("overdue", false);
        } else if (p instanceof ProposalSupportCount e) {
            s.put("supports", e.supports());
            if (e instanceof ProposalSupportThresholdReached reached) {
                s.put("dueOn", PublicData.value(reached.dueOn()));
            }
        } else if (p instanceof ProposalResponseOverdue) {
            if (!CLOSED.contains((String) s.get("status"))) {
                s.put("overdue", true);
            }
        }
    }

    private void answered(ProposalStatus status, Decision decision, String conditions, int daysLate) {
        s.put("status", status.name());
        s.put("outcome", status.name());
        s.put("reason", decision.reason());
        s.put("conditions", conditions);
        s.put("decidedAt", PublicData.value(decision.decidedAt()));
        s.put("decidedByRole", role(decision.decidedBy()));
        s.put("daysLate", daysLate);
        s.put("overdue", false);
    }

    @Override
    public Map<String, Object> toMap() {
        return s;
    }
}
