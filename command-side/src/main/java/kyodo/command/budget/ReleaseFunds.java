package kyodo.command.budget;

import kyodo.command.access.Permission;
import kyodo.command.access.Requires;
import kyodo.kernel.Yen;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Return money to the budget: a reservation the project did not record ({@code releaseId} = the
 * allocation id; the reserved amount returns, whatever {@code amount} says), or a terminated
 * project's unspent allocation ({@code releaseId} = {@code termination-<projectId>}). Idempotent
 * per release id; releasing a reservation the budget never made changes nothing.
 */
@Requires(Permission.BUDGET_ALLOCATION)
public record ReleaseFunds(@TargetAggregateIdentifier String budgetId, String releaseId, String projectId,
                           Yen amount, String reason, Instant at) {
}
