package kyodo.command.project.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import kyodo.command.access.CommandPermissions;
import kyodo.command.budget.SetEnvelope;
import kyodo.command.project.AddPartner;
import kyodo.command.project.ApproveProject;
import kyodo.command.project.BudgetAllocations;
import kyodo.command.project.CompleteProject;
import kyodo.command.project.LaunchProject;
import kyodo.command.project.PostProgressReport;
import kyodo.command.project.RecordActual;
import kyodo.command.project.RecordExpenditure;
import kyodo.command.project.SelfEvaluate;
import kyodo.command.project.SetTarget;
import kyodo.command.project.SignAgreement;
import kyodo.command.project.TerminateProject;
import kyodo.command.web.AggregateCommands;
import kyodo.command.web.CommandAnswer;
import kyodo.command.web.CommandDispatch;
import kyodo.command.web.IdempotentCreation;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.kernel.project.WardBudgetId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Staff commands on collaborative projects and ward budgets. Each answers {@code {id, version}}
 * with the version as ETag, plus the id of what it added; If-Match makes it conditional.
 */
@RestController
@Tag(name = "projects and ward budgets (commands)")
class ProjectCommandController {

    private static final String IF_MATCH = "ETag of the version this command expects; 412 when stale";
    private static final String PROJECTS = "/api/projects";

    private final AggregateCommands commands;
    private final CommandDispatch dispatch;
    private final IdempotentCreation creation;
    private final BudgetAllocations allocations;

    ProjectCommandController(AggregateCommands commands, CommandDispatch dispatch, IdempotentCreation creation,
                             BudgetAllocations allocations) {
        this.commands = commands;
        this.dispatch = dispatch;
        this.creation = creation;
        this.allocations = allocations;
    }

    /** Answer to a command that added something: {@code {id, version, partnerId|agreementId|…}}. */
    record Added(String id, long version, @JsonIgnore String field, @JsonIgnore String addedId) {

        @JsonAnyGetter
        Map<String, String> added() {
            return Map.of(field, addedId);
        }
    }

    private static ResponseEntity<Added> added(String id, long version, String field, String addedId) {
        return ResponseEntity.ok().headers(CommandAnswer.etagHeader(version))
                .body(new Added(id, version, field, addedId));
    }

