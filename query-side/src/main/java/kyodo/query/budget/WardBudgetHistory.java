package kyodo.query.budget;

import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import kyodo.query.history.EventStory;
import kyodo.query.history.FeatureHistory;
import org.springframework.stereotype.Component;

import static kyodo.query.history.EventStory.decided;
import static kyodo.query.history.PublicData.map;
import static kyodo.query.history.PublicData.orDash;
import static kyodo.query.history.PublicData.wardEn;
import static kyodo.query.history.PublicData.wardJa;
import static kyodo.query.history.PublicData.yenEn;
import static kyodo.query.history.PublicData.yenJa;

/**
 * A ward budget's public history: its envelope and the money reserved against it and released,
 * told in Japanese and English, and its state at a moment ({@link WardBudgetReplay}).
 */
@Component
public class WardBudgetHistory extends FeatureHistory {

    public WardBudgetHistory() {
        super(SubjectType.WARD_BUDGET, "WardBudget", WardBudgetReplay::new);
    }

    private static EventStory budgetEnvelopeSet(BudgetEnvelopeSet e) {
        return decided(wardJa(e.ward()) + " " + e.fiscalYear().labelJa() + "の予算枠が " + yenJa(e.envelope())
                        + " に設定されました",
                wardEn(e.ward()) + " " + e.fiscalYear().labelEn() + " envelope set to " + yenEn(e.envelope()),
                e.decision(), map("ward", e.ward(), "fiscalYear", e.fiscalYear(), "envelopeYen", e.envelope()));
    }

    private static EventStory fundsReserved(FundsReserved e) {
        return new EventStory("事業 " + e.projectId() + " のために " + yenJa(e.amount()) + " が確保されました",
                yenEn(e.amount()) + " reserved for project " + e.projectId(),
                map("allocationId", e.allocationId(), "projectId", e.projectId(), "amountYen", e.amount(),
                        "reservedAt", e.reservedAt()));
    }

    private static EventStory fundsReleased(FundsReleased e) {
        return new EventStory("事業 " + e.projectId() + " の " + yenJa(e.amount()) + " が戻されました（理由："
                + orDash(e.reason()) + "）",
                yenEn(e.amount()) + " released from project " + e.projectId() + " (reason: " + orDash(e.reason()) + ")",
                map("releaseId", e.releaseId(), "projectId", e.projectId(), "amountYen", e.amount(),
                        "reason", e.reason(), "releasedAt", e.releasedAt()));
    }
}
