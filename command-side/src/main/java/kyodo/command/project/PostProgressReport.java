package kyodo.command.project;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Post a public progress report.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record PostProgressReport(@TargetAggregateIdentifier String projectId, @TargetAggregateVersion Long expectedVersion,
                    String text, Instant at, StaffRef by) {
}
