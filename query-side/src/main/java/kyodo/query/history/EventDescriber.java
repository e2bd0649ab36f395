package kyodo.query.history;

import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.AgendaPublished;
import kyodo.kernel.meeting.FeedbackRecorded;
import kyodo.kernel.meeting.GroupFormed;
import kyodo.kernel.meeting.MeetingCancelled;
import kyodo.kernel.meeting.MeetingClosed;
import kyodo.kernel.meeting.MeetingOpened;
import kyodo.kernel.meeting.MeetingRescheduled;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.kernel.meeting.MinutesPublished;
import kyodo.kernel.meeting.OpinionRecorded;
import kyodo.kernel.meeting.ParticipantRegistered;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.kernel.project.ActualRecorded;
import kyodo.kernel.project.AgreementSigned;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import kyodo.kernel.project.PartnerAdded;
import kyodo.kernel.project.ProgressReported;
import kyodo.kernel.project.ProjectApproved;
import kyodo.kernel.project.ProjectCompleted;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.project.ProjectTerminated;
import kyodo.kernel.project.SelfEvaluated;
import kyodo.kernel.project.TargetSet;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalProgressUpdated;
import kyodo.kernel.proposal.ProposalReferredToMeeting;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalResponseOverdue;
import kyodo.kernel.proposal.ProposalRevised;
import kyodo.kernel.proposal.ProposalRevisionRequested;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.ProposalWithdrawn;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static kyodo.query.history.PublicData.PERSONAL;
import static kyodo.query.history.PublicData.PERSONAL_EN;
import static kyodo.query.history.PublicData.PERSONAL_JA;
import static kyodo.query.history.PublicData.map;
import static kyodo.query.history.PublicData.orDash;
import static kyodo.query.history.PublicData.role;
import static kyodo.query.history.PublicData.tokyo;
import static kyodo.query.history.PublicData.yenEn;
import static kyodo.query.history.PublicData.yenJa;

/**
 * Describes events for the public history, in Japanese and English, from their public fields only:
 * sealed personal data becomes a placeholder, a staff member shows as a role, never an id. Pure:
 * no stores, no clock. An event type it does not know gets a generic description and no data.
 */
public final class EventDescriber {

    private EventDescriber() {
    }

    public static HistoryEntry describe(HistoryEvent event) {
        Object p = event.payload();
        Described d;
        try {
            d = describePayload(p);
        } catch (RuntimeException unexpected) {
            d = null; // a malformed old event must not break the history
        }
        if (d == null) {
            String name = p.getClass().getSimpleName();
            d = new Described("種類不明の記録（" + name + "）", "Recorded (" + name + ")", Map.of());
        }
        return new HistoryEntry(event.seq(), event.at(), PublicData.kind(p.getClass()), d.ja, d.en, d.data);
    }

    private record Described(String ja, String en, Map<String, Object> data) {
    }

