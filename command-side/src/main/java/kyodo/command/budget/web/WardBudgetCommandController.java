package kyodo.command.budget.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import kyodo.command.access.CommandPermissions;
import kyodo.command.budget.SetEnvelope;
import kyodo.command.web.CommandAnswer;
import kyodo.command.web.CommandEdge;
import kyodo.command.web.CommandSubject;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.project.WardBudgetId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * The ADMIN's command on ward budgets: the envelope of a ward for a fiscal year. Allocations from it
 * are the project's commands ({@code /api/projects/{id}/budget-allocations}).
 */
@RestController
@Tag(name = "projects and ward budgets (commands)")
class WardBudgetCommandController {

    private final CommandEdge edge;

    WardBudgetCommandController(CommandEdge edge) {
        this.edge = edge;
    }

    @Operation(operationId = "setWardBudgetEnvelope",
            summary = "Set a ward's budget envelope for a fiscal year (a decision, ADMIN)")
    @PutMapping(path = "/api/ward-budgets/{ward}/{fiscalYear}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> envelope(@PathVariable String ward, @PathVariable String fiscalYear,
            @Valid @RequestBody WardBudgetCommandBodies.Envelope b,
            @Parameter(description = "ETag of the version this command expects; 412 when stale")
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Actor actor) {
        Ward theWard = Ward.fromCode(ward).orElseThrow(() -> invalid("ward", "not a ward code"));
        FiscalYear year = parseYear(fiscalYear);
        CommandPermissions.require(actor.staffRef(), SetEnvelope.class);
        String budgetId = WardBudgetId.of(theWard, year);
        return edge.send(new CommandSubject(budgetId, ifMatch, actor), b.command(theWard, year));
    }

    private static FiscalYear parseYear(String text) {
        try {
            return FiscalYear.of(Integer.parseInt(text));
        } catch (IllegalArgumentException e) {
            throw invalid("fiscalYear", "a year from 1989 to 2200");
        }
    }

    private static KyodoProblemException invalid(String field, String message) {
        return new KyodoProblemException(CommonProblems.INVALID_INPUT, "Invalid " + field + ".",
                List.of(new FieldViolation(field, message)), Map.of());
    }
}