    @Operation(summary = "Launch a project", description = "201 with Location and {id, version: 0}; a project "
            + "launched from a proposal needs that proposal accepted, from a resolution that it was adopted")
    @PostMapping(path = PROJECTS, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> launch(@Valid @RequestBody ProjectCommandBodies.Launch b,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, StaffRef actor) {
        ProjectOrigin origin = b.origin() == null ? ProjectOrigin.DEPARTMENT_INITIATIVE
                : new ProjectOrigin(b.origin().proposalId(), b.origin().meetingId(), b.origin().resolutionId());
        return creation.create("POST " + PROJECTS, idempotencyKey, b, id -> dispatch.send(new LaunchProject(id,
                        b.ward() == null ? null : Ward.fromCode(b.ward()).orElseThrow(), FiscalYear.of(b.fiscalYear()),
                        b.title(), b.theme(), ProjectProgramme.valueOf(b.programme()), origin, b.leadDepartment(),
                        commands.now(), actor), actor))
                .map(id -> CommandAnswer.created(PROJECTS, id, 0));
    }

    @Operation(summary = "Add a partner organisation; answers {id, version, partnerId}")
    @PostMapping(path = PROJECTS + "/{id}/partners", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Added>> partner(@PathVariable String id, @Valid @RequestBody ProjectCommandBodies.Partner b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        String partnerId = AggregateCommands.newId();
        return commands.sendThen(id, ifMatch, actor, (v, at) -> new AddPartner(id, v, partnerId, b.name(),
                PartnerType.valueOf(b.type()), b.role(), at, actor), v -> added(id, v, "partnerId", partnerId));
    }

    @Operation(summary = "Record an agreement signed by at least two partners (a decision)")
    @PostMapping(path = PROJECTS + "/{id}/agreements", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Added>> agreement(@PathVariable String id, @Valid @RequestBody ProjectCommandBodies.Agreement b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        String agreementId = AggregateCommands.newId();
        return commands.sendThen(id, ifMatch, actor, (v, at) -> new SignAgreement(id, v, agreementId,
                AggregateCommands.newId(), b.title(), b.partyIds(), b.signedOn(), at, actor),
                v -> added(id, v, "agreementId", agreementId));
    }

    @Operation(summary = "Approve the project (a decision: WARD_HEAD for a ward project, ADMIN city-wide)")
    @PostMapping(path = PROJECTS + "/{id}/approval", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> approve(@PathVariable String id, @Valid @RequestBody ProjectCommandBodies.Reason b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new ApproveProject(id, v, AggregateCommands.newId(),
                b.reason(), at, actor));
    }

    @Operation(summary = "Allocate money from the ward's budget (a decision, WARD_HEAD)",
            description = "Never exceeds the ward's envelope, also under concurrent allocations; answers the "
                    + "allocationId")
    @PostMapping(path = PROJECTS + "/{id}/budget-allocations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Added>> allocate(@PathVariable String id,
            @Valid @RequestBody ProjectCommandBodies.Allocation b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return allocations.allocate(id, ifMatch, Yen.of(b.amountYen()), b.reason(), actor,
                (version, allocationId) -> added(id, version, "allocationId", allocationId));
    }

    @Operation(summary = "Record money spent, within the allocation")
    @PostMapping(path = PROJECTS + "/{id}/expenditures", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Added>> expenditure(@PathVariable String id,
            @Valid @RequestBody ProjectCommandBodies.Expenditure b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        String expenditureId = AggregateCommands.newId();
        return commands.sendThen(id, ifMatch, actor, (v, at) -> new RecordExpenditure(id, v, expenditureId,
                Yen.of(b.amountYen()), b.description(), b.spentOn(), at, actor), v -> added(id, v, "expenditureId", expenditureId));
    }

    @Operation(summary = "Set a target: baseline and value per fiscal year")
    @PostMapping(path = PROJECTS + "/{id}/targets", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> target(@PathVariable String id, @Valid @RequestBody ProjectCommandBodies.Target b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new SetTarget(id, v, b.name(), b.unit(), b.baseline(),
                Map.copyOf(b.targets()), at, actor));
    }

    @Operation(summary = "Record the value a target reached in a fiscal year")
    @PostMapping(path = PROJECTS + "/{id}/actuals", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> actual(@PathVariable String id, @Valid @RequestBody ProjectCommandBodies.Actual b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new RecordActual(id, v, b.target(), b.fiscalYear(),
                b.value(), at, actor));
    }

    @Operation(summary = "Post a public progress report")
    @PostMapping(path = PROJECTS + "/{id}/progress-reports", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> progress(@PathVariable String id, @Valid @RequestBody ProjectCommandBodies.Text b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new PostProgressReport(id, v, b.text(), at, actor));
    }

    @Operation(summary = "Record the self-evaluation (rating 1-5)")
    @PostMapping(path = PROJECTS + "/{id}/self-evaluation", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> evaluate(@PathVariable String id,
            @Valid @RequestBody ProjectCommandBodies.Evaluation b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new SelfEvaluate(id, v, b.rating(), b.text(), at, actor));
    }

    @Operation(summary = "Complete the project (a decision)")
    @PostMapping(path = PROJECTS + "/{id}/completion", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> complete(@PathVariable String id,
            @Valid @RequestBody ProjectCommandBodies.Summary b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new CompleteProject(id, v, AggregateCommands.newId(),
                b.summary(), at, actor));
    }

    @Operation(summary = "Terminate the project (a decision); the unspent allocation returns to the ward budget")
    @PostMapping(path = PROJECTS + "/{id}/termination", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> terminate(@PathVariable String id,
            @Valid @RequestBody ProjectCommandBodies.Reason b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        return commands.send(id, ifMatch, actor, (v, at) -> new TerminateProject(id, v, AggregateCommands.newId(),
                b.reason(), at, actor));
    }

    @Operation(summary = "Set a ward's budget envelope for a fiscal year (a decision, ADMIN)")
    @PutMapping(path = "/api/ward-budgets/{ward}/{fiscalYear}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAnswer>> envelope(@PathVariable String ward, @PathVariable String fiscalYear,
            @Valid @RequestBody ProjectCommandBodies.Envelope b,
            @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            StaffRef actor) {
        Ward theWard = Ward.fromCode(ward).orElseThrow(() -> invalid("ward", "not a ward code"));
        FiscalYear year = parseYear(fiscalYear);
        CommandPermissions.require(actor, SetEnvelope.class);
        String budgetId = WardBudgetId.of(theWard, year);
        return commands.send(budgetId, ifMatch, actor, (v, at) -> new SetEnvelope(budgetId, v, theWard, year,
                Yen.of(b.envelopeYen()), AggregateCommands.newId(), b.reason(), at, actor));
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
