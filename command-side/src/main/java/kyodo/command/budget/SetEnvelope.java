package kyodo.command.budget;

import kyodo.command.access.Permission;
import kyodo.command.access.Requires;
import kyodo.command.platform.DecidingCommand;
import kyodo.command.access.WardTargeted;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Set a ward's budget envelope for a fiscal year (ADMIN); creates the budget the first time. */
@Requires(Permission.BUDGET_ENVELOPE)
public record SetEnvelope(@TargetAggregateIdentifier String budgetId, @TargetAggregateVersion Long expectedVersion,
                          Ward ward, FiscalYear fiscalYear, Yen envelope, String decisionId, String reason,
                          Instant at, StaffRef by) implements WardTargeted, DecidingCommand {
}
