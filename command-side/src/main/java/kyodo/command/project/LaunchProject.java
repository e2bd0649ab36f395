package kyodo.command.project;

import kyodo.command.access.WardTargeted;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Launch a collaborative project for a ward (or city-wide when {@code ward} is null). */
public record LaunchProject(@TargetAggregateIdentifier String projectId, Ward ward, FiscalYear fiscalYear,
                            String title, String theme, ProjectProgramme programme, ProjectOrigin origin,
                            String leadDepartment, Instant at, StaffRef by) implements WardTargeted {
}
