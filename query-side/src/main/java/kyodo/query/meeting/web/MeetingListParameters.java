package kyodo.query.meeting.web;

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
 * The OpenAPI description of the meeting list parameters, written once for the staff and the
 * public list, beside {@link PageParameters}. The parameters themselves are read and validated by
 * {@link kyodo.query.meeting.MeetingListQuery#parse}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Parameters({
        @Parameter(name = "ward", in = ParameterIn.QUERY,
                description = "ward code: only that ward's own meetings (not its district's or the city's); "
                        + "city: only the city-wide meetings, of no ward and no district (forums, panels)",
                schema = @Schema(allowableValues = {"kawasaki", "saiwai", "nakahara", "takatsu", "miyamae", "tama",
                        "asao", "city"})),
        @Parameter(name = "district", in = ParameterIn.QUERY,
                description = "district code: only meetings held for that district",
                schema = @Schema(allowableValues = {"south", "central", "north"})),
        @Parameter(name = "kind", in = ParameterIn.QUERY, description = "kind of meeting",
                schema = @Schema(allowableValues = {"WARD_ASSEMBLY", "EXPERT_PANEL", "WORKSHOP", "TOWN_HALL",
                        "FORUM"})),
        @Parameter(name = "fiscalYear", in = ParameterIn.QUERY,
                description = "fiscal year of the start, by its starting year (2025 = 2025-04-01..2026-03-31)",
                schema = @Schema(type = "integer", minimum = "1989", maximum = "2200")),
        @Parameter(name = "from", in = ParameterIn.QUERY,
                description = "only meetings starting on or after this day (Asia/Tokyo)",
                schema = @Schema(type = "string", format = "date", example = "2015-09-01")),
        @Parameter(name = "to", in = ParameterIn.QUERY,
                description = "only meetings starting on or before this day (Asia/Tokyo); not before from",
                schema = @Schema(type = "string", format = "date", example = "2015-09-30")),
        @Parameter(name = "status", in = ParameterIn.QUERY, description = "current status",
                schema = @Schema(allowableValues = {"SCHEDULED", "CANCELLED", "OPEN", "CLOSED"})),
        @Parameter(name = "q", in = ParameterIn.QUERY,
                description = "words to find in the title, the themes or the opinions (Japanese needs no spaces); "
                        + "every word must occur",
                schema = @Schema(maxLength = 200)),
        @Parameter(name = "sort", in = ParameterIn.QUERY,
                description = "order by start; a leading - means latest first",
                schema = @Schema(allowableValues = {"startsAt", "-startsAt"}, defaultValue = "-startsAt"))
})
@PageParameters
@interface MeetingListParameters {
}
