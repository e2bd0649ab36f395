package kyodo.kernel.project;

import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;

/**
 * The project was terminated early: a decision. Its unspent allocation returns to the ward budget.
 *
 * @param projectId the project
 * @param unspent   the allocation not spent, returned to the ward budget
 * @param budgetId  the ward budget it returns to, or null when nothing was allocated
 * @param decision  kind PROJECT_TERMINATION, outcome TERMINATED, with the reason
 */
public record ProjectTerminated(String projectId, Yen unspent, String budgetId, Decision decision) implements DecisionEvent {
}
