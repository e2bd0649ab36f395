package kyodo.kernel.project;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * The value a target actually reached in a fiscal year.
 *
 * @param projectId  the project
 * @param target     the target's name
 * @param fiscalYear the fiscal year (start year)
 * @param value      the value reached
 * @param recordedAt when
 * @param recordedBy who
 */
public record ActualRecorded(String projectId, String target, int fiscalYear, long value, Instant recordedAt,
                             StaffRef recordedBy) {
}
