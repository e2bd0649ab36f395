package kyodo.command.project;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Record the value a target reached in a fiscal year.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record RecordActual(@TargetAggregateIdentifier String projectId, @TargetAggregateVersion Long expectedVersion,
                    String target, int fiscalYear, long value, Instant at, StaffRef by) {
}
