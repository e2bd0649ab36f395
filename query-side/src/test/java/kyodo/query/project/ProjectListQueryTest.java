package kyodo.query.project;

import kyodo.kernel.Ward;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.project.ProjectProgramme;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ProjectListQueryTest {

    @Test
    void noParametersMeanEverythingLatestLaunchFirstTwentyAPage() {
        assertThat(ProjectListQuery.parse(Map.of())).isEqualTo(new ProjectListQuery(null, null, null, null, null,
                null, 0, 20, true));
        assertThat(ProjectListQuery.all()).isEqualTo(ProjectListQuery.parse(Map.of()));
    }

    @Test
    void everyParameterIsReadIntoItsType() {
        ProjectListQuery query = parse(Map.of("ward", " Saiwai ", "fiscalYear", "2025", "programme",
                "ward_local_issue", "status", "completed", "theme", "緑化", "q", "花壇 公園", "page", "2", "size", "100",
                "sort", "launchedAt"));

        assertThat(query).isEqualTo(new ProjectListQuery(Ward.SAIWAI, 2025, ProjectProgramme.WARD_LOCAL_ISSUE,
                ProjectStatus.COMPLETED, "緑化", "花壇 公園", 2, 100, false));
        assertThat(query.skip()).isEqualTo(200);
    }

    @Test
    void blankValuesCountAsAbsentAndUnknownNamesAreIgnored() {
        assertThat(parse(Map.of("ward", "", "q", "  ", "sort", " ", "overdue", "x"))).isEqualTo(ProjectListQuery.all());
    }

    @Test
    void everyBadParameterIsNamedInOneProblem() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ward", "shibuya");
        params.put("fiscalYear", "1988");
        params.put("programme", "LOTTERY");
        params.put("status", "OPEN");
        params.put("theme", "あ".repeat(51));
        params.put("q", "駐".repeat(201));
        params.put("page", "-1");
        params.put("size", "101");
        params.put("sort", "title");

        assertThat(violations(params)).containsExactly(
                new FieldViolation("ward", "must be one of kawasaki, saiwai, nakahara, takatsu, miyamae, tama, asao"),
                new FieldViolation("fiscalYear", "must be a year from 1989 to 2200"),
                new FieldViolation("programme", "must be one of COLLABORATIVE, WARD_LOCAL_ISSUE, MACHI_NO_HIROBA"),
                new FieldViolation("status", "must be one of LAUNCHED, APPROVED, COMPLETED, TERMINATED"),
                new FieldViolation("theme", "must be at most 50 characters"),
                new FieldViolation("q", "must be at most 200 characters"),
                new FieldViolation("page", "must be a whole number >= 0"),
                new FieldViolation("size", "must be a whole number from 1 to 100"),
                new FieldViolation("sort", "must be one of launchedAt, -launchedAt"));
    }

    @Test
    void aRepeatedParameterIsRefused() {
        KyodoProblemException problem = (KyodoProblemException) catchThrowable(() -> ProjectListQuery.parse(
                Map.of("status", List.of("LAUNCHED", "APPROVED"))));

        assertThat(problem.toDetails().errors()).containsExactly(new FieldViolation("status", "give it once"));
    }

    @Test
    void boundsAreInclusive() {
        assertThat(parse(Map.of("fiscalYear", "1989")).fiscalYear()).isEqualTo(1989);
        assertThat(parse(Map.of("fiscalYear", "2200")).fiscalYear()).isEqualTo(2200);
        assertThat(parse(Map.of("theme", "あ".repeat(50))).theme()).hasSize(50);
        assertThat(parse(Map.of("size", "1")).size()).isEqualTo(1);
        assertThat(parse(Map.of("sort", "-launchedAt")).descending()).isTrue();
    }

    private static ProjectListQuery parse(Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return ProjectListQuery.parse(multi);
    }

    private static List<FieldViolation> violations(Map<String, String> params) {
        Throwable thrown = catchThrowable(() -> parse(params));
        assertThat(thrown).isInstanceOf(KyodoProblemException.class);
        return ((KyodoProblemException) thrown).toDetails().errors();
    }
}
