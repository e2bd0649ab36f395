package kyodo.kernel.project;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;

/**
 * The envelope of a ward's budget for a fiscal year was set (ADMIN): a decision. The sum of allocations never exceeds it.
 *
 * @param budgetId   the ward budget ({ward}-{fiscalYear})
 * @param ward       the ward
 * @param fiscalYear the fiscal year
 * @param envelope   the envelope
 * @param decision   kind BUDGET_ENVELOPE, outcome SET, with the reason
 */
public record BudgetEnvelopeSet(String budgetId, Ward ward, FiscalYear fiscalYear, Yen envelope, Decision decision)
        implements DecisionEvent {
}
