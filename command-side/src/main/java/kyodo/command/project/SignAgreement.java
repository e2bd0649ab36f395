package kyodo.command.project;

import kyodo.command.platform.DecidingCommand;
import kyodo.kernel.StaffRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Record an agreement signed by at least two of the project's partners (a decision).
 * {@code expectedVersion} (from If-Match) makes it conditional; null applies it to the current
 * version.
 */
public record SignAgreement(@TargetAggregateIdentifier String projectId, @TargetAggregateVersion Long expectedVersion,
                    String agreementId, String decisionId, String title, java.util.List<String> partyIds, java.time.LocalDate signedOn, Instant at, StaffRef by) implements DecidingCommand {
}
