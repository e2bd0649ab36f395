package kyodo.kernel.project;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;

/**
 * The project was approved (by the ward head for a ward project): a decision.
 *
 * @param projectId the project
 * @param decision  kind PROJECT_APPROVAL, outcome APPROVED, with the reason
 */
public record ProjectApproved(String projectId, Decision decision) implements DecisionEvent {
}
