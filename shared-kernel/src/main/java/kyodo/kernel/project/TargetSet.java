package kyodo.kernel.project;

import kyodo.kernel.StaffRef;

import java.time.Instant;
import java.util.Map;

/**
 * A target of the project's action plan was set (or reset): a baseline and a value per fiscal year, e.g. bicycle parking 54,092 → 60,000 places.
 *
 * @param projectId the project
 * @param name      the target's name, unique within the project
 * @param unit      its unit (台, 箇所, 人 …)
 * @param baseline  the value at the start
 * @param targets   the value aimed at, per fiscal year (start year)
 * @param setAt     when
 * @param setBy     who
 */
public record TargetSet(String projectId, String name, String unit, long baseline, Map<Integer, Long> targets,
                        Instant setAt, StaffRef setBy) {
}
