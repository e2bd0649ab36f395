package kyodo.query.analytics.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI description shared by every analytics endpoint: {@code groupBy} and the three
 * answer formats. The parameters are validated by {@link kyodo.query.analytics.AnalyticsQuery#parse}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Parameter(name = "groupBy", in = ParameterIn.QUERY,
        description = "comma-separated dimension names to group by (each at most once), or `none` for one total "
                + "row; default per read model (see /analytics/schema)",
        schema = @Schema(type = "string"))
@ApiResponse(responseCode = "200", description = "the rows",
        content = {@Content(mediaType = "application/json",
                schema = @Schema(description = "{readModel, groupBy[], filters{}, rows[{dimension…, measure…}]}")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string",
                        description = "UTF-8 with BOM, header row, CRLF, RFC 4180")),
                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string",
                        description = "one JSON row per line"))})
@ApiResponse(responseCode = "400", description = "invalid filter or groupBy (problem+json with errors[])")
@interface AnalyticsParameters {
}
