package kyodo.command.project;

import kyodo.command.platform.DecidingCommand;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Complete the project with a summary (a decision).
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record CompleteProject(@TargetAggregateIdentifier String projectId, @TargetAggregateVersion Long expectedVersion,
                    String decisionId, String summary, Instant at, StaffRef by) implements DecidingCommand {
}
