package kyodo.command.project;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Record money spent, within the project's allocation.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record RecordExpenditure(@TargetAggregateIdentifier String projectId, @TargetAggregateVersion Long expectedVersion,
                    String expenditureId, kyodo.kernel.Yen amount, String description, java.time.LocalDate spentOn, Instant at, StaffRef by) {
}
