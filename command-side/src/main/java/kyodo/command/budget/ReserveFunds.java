package kyodo.command.budget;

import kyodo.kernel.Yen;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Set money aside for a project's allocation; refused beyond the envelope. Idempotent per allocation. */
public record ReserveFunds(@TargetAggregateIdentifier String budgetId, String allocationId, String projectId,
                           Yen amount, Instant at) {
}
