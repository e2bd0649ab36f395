package kyodo.kernel.project;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;

/**
 * The project was completed: a decision with its summary as the reason.
 *
 * @param projectId the project
 * @param decision  kind PROJECT_COMPLETION, outcome COMPLETED
 */
public record ProjectCompleted(String projectId, Decision decision) implements DecisionEvent {
}
