package kyodo.command.project;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Set (or reset) a target of the action plan: baseline and value per fiscal year.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record SetTarget(@TargetAggregateIdentifier String projectId, @TargetAggregateVersion Long expectedVersion,
                    String name, String unit, long baseline, java.util.Map<Integer, Long> targets, Instant at, StaffRef by) {
}
