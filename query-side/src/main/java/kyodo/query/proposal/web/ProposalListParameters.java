package kyodo.query.proposal.web;

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
 * The OpenAPI description of the proposal list parameters, written once for the staff and the
 * public list, beside {@link PageParameters}. The parameters themselves are read and validated by
 * {@link kyodo.query.proposal.ProposalListQuery#parse}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Parameters({
        @Parameter(name = "ward", in = ParameterIn.QUERY, description = "ward code",
                schema = @Schema(allowableValues = {"kawasaki", "saiwai", "nakahara", "takatsu", "miyamae", "tama",
                        "asao"})),
        @Parameter(name = "status", in = ParameterIn.QUERY, description = "current status",
                schema = @Schema(allowableValues = {"SUBMITTED", "ACKNOWLEDGED", "REVISION_REQUESTED",
                        "REFERRED_TO_MEETING", "ACCEPTED", "REJECTED", "WITHDRAWN"})),
        @Parameter(name = "theme", in = ParameterIn.QUERY, description = "a theme label, exactly (≤ 50 characters)",
                schema = @Schema(maxLength = 50)),
        @Parameter(name = "programme", in = ParameterIn.QUERY, description = "the programme it arrived through",
                schema = @Schema(allowableValues = {"CITIZEN_PROPOSAL", "SUGGESTION_BOX", "MACHI_NO_HIROBA",
                        "OTHER"})),
        @Parameter(name = "fiscalYear", in = ParameterIn.QUERY,
                description = "fiscal year of submission, by its starting year (2025 = 2025-04-01..2026-03-31)",
                schema = @Schema(type = "integer", minimum = "1989", maximum = "2200")),
        @Parameter(name = "overdue", in = ParameterIn.QUERY,
                description = "true: only proposals whose answer is past due and still missing; false: all others",
                schema = @Schema(type = "boolean")),
        @Parameter(name = "q", in = ParameterIn.QUERY,
                description = "words to find in title or body (Japanese needs no spaces); every word must occur",
                schema = @Schema(maxLength = 200)),
        @Parameter(name = "sort", in = ParameterIn.QUERY,
                description = "order; a leading - means descending (newest or latest first); equal values "
                        + "by id, in the same direction",
                schema = @Schema(allowableValues = {"submittedAt", "-submittedAt", "dueOn", "-dueOn"},
                        defaultValue = "-submittedAt"))
})
@PageParameters
@interface ProposalListParameters {
}
