package kyodo.command.project.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import kyodo.command.project.BudgetAllocations;
import kyodo.command.web.CommandAnswer;
import kyodo.command.web.CommandEdge;
import kyodo.command.web.CommandSubject;
import kyodo.command.web.PostCommand;
import kyodo.command.web.PostToSubject;
import kyodo.kernel.Yen;
import kyodo.kernel.access.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Staff commands on collaborative projects. Each answers {@code {id, version}} with the version as
 * ETag, plus the id of what it added; If-Match makes it conditional.
 */
@RestController
@Tag(name = "projects and ward budgets (commands)")
class ProjectCommandController {

    private static final String PROJECTS = "/api/projects";

    private final CommandEdge edge;
    private final BudgetAllocations allocations;

    ProjectCommandController(CommandEdge edge, BudgetAllocations allocations) {
        this.edge = edge;
        this.allocations = allocations;
    }

    /** Answer to a command that added something: {@code {id, version, partnerId|agreementId|…}}. */
    record Added(String id, long version, @JsonIgnore String field, @JsonIgnore String addedId) {

        @JsonAnyGetter
        Map<String, String> added() {
            return Map.of(field, addedId);
        }
    }

    private Mono<ResponseEntity<Added>> add(CommandSubject subject, String field, CommandEdge.Adding command) {
        return edge.add(subject, command, (id, version, addedId) -> new Added(id, version, field, addedId));
    }

    @Operation(operationId = "launchProject",
            summary = "Launch a project", description = "201 with Location and {id, version: 0}; a project "
            + "launched from a proposal needs that proposal accepted, from a resolution that it was adopted")
    @PostCommand(PROJECTS)
    Mono<ResponseEntity<CommandAnswer>> launch(@Valid @RequestBody ProjectCommandBodies.Launch b,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Actor actor) {
        return edge.create(PROJECTS, idempotencyKey, b, actor, b.command());
    }

    @Operation(operationId = "addProjectPartner",
            summary = "Add a partner organisation; answers {id, version, partnerId}")
    @PostToSubject(PROJECTS + "/{id}/partners")
    Mono<ResponseEntity<Added>> partner(@Valid @RequestBody ProjectCommandBodies.Partner b, CommandSubject subject) {
        return add(subject, "partnerId", b.command());
    }

    @Operation(operationId = "recordProjectAgreement",
            summary = "Record an agreement signed by at least two partners (a decision)")
    @PostToSubject(PROJECTS + "/{id}/agreements")
    Mono<ResponseEntity<Added>> agreement(@Valid @RequestBody ProjectCommandBodies.Agreement b,
            CommandSubject subject) {
        return add(subject, "agreementId", b.command());
    }

    @Operation(operationId = "approveProject",
            summary = "Approve the project (a decision: WARD_HEAD for a ward project, ADMIN city-wide)")
    @PostToSubject(PROJECTS + "/{id}/approval")
    Mono<ResponseEntity<CommandAnswer>> approve(@Valid @RequestBody ProjectCommandBodies.Approval b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "allocateProjectBudget",
            summary = "Allocate money from the ward's budget (a decision, WARD_HEAD)",
            description = "Never exceeds the ward's envelope, also under concurrent allocations; answers the "
                    + "allocationId")
    @PostToSubject(PROJECTS + "/{id}/budget-allocations")
    Mono<ResponseEntity<Added>> allocate(@Valid @RequestBody ProjectCommandBodies.Allocation b,
            CommandSubject subject) {
        return allocations.allocate(subject.id(), subject.ifMatch(), Yen.of(b.amountYen()), b.reason(), subject.actor())
                .map(allocated -> CommandAnswer.withEtag(allocated.version(),
                        new Added(subject.id(), allocated.version(), "allocationId", allocated.allocationId())));
    }

    @Operation(operationId = "recordProjectExpenditure", summary = "Record money spent, within the allocation")
    @PostToSubject(PROJECTS + "/{id}/expenditures")
    Mono<ResponseEntity<Added>> expenditure(@Valid @RequestBody ProjectCommandBodies.Expenditure b,
            CommandSubject subject) {
        return add(subject, "expenditureId", b.command());
    }

    @Operation(operationId = "setProjectTarget", summary = "Set a target: baseline and value per fiscal year")
    @PostToSubject(PROJECTS + "/{id}/targets")
    Mono<ResponseEntity<CommandAnswer>> target(@Valid @RequestBody ProjectCommandBodies.Target b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "recordProjectActual", summary = "Record the value a target reached in a fiscal year")
    @PostToSubject(PROJECTS + "/{id}/actuals")
    Mono<ResponseEntity<CommandAnswer>> actual(@Valid @RequestBody ProjectCommandBodies.Actual b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "postProjectProgressReport", summary = "Post a public progress report")
    @PostToSubject(PROJECTS + "/{id}/progress-reports")
    Mono<ResponseEntity<CommandAnswer>> progress(@Valid @RequestBody ProjectCommandBodies.Text b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "recordProjectSelfEvaluation", summary = "Record the self-evaluation (rating 1-5)")
    @PostToSubject(PROJECTS + "/{id}/self-evaluation")
    Mono<ResponseEntity<CommandAnswer>> evaluate(@Valid @RequestBody ProjectCommandBodies.Evaluation b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "completeProject", summary = "Complete the project (a decision)")
    @PostToSubject(PROJECTS + "/{id}/completion")
    Mono<ResponseEntity<CommandAnswer>> complete(@Valid @RequestBody ProjectCommandBodies.Summary b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }

    @Operation(operationId = "terminateProject",
            summary = "Terminate the project (a decision); the unspent allocation returns to the ward budget")
    @PostToSubject(PROJECTS + "/{id}/termination")
    Mono<ResponseEntity<CommandAnswer>> terminate(@Valid @RequestBody ProjectCommandBodies.Termination b,
            CommandSubject subject) {
        return edge.send(subject, b.command());
    }
}
