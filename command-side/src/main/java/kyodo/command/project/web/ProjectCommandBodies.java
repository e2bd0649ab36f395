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
import kyodo.command.project.AddPartner;
import kyodo.command.project.ApproveProject;
import kyodo.command.project.CompleteProject;
import kyodo.command.project.LaunchProject;
import kyodo.command.project.PostProgressReport;
import kyodo.command.project.RecordActual;
import kyodo.command.project.RecordExpenditure;
import kyodo.command.project.SelfEvaluate;
import kyodo.command.project.SetTarget;
import kyodo.command.project.SignAgreement;
import kyodo.command.project.TerminateProject;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.web.CommandEdge;
import kyodo.command.web.ToAddition;
import kyodo.command.web.ToCommand;
import kyodo.command.web.validation.Limits;
import kyodo.command.web.validation.OneOf;
import kyodo.command.web.validation.PlainText;
import kyodo.command.web.validation.SaneDate;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Bodies of the project commands (docs/api.md), each with the command it stands for. Public: the staff
 * console (ops) validates its forms as these bodies and sends their commands, so a form and the JSON API
 * refuse the same input and send the same command.
 */
public final class ProjectCommandBodies {

    private static final String ID = "[A-Za-z0-9-]{1,64}";
    private static final long MAX_YEN = Limits.MAX_YEN;
    /** Up to 10^12 of any unit a target counts (people, bicycles, m²): beyond it is a typo or an attack. */
    static final long MAX_MEASURE = 1_000_000_000_000L;

    private ProjectCommandBodies() {
    }

    public record Origin(@Pattern(regexp = ID) String proposalId, @Pattern(regexp = ID) String meetingId,
                  @Pattern(regexp = ID) String resolutionId) {
    }

    @Schema(description = "A project of a ward, or city-wide when ward is absent")
    public record Launch(@OneOf(Ward.class) String ward,
                  @NotNull @Min(1989) @Max(2200) Integer fiscalYear,
                  @NotBlank @Size(max = 200) @PlainText String title,
                  @NotBlank @Size(max = 200) @PlainText String theme,
                  @NotNull @OneOf(ProjectProgramme.class) String programme,
                  @Valid Origin origin,
                  @NotBlank @Size(max = 200) @PlainText String leadDepartment) {

        /** The creation, given the new project's id, the time and the acting staff. */
        public AggregateCommands.Creating command() {
            ProjectOrigin from = origin == null ? ProjectOrigin.DEPARTMENT_INITIATIVE
                    : new ProjectOrigin(origin.proposalId(), origin.meetingId(), origin.resolutionId());
            return (id, at, by) -> new LaunchProject(id, ward == null ? null : Ward.fromCode(ward).orElseThrow(),
                    FiscalYear.of(fiscalYear), title, theme, ProjectProgramme.valueOf(programme), from, leadDepartment,
                    at, by);
        }
    }

    public record Partner(@NotBlank @Size(max = 200) @PlainText String name,
                   @NotNull @OneOf(PartnerType.class) String type,
                   @NotBlank @Size(max = 200) @PlainText String role) implements ToAddition {
        @Override
        public CommandEdge.Adding command() {
            return (id, partnerId, v, at, by) -> new AddPartner(id, v, partnerId, name, PartnerType.valueOf(type), role,
                    at, by);
        }
    }

    public record Agreement(@NotBlank @Size(max = 200) @PlainText String title,
                     @NotNull @Size(min = 2, max = 100) List<@NotNull @Pattern(regexp = ID) String> partyIds,
                     @Schema(description = SaneDate.DESCRIPTION) @NotNull @SaneDate LocalDate signedOn)
            implements ToAddition {
        @Override
        public CommandEdge.Adding command() {
            return (id, agreementId, v, at, by) -> new SignAgreement(id, v, agreementId, AggregateCommands.newId(),
                    title, partyIds, signedOn, at, by);
        }
    }

    @Schema(description = "A decision: the project is approved (WARD_HEAD for a ward project, ADMIN city-wide)")
    public record Approval(@NotBlank @Size(max = 5000) @PlainText String reason) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new ApproveProject(id, v, AggregateCommands.newId(), reason, at, by);
        }
    }

    @Schema(description = "A decision: the project ends early; the unspent allocation returns to the ward budget")
    public record Termination(@NotBlank @Size(max = 5000) @PlainText String reason) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new TerminateProject(id, v, AggregateCommands.newId(), reason, at, by);
        }
    }

    /** Sent through {@code BudgetAllocations}, which moves the money across the budget and the project (ADR 9). */
    public record Allocation(@NotNull @Min(1) @Max(MAX_YEN) Long amountYen,
                      @NotBlank @Size(max = 5000) @PlainText String reason) {
    }

    public record Expenditure(@NotNull @Min(1) @Max(MAX_YEN) Long amountYen,
                       @NotBlank @Size(max = 5000) @PlainText String description,
                       @Schema(description = SaneDate.DESCRIPTION) @NotNull @SaneDate LocalDate spentOn)
            implements ToAddition {
        @Override
        public CommandEdge.Adding command() {
            return (id, expenditureId, v, at, by) -> new RecordExpenditure(id, v, expenditureId, Yen.of(amountYen),
                    description, spentOn, at, by);
        }
    }

    public record Target(@NotBlank @Size(max = 200) @PlainText String name,
                  @NotBlank @Size(max = 50) @PlainText String unit,
                  @NotNull @Min(0) @Max(MAX_MEASURE) Long baseline,
                  @Schema(description = "target value by fiscal year (1989..2200)", example = "{\"2025\": 60}")
                  @NotEmpty @Size(max = 50)
                  Map<@NotNull @Min(1989) @Max(2200) Integer, @NotNull @Min(0) @Max(MAX_MEASURE) Long> targets)
            implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new SetTarget(id, v, name, unit, baseline, Map.copyOf(targets), at, by);
        }
    }

    public record Actual(@NotBlank @Size(max = 200) @PlainText String target,
                  @NotNull @Min(1989) @Max(2200) Integer fiscalYear,
                  @NotNull @Min(0) @Max(MAX_MEASURE) Long value) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new RecordActual(id, v, target, fiscalYear, value, at, by);
        }
    }

    @Schema(description = "A public progress report")
    public record Text(@NotBlank @Size(max = 5000) @PlainText String text) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new PostProgressReport(id, v, text, at, by);
        }
    }

    public record Evaluation(@NotNull @Min(1) @Max(5) Integer rating, @NotBlank @Size(max = 5000) @PlainText String text)
            implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new SelfEvaluate(id, v, rating, text, at, by);
        }
    }

    @Schema(description = "A decision: the project is complete")
    public record Summary(@NotBlank @Size(max = 5000) @PlainText String summary) implements ToCommand {
        @Override
        public AggregateCommands.OnSubject command() {
            return (id, v, at, by) -> new CompleteProject(id, v, AggregateCommands.newId(), summary, at, by);
        }
    }
}
