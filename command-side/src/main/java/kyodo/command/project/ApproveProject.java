package kyodo.command.project;

import kyodo.command.access.Permission;
import kyodo.command.access.Requires;
import kyodo.command.platform.DecidingCommand;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Approve the project (a decision; the ward head for a ward project).
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
@Requires(Permission.PROJECT_APPROVAL)
public record ApproveProject(@TargetAggregateIdentifier String projectId, @TargetAggregateVersion Long expectedVersion,
                    String decisionId, String reason, Instant at, StaffRef by) implements DecidingCommand {
}
