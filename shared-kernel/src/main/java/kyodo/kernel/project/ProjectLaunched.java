package kyodo.kernel.project;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;

import java.time.Instant;

/**
 * A collaborative project was launched, for a ward (or city-wide when {@code ward} is null) and a fiscal year.
 *
 * @param projectId      the project
 * @param ward           its ward, or null for a city-wide project
 * @param fiscalYear     the fiscal year it runs in
 * @param title          public title
 * @param theme          its theme
 * @param programme      how it is run
 * @param origin         where it comes from
 * @param leadDepartment the city department leading it
 * @param launchedAt     when
 * @param launchedBy     who
 */
public record ProjectLaunched(String projectId, Ward ward, FiscalYear fiscalYear, String title, String theme,
                              ProjectProgramme programme, ProjectOrigin origin, String leadDepartment,
                              Instant launchedAt, StaffRef launchedBy) {
}
