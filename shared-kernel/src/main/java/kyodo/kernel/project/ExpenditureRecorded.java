package kyodo.kernel.project;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Yen;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Money was spent on the project, within its allocation.
 *
 * @param projectId     the project
 * @param expenditureId the expenditure
 * @param amount        how much
 * @param description   what for, public
 * @param spentOn       the day it was spent
 * @param recordedAt    when it was recorded
 * @param recordedBy    who
 */
public record ExpenditureRecorded(String projectId, String expenditureId, Yen amount, String description, LocalDate spentOn,
                                  Instant recordedAt, StaffRef recordedBy) {
}
