package kyodo.command.project.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import kyodo.command.web.validation.Limits;
import kyodo.command.web.validation.OneOf;
import kyodo.command.web.validation.PlainText;
import kyodo.command.web.validation.SaneDate;
import kyodo.kernel.Ward;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProjectProgramme;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Bodies of the project commands (docs/api.md). */
final class ProjectCommandBodies {

    private static final String ID = "[A-Za-z0-9-]{1,64}";
    private static final long MAX_YEN = Limits.MAX_YEN;
    /** Up to 10^12 of any unit a target counts (people, bicycles, m²): beyond it is a typo or an attack. */
    static final long MAX_MEASURE = 1_000_000_000_000L;

    private ProjectCommandBodies() {
    }

    record Origin(@Pattern(regexp = ID) String proposalId, @Pattern(regexp = ID) String meetingId,
                  @Pattern(regexp = ID) String resolutionId) {
    }

    @Schema(description = "A project of a ward, or city-wide when ward is absent")
    record Launch(@OneOf(Ward.class) String ward,
                  @NotNull @Min(1989) @Max(2200) Integer fiscalYear,
                  @NotBlank @Size(max = 200) @PlainText String title,
                  @NotBlank @Size(max = 200) @PlainText String theme,
                  @NotNull @OneOf(ProjectProgramme.class) String programme,
                  @Valid Origin origin,
                  @NotBlank @Size(max = 200) @PlainText String leadDepartment) {
    }

    record Partner(@NotBlank @Size(max = 200) @PlainText String name,
                   @NotNull @OneOf(PartnerType.class) String type,
                   @NotBlank @Size(max = 200) @PlainText String role) {
    }

    record Agreement(@NotBlank @Size(max = 200) @PlainText String title,
                     @NotNull @Size(min = 2, max = 100) List<@NotNull @Pattern(regexp = ID) String> partyIds,
                     @Schema(description = SaneDate.DESCRIPTION) @NotNull @SaneDate LocalDate signedOn) {
    }

    record Reason(@NotBlank @Size(max = 5000) @PlainText String reason) {
    }

    record Allocation(@NotNull @Min(1) @Max(MAX_YEN) Long amountYen,
                      @NotBlank @Size(max = 5000) @PlainText String reason) {
    }

    record Expenditure(@NotNull @Min(1) @Max(MAX_YEN) Long amountYen,
                       @NotBlank @Size(max = 5000) @PlainText String description,
                       @Schema(description = SaneDate.DESCRIPTION) @NotNull @SaneDate LocalDate spentOn) {
    }

    record Target(@NotBlank @Size(max = 200) @PlainText String name,
                  @NotBlank @Size(max = 50) @PlainText String unit,
                  @NotNull @Min(0) @Max(MAX_MEASURE) Long baseline,
                  @Schema(description = "target value by fiscal year (1989..2200)", example = "{\"2025\": 60}")
                  @NotEmpty @Size(max = 50)
                  Map<@NotNull @Min(1989) @Max(2200) Integer, @NotNull @Min(0) @Max(MAX_MEASURE) Long> targets) {
    }

    record Actual(@NotBlank @Size(max = 200) @PlainText String target,
                  @NotNull @Min(1989) @Max(2200) Integer fiscalYear,
                  @NotNull @Min(0) @Max(MAX_MEASURE) Long value) {
    }

    record Text(@NotBlank @Size(max = 5000) @PlainText String text) {
    }

    record Evaluation(@NotNull @Min(1) @Max(5) Integer rating, @NotBlank @Size(max = 5000) @PlainText String text) {
    }

    record Summary(@NotBlank @Size(max = 5000) @PlainText String summary) {
    }
}