    private static Described describePayload(Object p) {
        // ---- proposals ----
        if (p instanceof ProposalSubmitted e) {
            return new Described(
                    wardJa(e.ward()) + "に提案「" + e.title() + "」が提出されました（提案者：" + PERSONAL_JA + "）",
                    "Proposal “" + e.title() + "” submitted in " + wardEn(e.ward()) + " (proposer: " + PERSONAL_EN + ")",
                    map("ward", e.ward(), "title", e.title(), "body", e.body(), "themes", e.themes(),
                            "programme", e.programme(), "channel", e.channel(), "proposer", PERSONAL,
                            "submittedAt", e.submittedAt()));
        }
        if (p instanceof ProposalAcknowledged e) {
            return new Described(
                    e.department() + "が受理しました（回答期限 " + e.dueOn() + "）",
                    "Acknowledged by " + e.department() + " (answer due " + e.dueOn() + ")",
                    map("department", e.department(), "dueOn", e.dueOn(), "acknowledgedAt", e.acknowledgedAt(),
                            "role", e.acknowledgedBy()));
        }
        if (p instanceof ProposalProgressUpdated e) {
            return new Described("進捗が報告されました：" + e.text(), "Progress update: " + e.text(),
                    map("text", e.text(), "postedAt", e.postedAt(), "role", e.postedBy()));
        }
        if (p instanceof ProposalRevisionRequested e) {
            return decided("提案者に修正を求めました", "Revision requested from the proposer", e.decision(), map());
        }
        if (p instanceof ProposalRevised e) {
            return new Described(
                    "提案が修正されました" + (e.title() == null ? "" : "（件名：「" + e.title() + "」）"),
                    "The proposal was revised" + (e.title() == null ? "" : " (title: “" + e.title() + "”)"),
                    map("title", e.title(), "body", e.body(), "revisedAt", e.revisedAt(), "role", e.recordedBy()));
        }
        if (p instanceof ProposalReferredToMeeting e) {
            return decided("会議 " + e.meetingId() + " に付議されました", "Referred to meeting " + e.meetingId(),
                    e.decision(), map("meetingId", e.meetingId()));
        }
        if (p instanceof ProposalAccepted e) {
            String ja = "採用されました" + (e.conditions() == null ? "" : "（条件：" + e.conditions() + "）")
                    + late(e.daysLate(), true);
            String en = "Accepted" + (e.conditions() == null ? "" : " (conditions: " + e.conditions() + ")")
                    + late(e.daysLate(), false);
            return decided(ja, en, e.decision(), map("conditions", e.conditions(), "daysLate", e.daysLate()));
        }
        if (p instanceof ProposalRejected e) {
            return decided("不採用となりました" + late(e.daysLate(), true), "Rejected" + late(e.daysLate(), false),
                    e.decision(), map("daysLate", e.daysLate()));
        }
        if (p instanceof ProposalWithdrawn e) {
            return new Described("取り下げられました（理由：" + orDash(e.reason()) + "）",
                    "Withdrawn (reason: " + orDash(e.reason()) + ")",
                    map("reason", e.reason(), "withdrawnAt", e.withdrawnAt(), "role", e.recordedBy()));
        }
        if (p instanceof ProposalResponseOverdue e) {
            return new Described("回答期限 " + e.dueOn() + " を過ぎました", "The answer due " + e.dueOn() + " is overdue",
                    map("dueOn", e.dueOn(), "recordedAt", e.recordedAt(), "role", "SYSTEM"));
        }
        // ---- meetings ----
        if (p instanceof MeetingScheduled e) {
            String placeJa = e.ward() != null ? e.ward().nameJa() : e.district() != null ? e.district().nameJa() : "";
            String placeEn = e.ward() != null ? e.ward().nameEn() : e.district() != null ? e.district().nameEn() : "";
            return new Described(
                    placeJa + "の会議「" + e.title() + "」（" + e.kind() + "）が " + tokyo(e.startsAt()) + "〜"
                            + tokyo(e.endsAt()) + "、" + orDash(e.venue()) + " に予定されました",
                    "Meeting “" + e.title() + "” (" + e.kind() + ") in " + placeEn + " scheduled for "
                            + tokyo(e.startsAt()) + "–" + tokyo(e.endsAt()) + " at " + orDash(e.venue()),
                    map("kind", e.kind(), "ward", e.ward(), "district", e.district(), "title", e.title(),
                            "startsAt", e.startsAt(), "endsAt", e.endsAt(), "venue", e.venue(),
                            "capacity", e.capacity(), "publicObservation", e.publicObservation(),
                            "themes", e.themes(), "term", e.term(), "session", e.session(),
                            "scheduledAt", e.scheduledAt(), "role", e.scheduledBy()));
        }
        if (p instanceof MeetingRescheduled e) {
            return new Described(
                    "日程が " + tokyo(e.startsAt()) + "〜" + tokyo(e.endsAt()) + " に変更されました（理由："
                            + orDash(e.reason()) + "）",
                    "Rescheduled to " + tokyo(e.startsAt()) + "–" + tokyo(e.endsAt()) + " (reason: "
                            + orDash(e.reason()) + ")",
                    map("startsAt", e.startsAt(), "endsAt", e.endsAt(), "reason", e.reason(),
                            "rescheduledAt", e.rescheduledAt(), "role", e.rescheduledBy()));
        }
        if (p instanceof MeetingCancelled e) {
            return new Described("中止されました（理由：" + orDash(e.reason()) + "）",
                    "Cancelled (reason: " + orDash(e.reason()) + ")",
                    map("reason", e.reason(), "cancelledAt", e.cancelledAt(), "role", e.cancelledBy()));
        }
        if (p instanceof AgendaPublished e) {
            String titles = e.items().stream().map(AgendaItem::title).collect(Collectors.joining("、"));
            return new Described("議題 " + e.items().size() + " 件が公開されました：" + titles,
                    "Agenda of " + e.items().size() + " item(s) published: "
                            + e.items().stream().map(AgendaItem::title).collect(Collectors.joining("; ")),
                    map("items", agenda(e.items()), "publishedAt", e.publishedAt(), "role", e.publishedBy()));
        }
        if (p instanceof GroupFormed e) {
            return new Described("第" + e.number() + "グループ（テーマ：" + e.theme() + "）が編成されました",
                    "Group " + e.number() + " formed (theme: " + e.theme() + ")",
                    map("number", e.number(), "theme", e.theme(), "formedAt", e.formedAt(), "role", e.formedBy()));
        }
        if (p instanceof ParticipantRegistered e) {
            String byJa = e.nominatedBy() == null ? "" : "、推薦：" + e.nominatedBy();
            String byEn = e.nominatedBy() == null ? "" : ", nominated by " + e.nominatedBy();
            return new Described("参加者が登録されました（" + PERSONAL_JA + byJa + "）",
                    "A participant was registered (" + PERSONAL_EN + byEn + ")",
                    map("participant", PERSONAL, "nominatedBy", e.nominatedBy(), "registeredAt", e.registeredAt(),
                            "role", e.registeredBy()));
        }
        if (p instanceof MeetingOpened e) {
            return new Described("開会しました（出席 " + e.attendance() + " 名）",
                    "Opened (attendance " + e.attendance() + ")",
                    map("attendance", e.attendance(), "openedAt", e.openedAt(), "role", e.openedBy()));
        }
        if (p instanceof OpinionRecorded e) {
            String groupJa = e.group() == null ? "" : "第" + e.group() + "グループ、";
            String groupEn = e.group() == null ? "" : "group " + e.group() + ", ";
            return new Described("意見が記録されました（" + groupJa + "テーマ：" + orDash(e.theme()) + "）：" + e.text(),
                    "Opinion recorded (" + groupEn + "theme: " + orDash(e.theme()) + "): " + e.text(),
                    map("opinionId", e.opinionId(), "group", e.group(), "theme", e.theme(), "text", e.text(),
                            "related", e.related(), "proposalId", e.proposalId(), "recordedAt", e.recordedAt(),
                            "role", e.recordedBy()));
        }
        if (p instanceof ResolutionVoted e) {
            String votesJa = "賛成 " + e.votesFor() + "・反対 " + e.votesAgainst() + "・棄権 " + e.abstentions();
            String votesEn = e.votesFor() + " for, " + e.votesAgainst() + " against, " + e.abstentions() + " abstaining";
            return decided("議案「" + e.motion() + "」を採決しました（" + votesJa + "）",
                    "Motion “" + e.motion() + "” voted (" + votesEn + ")", e.decision(),
                    map("resolutionId", e.resolutionId(), "motion", e.motion(), "proposalId", e.proposalId(),
                            "proposalOutcome", e.proposalOutcome(), "votesFor", e.votesFor(),
                            "votesAgainst", e.votesAgainst(), "abstentions", e.abstentions(),
                            "attendance", e.attendance()));
        }
        if (p instanceof MeetingClosed e) {
            return new Described("閉会しました（出席 " + e.attendance() + " 名）",
                    "Closed (attendance " + e.attendance() + ")",
                    map("attendance", e.attendance(), "closedAt", e.closedAt(), "role", e.closedBy()));
        }
        if (p instanceof MinutesPublished e) {
            return new Described("議事録が公開されました", "Minutes published",
                    map("text", e.text(), "publishedAt", e.publishedAt(), "role", e.publishedBy()));
        }
        if (p instanceof FeedbackRecorded e) {
            return new Described(orDash(e.group()) + " からのフィードバックが記録されました：" + e.text(),
                    "Feedback from " + orDash(e.group()) + " recorded: " + e.text(),
                    map("group", e.group(), "text", e.text(), "recordedAt", e.recordedAt(), "role", e.recordedBy()));
        }
        // ---- projects ----
        if (p instanceof ProjectLaunched e) {
            return new Described(
                    wardJa(e.ward()) + "で" + (e.fiscalYear() == null ? "" : e.fiscalYear().labelJa() + "の")
                            + "協働事業「" + e.title() + "」が立ち上げられました（担当：" + orDash(e.leadDepartment()) + "）",
                    "Project “" + e.title() + "” launched in " + wardEn(e.ward())
                            + (e.fiscalYear() == null ? "" : " for " + e.fiscalYear().labelEn())
                            + " (lead: " + orDash(e.leadDepartment()) + ")",
                    map("ward", e.ward(), "fiscalYear", e.fiscalYear(), "title", e.title(), "theme", e.theme(),
                            "programme", e.programme(), "origin", e.origin() == null ? null
                                    : map("proposalId", e.origin().proposalId(), "meetingId", e.origin().meetingId(),
                                    "resolutionId", e.origin().resolutionId()),
                            "leadDepartment", e.leadDepartment(), "launchedAt", e.launchedAt(),
                            "role", e.launchedBy()));
        }
        if (p instanceof ProjectApproved e) {
            return decided("事業が承認されました", "Project approved", e.decision(), map());
        }
        if (p instanceof PartnerAdded e) {
            return new Described("パートナー「" + e.name() + "」（" + e.type() + "、役割：" + orDash(e.role()) + "）が加わりました",
                    "Partner “" + e.name() + "” (" + e.type() + ", role: " + orDash(e.role()) + ") joined",
                    map("partnerId", e.partnerId(), "name", e.name(), "type", e.type(), "partnerRole", e.role(),
                            "addedAt", e.addedAt(), "role", e.addedBy()));
        }
        if (p instanceof AgreementSigned e) {
            return decided("協定「" + e.title() + "」が " + e.signedOn() + " に締結されました",
                    "Agreement “" + e.title() + "” signed on " + e.signedOn(), e.decision(),
                    map("agreementId", e.agreementId(), "title", e.title(), "partyIds", e.partyIds(),
                            "signedOn", e.signedOn()));
        }
        if (p instanceof BudgetAllocated e) {
            return decided("予算 " + e.budgetId() + " から " + yenJa(e.amount()) + " が配分されました",
                    yenEn(e.amount()) + " allocated from budget " + e.budgetId(), e.decision(),
                    map("allocationId", e.allocationId(), "budgetId", e.budgetId(), "amountYen", e.amount()));
        }
        if (p instanceof ExpenditureRecorded e) {
            return new Described(yenJa(e.amount()) + " の支出が記録されました（" + orDash(e.description()) + "、"
                    + orDash(e.spentOn()) + "）",
                    "Expenditure of " + yenEn(e.amount()) + " recorded (" + orDash(e.description()) + ", "
                            + orDash(e.spentOn()) + ")",
                    map("expenditureId", e.expenditureId(), "amountYen", e.amount(), "description", e.description(),
                            "spentOn", e.spentOn(), "recordedAt", e.recordedAt(), "role", e.recordedBy()));
        }
        if (p instanceof TargetSet e) {
            return new Described("目標「" + e.name() + "」（単位：" + orDash(e.unit()) + "、基準値 " + e.baseline() + "）が設定されました",
                    "Target “" + e.name() + "” set (unit: " + orDash(e.unit()) + ", baseline " + e.baseline() + ")",
                    map("name", e.name(), "unit", e.unit(), "baseline", e.baseline(), "targets", e.targets(),
                            "setAt", e.setAt(), "role", e.setBy()));
        }
        if (p instanceof ActualRecorded e) {
            return new Described(e.fiscalYear() + "年度の「" + e.target() + "」の実績 " + e.value() + " が記録されました",
                    "Actual " + e.value() + " recorded for “" + e.target() + "” in FY" + e.fiscalYear(),
                    map("target", e.target(), "fiscalYear", e.fiscalYear(), "value", e.value(),
                            "recordedAt", e.recordedAt(), "role", e.recordedBy()));
        }
        if (p instanceof ProgressReported e) {
            return new Described("進捗が報告されました：" + e.text(), "Progress reported: " + e.text(),
                    map("text", e.text(), "reportedAt", e.reportedAt(), "role", e.reportedBy()));
        }
        if (p instanceof SelfEvaluated e) {
            return new Described("自己評価（" + e.rating() + "）：" + e.text(),
                    "Self-evaluation (" + e.rating() + "): " + e.text(),
                    map("rating", e.rating(), "text", e.text(), "evaluatedAt", e.evaluatedAt(),
                            "role", e.evaluatedBy()));
        }
        if (p instanceof ProjectCompleted e) {
            return decided("事業が完了しました", "Project completed", e.decision(), map());
        }
        if (p instanceof ProjectTerminated e) {
            return decided("事業が中止されました（未使用額 " + yenJa(e.unspent()) + " は予算 " + e.budgetId() + " に戻ります）",
                    "Project terminated (unspent " + yenEn(e.unspent()) + " returns to budget " + e.budgetId() + ")",
                    e.decision(), map("unspentYen", e.unspent(), "budgetId", e.budgetId()));
        }
        // ---- ward budgets ----
        if (p instanceof BudgetEnvelopeSet e) {
            return decided(wardJa(e.ward()) + " " + e.fiscalYear().labelJa() + "の予算枠が " + yenJa(e.envelope())
                            + " に設定されました",
                    wardEn(e.ward()) + " " + e.fiscalYear().labelEn() + " envelope set to " + yenEn(e.envelope()),
                    e.decision(), map("ward", e.ward(), "fiscalYear", e.fiscalYear(), "envelopeYen", e.envelope()));
        }
        if (p instanceof FundsReserved e) {
            return new Described("事業 " + e.projectId() + " のために " + yenJa(e.amount()) + " が確保されました",
                    yenEn(e.amount()) + " reserved for project " + e.projectId(),
                    map("allocationId", e.allocationId(), "projectId", e.projectId(), "amountYen", e.amount(),
                            "reservedAt", e.reservedAt()));
        }
        if (p instanceof FundsReleased e) {
            return new Described("事業 " + e.projectId() + " の " + yenJa(e.amount()) + " が戻されました（理由："
                    + orDash(e.reason()) + "）",
                    yenEn(e.amount()) + " released from project " + e.projectId() + " (reason: " + orDash(e.reason()) + ")",
                    map("releaseId", e.releaseId(), "projectId", e.projectId(), "amountYen", e.amount(),
                            "reason", e.reason(), "releasedAt", e.releasedAt()));
        }
        return null;
    }

    /** A decision event: its own text, then outcome, reason and the deciding role. */
    private static Described decided(String ja, String en, Decision decision, Map<String, Object> data) {
        data.put("decision", PublicData.decision(decision));
        String reason = decision.reason();
        String roleName = orDash(role(decision.decidedBy()));
        return new Described(
                ja + "【決定：" + decision.outcome() + "／理由：" + orDash(reason) + "／" + roleName + "】",
                en + " [decision: " + decision.outcome() + "; reason: " + orDash(reason) + "; by " + roleName + "]",
                data);
    }

    private static String late(int daysLate, boolean ja) {
        if (daysLate <= 0) {
            return "";
        }
        return ja ? "（回答期限から " + daysLate + " 日遅れ）" : " (" + daysLate + " day(s) after the due date)";
    }

    private static List<Map<String, Object>> agenda(List<AgendaItem> items) {
        return items.stream().map(i -> map("title", i.title(), "lead", i.lead(),
                "discussionPoints", i.discussionPoints(), "preparation", i.preparation())).toList();
    }

    private static String wardJa(Ward ward) {
        return ward == null ? "" : ward.nameJa();
    }

    private static String wardEn(Ward ward) {
        return ward == null ? "" : ward.nameEn();
    }
}
