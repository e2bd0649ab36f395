package kyodo.command.project;

import kyodo.command.access.Permission;
import kyodo.command.access.Requires;
import kyodo.command.platform.DecidingCommand;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Record on the project an allocation its ward budget has reserved (the ward head's decision).
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
@Requires(Permission.BUDGET_ALLOCATION)
public record RecordAllocation(@TargetAggregateIdentifier String projectId, @TargetAggregateVersion Long expectedVersion,
                    String allocationId, String decisionId, String budgetId, kyodo.kernel.Yen amount, String reason, Instant at, StaffRef by) implements DecidingCommand {
}
