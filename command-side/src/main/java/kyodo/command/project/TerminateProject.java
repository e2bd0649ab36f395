package kyodo.command.project;

import kyodo.command.platform.DecidingCommand;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Terminate the project early (a decision); its unspent allocation returns to the ward budget.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record TerminateProject(@TargetAggregateIdentifier String projectId, @TargetAggregateVersion Long expectedVersion,
                    String decisionId, String reason, Instant at, StaffRef by) implements DecidingCommand {
}
