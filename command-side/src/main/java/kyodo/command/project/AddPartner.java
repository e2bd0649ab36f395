package kyodo.command.project;

import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Add an organisation as a partner of the project.
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record AddPartner(@TargetAggregateIdentifier String projectId, @TargetAggregateVersion Long expectedVersion,
                    String partnerId, String name, kyodo.kernel.project.PartnerType type, String role, Instant at, StaffRef by) {
}
