package kyodo.kernel.project;

import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;

/**
 * Money from the ward's budget was allocated to the project (the ward head's decision); the ward budget had reserved it first.
 *
 * @param projectId    the project
 * @param allocationId the allocation, the same id on the ward budget's side
 * @param budgetId     the ward budget it comes from
 * @param amount       how much
 * @param decision     kind BUDGET_ALLOCATION, outcome ALLOCATED, with the reason
 */
public record BudgetAllocated(String projectId, String allocationId, String budgetId, Yen amount, Decision decision)
        implements DecisionEvent {
}
