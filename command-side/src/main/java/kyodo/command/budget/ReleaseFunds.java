package kyodo.command.budget;

import kyodo.kernel.Yen;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Return money to the budget: a reservation the project refused ({@code releaseId} = the
 * allocation id) or a terminated project's unspent allocation. Idempotent per release id.
 */
public record ReleaseFunds(@TargetAggregateIdentifier String budgetId, String releaseId, String projectId,
                           Yen amount, String reason, Instant at) {
}
