package kyodo.query.project.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import kyodo.query.web.PageParameters;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI description of the project list parameters, written once for the staff and the
 * public list, beside {@link PageParameters}. The parameters themselves are read and validated by
 * {@link kyodo.query.project.ProjectListQuery#parse}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Parameters({
        @Parameter(name = "ward", in = ParameterIn.QUERY,
                description = "ward code: only that ward's projects (city-wide projects have no ward)",
                schema = @Schema(allowableValues = {"kawasaki", "saiwai", "nakahara", "takatsu", "miyamae", "tama",
                        "asao"})),
        @Parameter(name = "fiscalYear", in = ParameterIn.QUERY,
                description = "fiscal year the project runs in, by its starting year (2025 = 2025-04-01..2026-03-31)",
                schema = @Schema(type = "integer", minimum = "1989", maximum = "2200")),
        @Parameter(name = "programme", in = ParameterIn.QUERY, description = "how the project is run",
                schema = @Schema(allowableValues = {"COLLABORATIVE", "WARD_LOCAL_ISSUE", "MACHI_NO_HIROBA"})),
        @Parameter(name = "status", in = ParameterIn.QUERY, description = "current status",
                schema = @Schema(allowableValues = {"LAUNCHED", "APPROVED", "COMPLETED", "TERMINATED"})),
        @Parameter(name = "theme", in = ParameterIn.QUERY, description = "the theme, exactly (≤ 50 characters)",
                schema = @Schema(maxLength = 50)),
        @Parameter(name = "q", in = ParameterIn.QUERY,
                description = "words to find in the title or theme (Japanese needs no spaces); every word must occur",
                schema = @Schema(maxLength = 200)),
        @Parameter(name = "sort", in = ParameterIn.QUERY,
                description = "order by launch; a leading - means latest first",
                schema = @Schema(allowableValues = {"launchedAt", "-launchedAt"}, defaultValue = "-launchedAt"))
})
@PageParameters
@interface ProjectListParameters {
}
