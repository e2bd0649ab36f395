package kyodo.command.project;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Record the project's self-evaluation (自己点検): rating 1 to 5 and reasons.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record SelfEvaluate(@TargetAggregateIdentifier String projectId, @TargetAggregateVersion Long expectedVersion,
                    int rating, String text, Instant at, StaffRef by) {
}
