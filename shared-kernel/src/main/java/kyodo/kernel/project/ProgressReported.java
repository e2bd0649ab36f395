package kyodo.kernel.project;

import kyodo.kernel.StaffRef;

import java.time.Instant;

/**
 * A public progress report on the project.
 *
 * @param projectId  the project
 * @param text       the report
 * @param reportedAt when
 * @param reportedBy who
 */
public record ProgressReported(String projectId, String text, Instant reportedAt, StaffRef reportedBy) {
}
