package kyodo.query.proposal;

import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalProgressUpdated;
import kyodo.kernel.proposal.ProposalReferralWithdrawn;
import kyodo.kernel.proposal.ProposalReferredToMeeting;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalResponseOverdue;
import kyodo.kernel.proposal.ProposalRevised;
import kyodo.kernel.proposal.ProposalRevisionRequested;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.ProposalSupportThresholdReached;
import kyodo.kernel.proposal.ProposalSupportWithdrawn;
import kyodo.kernel.proposal.ProposalSupported;
import kyodo.kernel.proposal.ProposalWithdrawn;
import kyodo.query.history.EventStory;
import kyodo.query.history.FeatureHistory;
import org.springframework.stereotype.Component;

import static kyodo.query.history.EventStory.decided;
import static kyodo.query.history.PublicData.PERSONAL;
import static kyodo.query.history.PublicData.PERSONAL_EN;
import static kyodo.query.history.PublicData.PERSONAL_JA;
import static kyodo.query.history.PublicData.map;
import static kyodo.query.history.PublicData.orDash;
import static kyodo.query.history.PublicData.wardEn;
import static kyodo.query.history.PublicData.wardJa;

/**
 * A proposal's public history: its events told in Japanese and English, and its state at a moment
 * ({@link ProposalReplay}). The proposer is sealed personal data and shows only as a placeholder.
 */
@Component
public class ProposalHistory extends FeatureHistory {

    public ProposalHistory() {
        super(SubjectType.PROPOSAL, "Proposal", ProposalReplay::new);
    }

    private static EventStory proposalSubmitted(ProposalSubmitted e) {
        return new EventStory(
                wardJa(e.ward()) + "に提案「" + e.title() + "」が提出されました（提案者：" + PERSONAL_JA + "）",
                "Proposal “" + e.title() + "” submitted in " + wardEn(e.ward()) + " (proposer: " + PERSONAL_EN + ")",
                map("ward", e.ward(), "title", e.title(), "body", e.body(), "themes", e.themes(),
                        "programme", e.programme(), "channel", e.channel(), "proposer", PERSONAL,
                        "submittedAt", e.submittedAt()));
    }

    private static EventStory proposalAcknowledged(ProposalAcknowledged e) {
        return new EventStory(
                e.department() + "が受理しました（回答期限 " + e.dueOn() + "）",
                "Acknowledged by " + e.department() + " (answer due " + e.dueOn() + ")",
                map("department", e.department(), "dueOn", e.dueOn(), "acknowledgedAt", e.acknowledgedAt(),
                        "role", e.acknowledgedBy()));
    }

    private static EventStory proposalProgressUpdated(ProposalProgressUpdated e) {
        return new EventStory("進捗が報告されました：" + e.text(), "Progress update: " + e.text(),
                map("text", e.text(), "postedAt", e.postedAt(), "role", e.postedBy()));
    }

    private static EventStory proposalRevisionRequested(ProposalRevisionRequested e) {
        return decided("提案者に修正を求めました", "Revision requested from the proposer", e.decision(), map());
    }

    private static EventStory proposalRevised(ProposalRevised e) {
        return new EventStory(
                "提案が修正されました" + (e.title() == null ? "" : "（件名：「" + e.title() + "」）"),
                "The proposal was revised" + (e.title() == null ? "" : " (title: “" + e.title() + "”)"),
                map("title", e.title(), "body", e.body(), "revisedAt", e.revisedAt(), "role", e.recordedBy()));
    }

    private static EventStory proposalReferredToMeeting(ProposalReferredToMeeting e) {
        return decided("会議 " + e.meetingId() + " に付議されました", "Referred to meeting " + e.meetingId(),
                e.decision(), map("meetingId", e.meetingId()));
    }

    private static EventStory proposalReferralWithdrawn(ProposalReferralWithdrawn e) {
        return decided("会議 " + e.meetingId() + " への付議が撤回されました（理由：" + orDash(e.decision().reason()) + "）",
                "Referral to meeting " + e.meetingId() + " withdrawn (reason: " + orDash(e.decision().reason()) + ")",
                e.decision(), map("meetingId", e.meetingId()));
    }

    private static EventStory proposalAccepted(ProposalAccepted e) {
        String ja = "採用されました" + (e.conditions() == null ? "" : "（条件：" + e.conditions() + "）")
                + late(e.daysLate(), true);
        String en = "Accepted" + (e.conditions() == null ? "" : " (conditions: " + e.conditions() + ")")
                + late(e.daysLate(), false);
        return decided(ja, en, e.decision(), map("conditions", e.conditions(), "daysLate", e.daysLate()));
    }

    private static EventStory proposalRejected(ProposalRejected e) {
        return decided("不採用となりました" + late(e.daysLate(), true), "Rejected" + late(e.daysLate(), false),
                e.decision(), map("daysLate", e.daysLate()));
    }

    private static EventStory proposalWithdrawn(ProposalWithdrawn e) {
        return new EventStory("取り下げられました（理由：" + orDash(e.reason()) + "）",
                "Withdrawn (reason: " + orDash(e.reason()) + ")",
                map("reason", e.reason(), "withdrawnAt", e.withdrawnAt(), "role", e.recordedBy()));
    }

    private static EventStory proposalResponseOverdue(ProposalResponseOverdue e) {
        return new EventStory("回答期限 " + e.dueOn() + " を過ぎました", "The answer due " + e.dueOn() + " is overdue",
                map("dueOn", e.dueOn(), "recordedAt", e.recordedAt(), "role", "SYSTEM"));
    }

    /** A support, told by its count alone: who supports a proposal is never public (issue 17). */
    private static EventStory proposalSupported(ProposalSupported e) {
        return new EventStory("住民が賛同しました（賛同 計" + e.supports() + "件）",
                "A resident supported it (" + e.supports() + " support(s) in all)",
                map("supports", e.supports(), "supportedAt", e.supportedAt(), "role", "RESIDENT"));
    }

    private static EventStory proposalSupportWithdrawn(ProposalSupportWithdrawn e) {
        return new EventStory("住民が賛同を取り下げました（賛同 計" + e.supports() + "件）",
                "A resident withdrew their support (" + e.supports() + " support(s) in all)",
                map("supports", e.supports(), "withdrawnAt", e.withdrawnAt(), "role", "RESIDENT"));
    }

    private static EventStory proposalSupportThresholdReached(ProposalSupportThresholdReached e) {
        return new EventStory("賛同が" + e.threshold() + "件に達し、回答期限は " + e.dueOn() + " になりました",
                "Supports reached " + e.threshold() + "; the answer is due " + e.dueOn(),
                map("threshold", e.threshold(), "dueOn", e.dueOn(), "reachedAt", e.reachedAt(), "role", "SYSTEM"));
    }

    private static String late(int daysLate, boolean ja) {
        if (daysLate <= 0) {
            return "";
        }
        return ja ? "（回答期限から " + daysLate + " 日遅れ）" : " (" + daysLate + " day(s) after the due date)";
    }
}
