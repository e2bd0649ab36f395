package kyodo.query.project;

import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.project.ActualRecorded;
import kyodo.kernel.project.AgreementSigned;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.PartnerAdded;
import kyodo.kernel.project.ProgressReported;
import kyodo.kernel.project.ProjectApproved;
import kyodo.kernel.project.ProjectCompleted;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectTerminated;
import kyodo.kernel.project.SelfEvaluated;
import kyodo.kernel.project.TargetSet;
import kyodo.query.history.EventStory;
import kyodo.query.history.FeatureHistory;
import org.springframework.stereotype.Component;

import java.util.Map;

import static kyodo.query.history.EventStory.decided;
import static kyodo.query.history.PublicData.map;
import static kyodo.query.history.PublicData.orDash;
import static kyodo.query.history.PublicData.wardEn;
import static kyodo.query.history.PublicData.wardJa;
import static kyodo.query.history.PublicData.yenEn;
import static kyodo.query.history.PublicData.yenJa;

/**
 * A collaborative project's public history: its events told in Japanese and English, and its state
 * at a moment ({@link ProjectReplay}). Partners are organisations, public by nature.
 */
@Component
public class ProjectHistory extends FeatureHistory {

    public ProjectHistory() {
        super(SubjectType.PROJECT, "CollaborativeProject", ProjectReplay::new);
    }

    private static EventStory projectLaunched(ProjectLaunched e) {
        return new EventStory(
                wardJa(e.ward()) + "で" + (e.fiscalYear() == null ? "" : e.fiscalYear().labelJa() + "の")
                        + "協働事業「" + e.title() + "」が立ち上げられました（担当：" + orDash(e.leadDepartment()) + "）",
                "Project “" + e.title() + "” launched in " + wardEn(e.ward())
                        + (e.fiscalYear() == null ? "" : " for " + e.fiscalYear().labelEn())
                        + " (lead: " + orDash(e.leadDepartment()) + ")",
                map("ward", e.ward(), "fiscalYear", e.fiscalYear(), "title", e.title(), "theme", e.theme(),
                        "programme", e.programme(), "origin", origin(e.origin()),
                        "leadDepartment", e.leadDepartment(), "launchedAt", e.launchedAt(),
                        "role", e.launchedBy()));
    }

    private static EventStory projectApproved(ProjectApproved e) {
        return decided("事業が承認されました", "Project approved", e.decision(), map());
    }

    private static EventStory partnerAdded(PartnerAdded e) {
        return new EventStory("パートナー「" + e.name() + "」（" + e.type() + "、役割：" + orDash(e.role()) + "）が加わりました",
                "Partner “" + e.name() + "” (" + e.type() + ", role: " + orDash(e.role()) + ") joined",
                map("partnerId", e.partnerId(), "name", e.name(), "type", e.type(), "partnerRole", e.role(),
                        "addedAt", e.addedAt(), "role", e.addedBy()));
    }

    private static EventStory agreementSigned(AgreementSigned e) {
        return decided("協定「" + e.title() + "」が " + e.signedOn() + " に締結されました",
                "Agreement “" + e.title() + "” signed on " + e.signedOn(), e.decision(),
                map("agreementId", e.agreementId(), "title", e.title(), "partyIds", e.partyIds(),
                        "signedOn", e.signedOn()));
    }

    private static EventStory budgetAllocated(BudgetAllocated e) {
        return decided("予算 " + e.budgetId() + " から " + yenJa(e.amount()) + " が配分されました",
                yenEn(e.amount()) + " allocated from budget " + e.budgetId(), e.decision(),
                map("allocationId", e.allocationId(), "budgetId", e.budgetId(), "amountYen", e.amount()));
    }

    private static EventStory expenditureRecorded(ExpenditureRecorded e) {
        return new EventStory(yenJa(e.amount()) + " の支出が記録されました（" + orDash(e.description()) + "、"
                + orDash(e.spentOn()) + "）",
                "Expenditure of " + yenEn(e.amount()) + " recorded (" + orDash(e.description()) + ", "
                        + orDash(e.spentOn()) + ")",
                map("expenditureId", e.expenditureId(), "amountYen", e.amount(), "description", e.description(),
                        "spentOn", e.spentOn(), "recordedAt", e.recordedAt(), "role", e.recordedBy()));
    }

    private static EventStory targetSet(TargetSet e) {
        return new EventStory("目標「" + e.name() + "」（単位：" + orDash(e.unit()) + "、基準値 " + e.baseline() + "）が設定されました",
                "Target “" + e.name() + "” set (unit: " + orDash(e.unit()) + ", baseline " + e.baseline() + ")",
                map("name", e.name(), "unit", e.unit(), "baseline", e.baseline(), "targets", e.targets(),
                        "setAt", e.setAt(), "role", e.setBy()));
    }

    private static EventStory actualRecorded(ActualRecorded e) {
        return new EventStory(e.fiscalYear() + "年度の「" + e.target() + "」の実績 " + e.value() + " が記録されました",
                "Actual " + e.value() + " recorded for “" + e.target() + "” in FY" + e.fiscalYear(),
                map("target", e.target(), "fiscalYear", e.fiscalYear(), "value", e.value(),
                        "recordedAt", e.recordedAt(), "role", e.recordedBy()));
    }

    private static EventStory progressReported(ProgressReported e) {
        return new EventStory("進捗が報告されました：" + e.text(), "Progress reported: " + e.text(),
                map("text", e.text(), "reportedAt", e.reportedAt(), "role", e.reportedBy()));
    }

    private static EventStory selfEvaluated(SelfEvaluated e) {
        return new EventStory("自己評価（" + e.rating() + "）：" + e.text(),
                "Self-evaluation (" + e.rating() + "): " + e.text(),
                map("rating", e.rating(), "text", e.text(), "evaluatedAt", e.evaluatedAt(),
                        "role", e.evaluatedBy()));
    }

    private static EventStory projectCompleted(ProjectCompleted e) {
        return decided("事業が完了しました", "Project completed", e.decision(), map());
    }

    private static EventStory projectTerminated(ProjectTerminated e) {
        return decided("事業が中止されました（未使用額 " + yenJa(e.unspent()) + " は予算 " + e.budgetId() + " に戻ります）",
                "Project terminated (unspent " + yenEn(e.unspent()) + " returns to budget " + e.budgetId() + ")",
                e.decision(), map("unspentYen", e.unspent(), "budgetId", e.budgetId()));
    }

    /** Where a project came from, the same in the launch event's data and in the replayed state. */
    static Map<String, Object> origin(ProjectOrigin origin) {
        return origin == null ? null : map("proposalId", origin.proposalId(), "meetingId", origin.meetingId(),
                "resolutionId", origin.resolutionId());
    }
}
