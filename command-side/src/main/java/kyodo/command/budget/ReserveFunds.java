package kyodo.command.budget;

import kyodo.command.access.Permission;
import kyodo.command.access.Requires;
import kyodo.kernel.Yen;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Set money aside for a project's allocation; refused beyond the envelope. Idempotent per allocation. */
@Requires(Permission.BUDGET_ALLOCATION)
public record ReserveFunds(@TargetAggregateIdentifier String budgetId, String allocationId, String projectId,
                           Yen amount, Instant at) {
}
